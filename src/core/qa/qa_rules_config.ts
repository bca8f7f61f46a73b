/**
 * The rule set as versioned data (schemas/qa-rules.json): severities,
 * Chinese and English titles and message templates, parameters. Rules read
 * their thresholds from here, never from constants in code.
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { QaSeverity } from './qa_finding.js';

export interface QaRuleDefinition {
  id: string;
  severity: QaSeverity;
  enabled: boolean;
  /** Layer the rule's findings point at; null when it depends on the record. */
  layer: string | null;
  title: LocalizedText;
  /** `{name}` placeholders are filled with the finding's values. */
  message: LocalizedText;
  parameters: Record<string, number | string | boolean>;
}

export interface QaRulesConfig {
  id: string;
  version: string;
  /** Findings listed per rule, and per group of one rule on one layer and field (counts stay exact). */
  limits: { findingsPerRule: number; findingsPerGroup: number };
  featureCodeFields: Record<string, string>;
  attributeSchemas: Record<string, string>;
  rules: QaRuleDefinition[];
}

export function findRule(config: QaRulesConfig, ruleId: string): QaRuleDefinition {
  const rule = config.rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new Error(`rule ${ruleId} is not in ${config.id} ${config.version}`);
  return rule;
}

/** A numeric parameter of a rule; a missing or non-numeric one is a broken rule file, not a default. */
export function numberParameter(config: QaRulesConfig, ruleId: string, name: string): number {
  const value = findRule(config, ruleId).parameters[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`rule ${ruleId} in ${config.id} ${config.version} lacks the number parameter "${name}"`);
  }
  return value;
}

/** Values for a template: plain values, or text that differs by language. */
export type TemplateValue = string | number | LocalizedText | null | undefined;

/** Fills `{name}` placeholders in both languages; numbers print with at most two decimals. */
export function fillTemplate(template: LocalizedText, values: Record<string, TemplateValue>): LocalizedText {
  const fill = (text: string, language: keyof LocalizedText): string => text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in values)) return whole;
    return formatTemplateValue(values[name], language);
  });
  return { zh: fill(template.zh, 'zh'), en: fill(template.en, 'en') };
}

function formatTemplateValue(value: TemplateValue, language: keyof LocalizedText): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  return value[language] || value.zh;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Math.round(value * 100) / 100;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
