/**
 * What a rule sees while it runs: the input, the reference data (rule set,
 * code layouts, taxonomy, divisions, attribute schemas), a place to report
 * findings, and a cache for what several rules derive from the same input
 * (grid polygons, spatial indexes, overlaps), so it is computed once.
 */
import type { Geometry, LocalizedText } from '../api/geo_types.js';
import type { CodeLayouts } from '../codes/code_layout.js';
import type { DivisionLookup } from '../codes/division_lookup.js';
import type { Feedback } from '../jobs/feedback.js';
import type { ClassTaxonomy, ComponentTaxonomy } from '../taxonomy/taxonomy.js';
import type { CompiledAttributeSchema } from './attributes/attribute_schema.js';
import type { FindingValue, QaFinding, QaFindingGroup } from './qa_finding.js';
import type { QaInput } from './qa_input.js';
import { fillTemplate, findRule, numberParameter, type QaRuleDefinition, type QaRulesConfig, type TemplateValue } from './qa_rules_config.js';

export interface QaReferences {
  rules: QaRulesConfig;
  layouts: CodeLayouts;
  /** The workspace's component classes (a base table or a city's merged one). */
  taxonomy: ComponentTaxonomy;
  /**
   * Class tables by the taxonomy id a code layout names (a 16-digit code's
   * class is read in the legacy table, a 17-digit one's in GB/T 47678.5),
   * the workspace's own (city) table standing in for its base; a layout
   * without one here reads `taxonomy`.
   */
  codeTables?: Record<string, ClassTaxonomy>;
  divisions: DivisionLookup;
  /** Compiled attribute schemas by layer name. */
  attributeSchemas: Record<string, CompiledAttributeSchema>;
  /** Layer titles for messages. */
  layerTitles: Record<string, LocalizedText>;
}

export interface FindingDraft {
  layer: string;
  fid: number;
  code: string;
  x: number;
  y: number;
  /** Values for the message template. */
  values?: Record<string, TemplateValue>;
  /** Values for programs; defaults to the plain template values. */
  details?: Record<string, FindingValue>;
  geometry?: Geometry;
  /** The attribute the finding is about: findings are grouped by rule, layer and field. */
  field?: { name: string; title: LocalizedText };
}

/** Receives every finding, also those past the listing limits (the full list, e.g. as CSV). */
export type FindingSink = (finding: QaFinding) => void;

export class QaContext {
  readonly findings: QaFinding[] = [];
  private readonly counts = new Map<string, number>();
  private readonly listedCounts = new Map<string, number>();
  private readonly groups = new Map<string, QaFindingGroup>();
  private readonly cache = new Map<string, unknown>();

  constructor(readonly input: QaInput, readonly references: QaReferences, readonly feedback: Feedback, private readonly sink?: FindingSink) {}

  rule(ruleId: string): QaRuleDefinition {
    return findRule(this.references.rules, ruleId);
  }

  isEnabled(ruleId: string): boolean {
    return this.rule(ruleId).enabled;
  }

  parameter(ruleId: string, name: string): number {
    return numberParameter(this.references.rules, ruleId, name);
  }

  /** Records a finding; past the rule's or its group's listing limit only the counts grow. */
  report(ruleId: string, draft: FindingDraft): void {
    const rule = this.rule(ruleId);
    if (!rule.enabled) return;
    const count = (this.counts.get(ruleId) ?? 0) + 1;
    this.counts.set(ruleId, count);
    const group = this.group(ruleId, draft.layer, draft.field);
    group.count++;
    const limits = this.references.rules.limits;
    const listing = count <= limits.findingsPerRule && group.listed < limits.findingsPerGroup;
    if (!listing && !this.sink) return;
    const finding = this.finding(ruleId, draft);
    this.sink?.(finding);
    if (!listing) return;
    group.listed++;
    this.listedCounts.set(ruleId, (this.listedCounts.get(ruleId) ?? 0) + 1);
    this.findings.push(finding);
  }

  /**
   * Findings a reader counted without handing each record over (a field
   * empty in a million records): they count in their rule and group, unlisted.
   */
  reportCounted(ruleId: string, layer: string, field: { name: string; title: LocalizedText }, count: number): void {
    if (count <= 0 || !this.rule(ruleId).enabled) return;
    this.counts.set(ruleId, (this.counts.get(ruleId) ?? 0) + count);
    this.group(ruleId, layer, field).count += count;
  }

  /** Groups in the order their first finding came. */
  findingGroups(): QaFindingGroup[] {
    return [...this.groups.values()];
  }

  listedOf(ruleId: string): number {
    return this.listedCounts.get(ruleId) ?? 0;
  }

  private group(ruleId: string, layer: string, field: FindingDraft['field']): QaFindingGroup {
    const key = `${ruleId}\u0000${layer}\u0000${field?.name ?? ''}`;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        ruleId, severity: this.rule(ruleId).severity, layer, layerTitle: this.layerTitle(layer),
        field: field?.name ?? '', fieldTitle: field?.title ?? null, count: 0, listed: 0,
      };
      this.groups.set(key, group);
    }
    return group;
  }

  private finding(ruleId: string, draft: FindingDraft): QaFinding {
    const rule = this.rule(ruleId);
    const values = { code: draft.code, fid: String(draft.fid), ...draft.values };
    const finding: QaFinding = {
      ruleId,
      severity: rule.severity,
      message: fillTemplate(rule.message, values),
      layer: draft.layer,
      fid: draft.fid,
      code: draft.code,
      x: roundCoordinate(draft.x),
      y: roundCoordinate(draft.y),
      details: draft.details ?? plainValues(draft.values ?? {}),
    };
    if (draft.field) finding.field = draft.field.name;
    if (draft.geometry) finding.geometry = draft.geometry;
    return finding;
  }

  /** Whether the next finding of the rule will be listed (worth computing its shape for). */
  isListing(ruleId: string): boolean {
    return this.rule(ruleId).enabled && this.countOf(ruleId) < this.references.rules.limits.findingsPerRule;
  }

  countOf(ruleId: string): number {
    return this.counts.get(ruleId) ?? 0;
  }

  /** Computes a derived value once per run. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  layerTitle(layer: string): LocalizedText {
    return this.references.layerTitles[layer] ?? { zh: layer, en: layer };
  }
}

function plainValues(values: Record<string, TemplateValue>): Record<string, FindingValue> {
  const plain: Record<string, FindingValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    plain[key] = value !== null && typeof value === 'object' ? value.en : value;
  }
  return plain;
}

/** Millimetres are plenty for a place to look, and keep reports readable. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1000) / 1000;
}
