/**
 * Plans the migration of component codes from one layout to another (legacy
 * 16 digits → current 17 digits) through an explicit class mapping. The
 * division and sequence are kept; only the class changes. A class the
 * mapping does not cover is reported with its codes, never guessed; codes
 * that would collide are left alone and reported. Pure: it only plans.
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { ClassMappingPair, ClassTaxonomy, UnmappedClass } from '../taxonomy/taxonomy.js';
import { findClass } from '../taxonomy/taxonomy.js';
import { layoutLength, parseCode, type CodeLayout } from './code_layout.js';
import { buildCode } from './build_code.js';

export interface MigrationMapping {
  pairs: ClassMappingPair[];
  /** Why classes are unmapped, as the mapping file says. */
  unmapped?: UnmappedClass[];
}

export interface PlanMigrationInput {
  /** The codes as stored, duplicates and blanks included: counts are per code given. */
  codes: Iterable<string | null | undefined>;
  from: CodeLayout;
  to: CodeLayout;
  mapping: MigrationMapping;
  /** The table the old codes are read in, to name unmapped classes. */
  fromClasses?: ClassTaxonomy;
}

export interface CodeChange { from: string; to: string; fromClass: string; toClass: string; rule: string }

export interface ClassChangeCount { fromClass: string; fromName: string; toClass: string; toName: string; rule: string; count: number }

export interface UnmappedGroup {
  classCode: string;
  className?: string;
  /** From the mapping file, or `not-in-mapping` for a class it does not list at all (e.g. a local class). */
  reason: UnmappedClass['reason'] | 'not-in-mapping';
  reviewHints?: string[];
  count: number;
  codes: string[];
}

export interface InvalidCode { code: string; reason: LocalizedText }

export interface MigrationConflict { from: string[]; to: string; reason: LocalizedText }

export interface ComponentMigrationPlan {
  fromLayout: string;
  toLayout: string;
  /** One entry per distinct old code that changes. */
  changes: CodeChange[];
  byClass: ClassChangeCount[];
  unmapped: UnmappedGroup[];
  invalid: InvalidCode[];
  conflicts: MigrationConflict[];
  counts: { codes: number; migrated: number; unmapped: number; unmappedClasses: number; invalid: number; alreadyCurrent: number; conflicts: number };
}

function classCodeOf(segments: Record<string, string>): string {
  return `${segments.major ?? ''}${segments.minor ?? ''}`;
}

export function planComponentMigration(input: PlanMigrationInput): ComponentMigrationPlan {
  const pairs = new Map(input.mapping.pairs.map((pair) => [pair.from, pair]));
  const reasons = new Map((input.mapping.unmapped ?? []).map((entry) => [entry.from, entry]));
  const toLength = layoutLength(input.to);
  const occurrences = new Map<string, number>();
  const invalid: InvalidCode[] = [];
  const current = new Set<string>();
  let total = 0;
  let alreadyCurrent = 0;
  for (const raw of input.codes) {
    total++;
    const code = raw ?? '';
    if (code === '') {
      invalid.push({ code, reason: { zh: '标识码为空', en: 'the code is empty' } });
      continue;
    }
    if (code.length === toLength && parseCode(code, input.to).ok) {
      alreadyCurrent++;
      current.add(code);
      continue;
    }
    const parsed = parseCode(code, input.from);
    if (!parsed.ok) {
      invalid.push({ code, reason: parsed.reason });
      continue;
    }
    occurrences.set(code, (occurrences.get(code) ?? 0) + 1);
  }

  const proposed: CodeChange[] = [];
  const unmappedGroups = new Map<string, UnmappedGroup>();
  for (const [code, count] of occurrences) {
    const parsed = parseCode(code, input.from);
    if (!parsed.ok) continue;
    const classCode = classCodeOf(parsed.segments);
    const pair = pairs.get(classCode);
    if (!pair) {
      let group = unmappedGroups.get(classCode);
      if (!group) {
        const known = reasons.get(classCode);
        const name = known?.fromName ?? (input.fromClasses ? findClass(input.fromClasses, parsed.segments.major ?? '', parsed.segments.minor ?? '')?.name : undefined);
        group = {
          classCode,
          ...(name ? { className: name } : {}),
          reason: known?.reason ?? 'not-in-mapping',
          ...(known?.reviewHints ? { reviewHints: known.reviewHints } : {}),
          count: 0,
          codes: [],
        };
        unmappedGroups.set(classCode, group);
      }
      group.count += count;
      group.codes.push(code);
      continue;
    }
    const toMajorLength = input.to.segments.find((segment) => segment.name === 'major')?.length ?? 0;
    const built = buildCode(input.to, { ...parsed.segments, major: pair.to.slice(0, toMajorLength), minor: pair.to.slice(toMajorLength) });
    if (!built.ok) {
      for (let index = 0; index < count; index++) invalid.push({ code, reason: built.error.message });
      continue;
    }
    proposed.push({ from: code, to: built.code, fromClass: classCode, toClass: pair.to, rule: pair.rule });
  }

  // A new code must be new: not already in use, and not the target of two old codes.
  const sources = new Map<string, string[]>();
  for (const change of proposed) sources.set(change.to, [...(sources.get(change.to) ?? []), change.from]);
  const conflicts: MigrationConflict[] = [];
  const reported = new Set<string>();
  for (const [target, from] of sources) {
    if (current.has(target)) {
      conflicts.push({ from, to: target, reason: { zh: `新代码${target}已被另一部件使用`, en: `the new code ${target} is already used by another component` } });
      reported.add(target);
    } else if (from.length > 1) {
      conflicts.push({ from, to: target, reason: { zh: `${from.join('、')}会变成同一个新代码${target}`, en: `${from.join(', ')} would all become ${target}` } });
      reported.add(target);
    }
  }
  const changes = proposed.filter((change) => !reported.has(change.to));

  const byClassMap = new Map<string, ClassChangeCount>();
  for (const change of changes) {
    const pair = pairs.get(change.fromClass)!;
    const entry = byClassMap.get(change.fromClass) ?? { fromClass: change.fromClass, fromName: pair.fromName, toClass: pair.to, toName: pair.toName, rule: pair.rule, count: 0 };
    entry.count += occurrences.get(change.from) ?? 0;
    byClassMap.set(change.fromClass, entry);
  }
  const unmapped = [...unmappedGroups.values()].sort((a, b) => a.classCode.localeCompare(b.classCode));
  for (const group of unmapped) group.codes.sort();
  const conflictCount = conflicts.reduce((sum, conflict) => sum + conflict.from.reduce((inner, code) => inner + (occurrences.get(code) ?? 0), 0), 0);
  return {
    fromLayout: input.from.id,
    toLayout: input.to.id,
    changes,
    byClass: [...byClassMap.values()].sort((a, b) => a.fromClass.localeCompare(b.fromClass)),
    unmapped,
    invalid,
    conflicts,
    counts: {
      codes: total,
      migrated: changes.reduce((sum, change) => sum + (occurrences.get(change.from) ?? 0), 0),
      unmapped: unmapped.reduce((sum, group) => sum + group.count, 0),
      unmappedClasses: unmapped.length,
      invalid: invalid.length,
      alreadyCurrent,
      conflicts: conflictCount,
    },
  };
}
