/**
 * Plans the migration of a whole workspace from one code generation to the
 * next (legacy → current): every field that holds a code, the features' own
 * codes and the references to them, through one decision per distinct old
 * code, so a reference always ends up spelled like the code it points at.
 * A code that cannot be migrated (invalid, a class without a counterpart, a
 * value the new layout cannot hold, a new code that collides) is refused with
 * the reason at every field that holds it; the caller decides whether that
 * stops the whole migration. Pure: it only plans.
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { ClassTaxonomy, UnmappedClass } from '../taxonomy/taxonomy.js';
import { findClass } from '../taxonomy/taxonomy.js';
import type { GenerationStep } from './code_generation.js';
import { parseCode, type CodeField, type CodeKind } from './code_layout.js';
import { translateCode, type ClassPairs, type TranslationProblem } from './translate_code.js';

export interface CodeValueCount { code: string | null; count: number }

export interface CodeFieldValues extends CodeField {
  /** Each distinct stored value with the number of features holding it. */
  values: CodeValueCount[];
}

export interface KindMigrationRule {
  step: GenerationStep;
  /** Class pairs by old class, for layouts that read classes in different tables. */
  classPairs?: ClassPairs;
  /** Why classes are unmapped, as the mapping file says. */
  unmappedReasons?: ReadonlyMap<string, UnmappedClass>;
  /** The table old codes are read in, to name unmapped classes. */
  fromClasses?: ClassTaxonomy;
}

export interface PlanWorkspaceMigrationInput {
  fields: CodeFieldValues[];
  rules: KindMigrationRule[];
}

export interface CodeChangeCount { from: string; to: string; count: number }

/** Features whose own code moved from one class to another, per class pair. */
export interface ClassChangeCount { fromClass: string; fromName: string; toClass: string; toName: string; rule: string; count: number }

export interface FieldMigrationPlan extends CodeField {
  changes: CodeChangeCount[];
  counts: { features: number; blank: number; alreadyCurrent: number; migrated: number; refused: number };
}

export type RefusalProblem = TranslationProblem | 'collision';

export interface RefusedCode extends CodeField {
  code: string;
  count: number;
  problem: RefusalProblem;
  reason: LocalizedText;
  classCode?: string;
}

export interface UnmappedClassGroup {
  classCode: string;
  className?: string;
  /** From the mapping file, or `not-in-mapping` for a class it does not list (e.g. a city's local class). */
  reason: UnmappedClass['reason'] | 'not-in-mapping';
  reviewHints?: string[];
  /** Features whose own code has this class. */
  count: number;
}

/** A reference that points at no feature's code, before and after: reported, not refused (the migration does not make it worse). */
export interface DanglingReference extends CodeField { code: string; count: number }

export interface WorkspaceMigrationPlan {
  steps: Array<{ kind: CodeKind; fromLayout: string; toLayout: string }>;
  fields: FieldMigrationPlan[];
  refused: RefusedCode[];
  unmappedClasses: UnmappedClassGroup[];
  byClass: ClassChangeCount[];
  dangling: DanglingReference[];
  counts: { features: number; blank: number; alreadyCurrent: number; migrated: number; refused: number };
}

