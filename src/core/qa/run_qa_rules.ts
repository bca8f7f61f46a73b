/**
 * The rule engine: runs every enabled rule family over the input, with
 * progress and cancel through a Feedback, and counts the findings per rule
 * and severity into a report. Pure: the host supplies the input, the
 * reference data and, if it wants progress events to go out while the
 * engine runs, a way to yield to its event loop between families.
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { Feedback } from '../jobs/feedback.js';
import { throwIfCanceled } from '../jobs/feedback.js';
import { QaContext, type FindingSink, type QaReferences } from './qa_context.js';
import type { QaFinding, QaReport, QaRuleCount, QaSkippedRule } from './qa_finding.js';
import type { QaInput, QaInputPart } from './qa_input.js';
import type { QaRuleFamily } from './qa_rule_family.js';
import { QA_RULE_FAMILIES } from './qa_rule_registry.js';

export interface QaRunOptions {
  workspace: QaReport['workspace'];
  created: string;
  /** Timings measured before the engine ran (reading), merged into the report. */
  timings?: Record<string, number>;
  /** Resolves when the input parts have arrived, for a reader that delivers them one by one. */
  ready?: (parts: readonly QaInputPart[]) => Promise<void>;
  /** Lets the host's event loop run between families (progress events, cancel requests). */
  yieldToHost?: () => Promise<void>;
  /** Milliseconds since some epoch; timings are left out without it. */
  now?: () => number;
  families?: readonly QaRuleFamily[];
  /** Every finding, also those past the listing limits, as it is found (for the full list as CSV). */
  onFinding?: FindingSink;
}

export async function runQaRules(input: QaInput, references: QaReferences, feedback: Feedback, options: QaRunOptions): Promise<QaReport> {
  const context = new QaContext(input, references, feedback, options.onFinding);
  const families = options.families ?? QA_RULE_FAMILIES;
  const totalWeight = families.reduce((sum, family) => sum + family.weight, 0) || 1;
  const timings: Record<string, number> = { ...options.timings };
  const skipped: QaSkippedRule[] = [];
  const now = options.now;
  let done = 0;
  for (const family of families) {
    throwIfCanceled(feedback);
    feedback.reportProgress(done / totalWeight, progressMessage(context, family));
    if (options.yieldToHost) await options.yieldToHost();
    if (options.ready) await options.ready(family.needs);
    throwIfCanceled(feedback);
    if (family.ruleIds.some((ruleId) => context.isEnabled(ruleId))) {
      const reason = family.skipReason?.(context) ?? null;
      if (reason) {
        for (const ruleId of family.ruleIds) skipped.push({ ruleId, reason });
      } else {
        const started = now?.();
        family.run(context);
        if (now && started !== undefined) timings[family.name] = Math.round(now() - started);
      }
    }
    done += family.weight;
  }
  feedback.reportProgress(1, { zh: '检查完成', en: 'validation done' });
  return buildReport(context, families, skipped, timings, options);
}

/** "检查：单元网格标识码无效…" — the family's first rule stands for it. */
function progressMessage(context: QaContext, family: QaRuleFamily): LocalizedText {
  const title = context.rule(family.ruleIds[0]!).title;
  return { zh: `检查：${title.zh}`, en: `checking: ${title.en}` };
}

function buildReport(context: QaContext, families: readonly QaRuleFamily[], skipped: QaSkippedRule[], timings: Record<string, number>, options: QaRunOptions): QaReport {
  const rules = context.references.rules;
  const order = new Map<string, number>();
  families.forEach((family) => family.ruleIds.forEach((ruleId) => order.set(ruleId, order.size)));
  rules.rules.forEach((rule) => { if (!order.has(rule.id)) order.set(rule.id, order.size); });
  const byRule: QaRuleCount[] = [];
  let errors = 0, warnings = 0;
  for (const rule of [...rules.rules].sort((a, b) => order.get(a.id)! - order.get(b.id)!)) {
    const count = context.countOf(rule.id);
    const listed = context.listedOf(rule.id);
    byRule.push({ ruleId: rule.id, severity: rule.severity, title: rule.title, count, listed });
    if (rule.severity === 'error') errors += count;
    else warnings += count;
  }
  const findings: QaFinding[] = [...context.findings].sort((a, b) =>
    order.get(a.ruleId)! - order.get(b.ruleId)! || a.layer.localeCompare(b.layer) || a.fid - b.fid);
  const groups = context.findingGroups().sort((a, b) =>
    order.get(a.ruleId)! - order.get(b.ruleId)! || a.layer.localeCompare(b.layer) || a.field.localeCompare(b.field));
  return {
    workspace: options.workspace,
    rules: { id: rules.id, version: rules.version },
    created: options.created,
    summary: { errors, warnings, byRule },
    groups,
    checked: { ...context.input.featureCounts },
    skipped,
    findings,
    timings,
  };
}
