/**
 * What the QA rule engine reports: findings (one problem at one feature and
 * place) and the report that counts them per rule. Plain data, so that a
 * report crosses the service boundary, goes into a published package as
 * qa-report.json and prints in the terminal unchanged.
 */
import type { Geometry, LocalizedText } from '../api/geo_types.js';

export type QaSeverity = 'error' | 'warning';

export type FindingValue = string | number | boolean | null;

export interface QaFinding {
  /** Stable rule id from schemas/qa-rules.json, e.g. GRID_OVERLAP. */
  ruleId: string;
  severity: QaSeverity;
  message: LocalizedText;
  /** Layer of the feature the finding points at. */
  layer: string;
  /** Feature id (GeoPackage fid) in that layer. */
  fid: number;
  /** The feature's code (BGCODE, OBJCODE, …), '' when it has none. */
  code: string;
  /** Where to look, in the workspace CRS. */
  x: number;
  y: number;
  /** The attribute the finding is about; absent for findings on the whole feature. */
  field?: string;
  /** Rule-specific values (field, value, rule, area, other feature …), for programs. */
  details: Record<string, FindingValue>;
  /** The problem's own shape where it has one (the overlap, the gap), to highlight it. */
  geometry?: Geometry;
}

export interface QaRuleCount {
  ruleId: string;
  severity: QaSeverity;
  title: LocalizedText;
  /** Every finding of the rule, including those left out of `findings`. */
  count: number;
  /** How many of them the report lists. */
  listed: number;
}

/**
 * Findings of one rule on one layer and field ('' for rules on whole
 * features), counted together: "950,000 components: mandatory field
 * DEPTCODE1 empty", with the first of them listed in `findings`.
 */
export interface QaFindingGroup {
  ruleId: string;
  severity: QaSeverity;
  layer: string;
  layerTitle: LocalizedText;
  field: string;
  fieldTitle: LocalizedText | null;
  count: number;
  /** How many of them the report lists (the first, in fid order where the reader counted them). */
  listed: number;
}

export interface QaSkippedRule {
  ruleId: string;
  reason: LocalizedText;
}

export interface QaReport {
  workspace: { name: string; path: string; crs: string; taxonomy: string };
  /** Id and version of the rule set (schemas/qa-rules.json). */
  rules: { id: string; version: string };
  created: string;
  summary: { errors: number; warnings: number; byRule: QaRuleCount[] };
  /** Every finding counted by rule, layer and field; the listed ones are in `findings`. */
  groups: QaFindingGroup[];
  /** Features checked, per layer. */
  checked: Record<string, number>;
  skipped: QaSkippedRule[];
  findings: QaFinding[];
  /** The file holding every finding as CSV, when the check was asked to write one. */
  findingsCsv?: string;
  /** Milliseconds spent reading and in each rule family, for the record and tuning. */
  timings: Record<string, number>;
}

export function hasErrors(report: Pick<QaReport, 'summary'>): boolean {
  return report.summary.errors > 0;
}