/** Codes are ASCII: ordinal order is their order, and a million of them sort in a blink (localeCompare takes seconds). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Decision =
  | { status: 'current' }
  | { status: 'change'; to: string; classCode?: string }
  | { status: 'refused'; problem: RefusalProblem; reason: LocalizedText; classCode?: string };

function decide(rule: KindMigrationRule, fields: CodeFieldValues[]): Map<string, Decision> {
  const { from, to } = rule.step;
  const decisions = new Map<string, Decision>();
  const identities = new Set<string>();
  for (const field of fields) {
    for (const { code } of field.values) {
      if (code && field.role === 'identity') identities.add(code);
      if (!code || decisions.has(code)) continue;
      if (parseCode(code, to).ok) {
        decisions.set(code, { status: 'current' });
        continue;
      }
      const translated = translateCode(code, from, to, rule.classPairs);
      if (translated.ok) {
        decisions.set(code, { status: 'change', to: translated.code, ...(translated.classPair ? { classCode: translated.classPair.from } : {}) });
      } else {
        decisions.set(code, { status: 'refused', problem: translated.problem, reason: translated.reason, ...(translated.classCode ? { classCode: translated.classCode } : {}) });
      }
    }
  }
  // A feature's new code must be new: not a code another feature already has, and not the target of two old codes.
  // A reference whose old code no feature holds any more may land on a feature already migrated: that is where it points.
  // One old code per new code is the rule; only the rare shared targets get a list (a million one-element arrays cost seconds).
  const firstSource = new Map<string, string>();
  const shared = new Map<string, string[]>();
  for (const [code, decision] of decisions) {
    if (decision.status !== 'change') continue;
    const first = firstSource.get(decision.to);
    if (first === undefined) firstSource.set(decision.to, code);
    else shared.set(decision.to, [...(shared.get(decision.to) ?? [first]), code]);
  }
  const refuse = (olds: string[], reason: LocalizedText): void => {
    for (const old of olds) {
      const classCode = (decisions.get(old) as { classCode?: string }).classCode;
      decisions.set(old, { status: 'refused', problem: 'collision', reason, ...(classCode ? { classCode } : {}) });
    }
  };
  for (const [target, olds] of shared) refuse(olds, { zh: `${olds.join('、')}会变成同一个新代码${target}`, en: `${olds.join(', ')} would all become ${target}` });
  for (const [target, old] of firstSource) {
    if (shared.has(target) || !identities.has(target) || !identities.has(old)) continue;
    refuse([old], { zh: `新代码${target}已被另一要素使用`, en: `the new code ${target} is already another feature's code` });
  }
  return decisions;
}

function classGroups(rule: KindMigrationRule, fields: CodeFieldValues[], decisions: Map<string, Decision>, changed: Map<string, number>): { unmapped: UnmappedClassGroup[]; byClass: ClassChangeCount[] } {
  const unmapped = new Map<string, UnmappedClassGroup>();
  const byClass = new Map<string, ClassChangeCount>();
  for (const field of fields) {
    if (field.role !== 'identity') continue;
    for (const { code, count } of field.values) {
      const decision = code ? decisions.get(code) : undefined;
      if (decision?.status === 'refused' && decision.problem === 'unmapped-class' && decision.classCode) {
        const classCode = decision.classCode;
        let group = unmapped.get(classCode);
        if (!group) {
          const known = rule.unmappedReasons?.get(classCode);
          const name = known?.fromName ?? (rule.fromClasses ? findClass(rule.fromClasses, classCode.slice(0, 2), classCode.slice(2))?.name : undefined);
          group = { classCode, ...(name ? { className: name } : {}), reason: known?.reason ?? 'not-in-mapping', ...(known?.reviewHints ? { reviewHints: known.reviewHints } : {}), count: 0 };
          unmapped.set(classCode, group);
        }
        group.count += count;
      }
    }
  }
  for (const [fromClass, count] of changed) {
    const pair = rule.classPairs?.get(fromClass);
    if (pair) byClass.set(fromClass, { fromClass, fromName: pair.fromName, toClass: pair.to, toName: pair.toName, rule: pair.rule, count });
  }
  return {
    unmapped: [...unmapped.values()].sort((a, b) => a.classCode.localeCompare(b.classCode)),
    byClass: [...byClass.values()].sort((a, b) => a.fromClass.localeCompare(b.fromClass)),
  };
}

export function planWorkspaceMigration(input: PlanWorkspaceMigrationInput): WorkspaceMigrationPlan {
  const plan: WorkspaceMigrationPlan = {
    steps: input.rules.map((rule) => ({ kind: rule.step.kind, fromLayout: rule.step.from.id, toLayout: rule.step.to.id })),
    fields: [], refused: [], unmappedClasses: [], byClass: [], dangling: [],
    counts: { features: 0, blank: 0, alreadyCurrent: 0, migrated: 0, refused: 0 },
  };
  const decisionsByKind = new Map<CodeKind, Map<string, Decision>>();
  for (const rule of input.rules) {
    const fields = input.fields.filter((field) => field.kind === rule.step.kind);
    const decisions = decide(rule, fields);
    decisionsByKind.set(rule.step.kind, decisions);
    const changedClasses = new Map<string, number>();
    for (const field of fields.filter((candidate) => candidate.role === 'identity')) {
      for (const { code, count } of field.values) {
        const decision = code ? decisions.get(code) : undefined;
        if (decision?.status === 'change' && decision.classCode) changedClasses.set(decision.classCode, (changedClasses.get(decision.classCode) ?? 0) + count);
      }
    }
    const groups = classGroups(rule, fields, decisions, changedClasses);
    plan.unmappedClasses.push(...groups.unmapped);
    plan.byClass.push(...groups.byClass);
  }

  for (const field of input.fields) {
    const { values, ...place } = field;
    const decisions = decisionsByKind.get(field.kind);
    const entry: FieldMigrationPlan = { ...place, changes: [], counts: { features: 0, blank: 0, alreadyCurrent: 0, migrated: 0, refused: 0 } };
    for (const { code, count } of values) {
      entry.counts.features += count;
      const decision = code ? decisions?.get(code) : undefined;
      if (!code) entry.counts.blank += count;
      else if (!decision || decision.status === 'current') entry.counts.alreadyCurrent += count;
      else if (decision.status === 'change') {
        entry.changes.push({ from: code, to: decision.to, count });
        entry.counts.migrated += count;
      } else {
        plan.refused.push({ ...place, code, count, problem: decision.problem, reason: decision.reason, ...(decision.classCode ? { classCode: decision.classCode } : {}) });
        entry.counts.refused += count;
      }
    }
    entry.changes.sort((a, b) => byText(a.from, b.from));
    plan.fields.push(entry);
    for (const key of Object.keys(plan.counts) as Array<keyof WorkspaceMigrationPlan['counts']>) plan.counts[key] += entry.counts[key];
  }
  // Features' own codes first (the cause), then the references that follow them, in the order the fields are given.
  const order = (entry: CodeField): number => input.fields.findIndex((field) => field.layer === entry.layer && field.field === entry.field) + (entry.role === 'identity' ? 0 : input.fields.length);
  plan.refused.sort((a, b) => order(a) - order(b) || byText(a.code, b.code));
  plan.dangling = danglingReferences(input.fields, decisionsByKind);
  return plan;
}

/** References whose code, as it will be after the migration, is no feature's own code. */
function danglingReferences(fields: CodeFieldValues[], decisionsByKind: Map<CodeKind, Map<string, Decision>>): DanglingReference[] {
  const after = (kind: CodeKind, code: string): string => {
    const decision = decisionsByKind.get(kind)?.get(code);
    return decision?.status === 'change' ? decision.to : code;
  };
  const identities = new Map<CodeKind, Set<string>>();
  for (const field of fields) {
    if (field.role !== 'identity') continue;
    const codes = identities.get(field.kind) ?? new Set<string>();
    for (const { code } of field.values) if (code) codes.add(after(field.kind, code));
    identities.set(field.kind, codes);
  }
  const dangling: DanglingReference[] = [];
  for (const field of fields) {
    const known = identities.get(field.kind);
    if (field.role !== 'reference' || !known) continue;
    const { values, ...place } = field;
    for (const { code, count } of values) {
      if (code && !known.has(after(field.kind, code))) dangling.push({ ...place, code: after(field.kind, code), count });
    }
  }
  return dangling.sort((a, b) => byText(a.layer, b.layer) || byText(a.field, b.field) || byText(a.code, b.code));
}
