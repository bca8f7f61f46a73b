/**
 * Checks one record against a compiled attribute schema and says, per
 * field, which rule it breaks and why, in Chinese and English. Pure and
 * allocation-light: it runs over every record a reader hands in.
 */
import type { LocalizedText, Properties, PropertyValue } from '../../api/geo_types.js';
import type { CompiledAttributeSchema, CompiledProperty } from './attribute_schema.js';

export type AttributeRule =
  | 'required' | 'type' | 'maxLength' | 'minLength' | 'pattern' | 'enum' | 'format'
  | 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'notBefore';

export interface AttributeViolation {
  field: string;
  label: LocalizedText;
  value: PropertyValue;
  rule: AttributeRule;
  reason: LocalizedText;
}

export function isAbsent(value: PropertyValue | undefined, emptyIsAbsent: boolean): boolean {
  return value === undefined || value === null || (emptyIsAbsent && value === '');
}

/** Every field's problem; with `only`, just those fields' (a reader checking part of a record). */
export function validateAttributes(schema: CompiledAttributeSchema, record: Properties, only?: ReadonlySet<string>): AttributeViolation[] {
  const violations: AttributeViolation[] = [];
  for (const property of schema.properties) {
    if (only && !only.has(property.name)) continue;
    const violation = fieldViolation(schema, property, record[property.name], record);
    if (violation) violations.push(violation);
  }
  return violations;
}

/** One field's problem, or null; `record` is only read for cross-field keywords. */
export function fieldViolation(schema: CompiledAttributeSchema, property: CompiledProperty, value: PropertyValue | undefined, record: Properties): AttributeViolation | null {
  if (isAbsent(value, schema.emptyIsAbsent)) {
    return property.required
      ? { field: property.name, label: property.label, value: value ?? null, rule: 'required', reason: { zh: '必填字段为空', en: 'mandatory field is empty' } }
      : null;
  }
  const problem = checkValue(property, value!, record, schema.emptyIsAbsent);
  return problem ? { field: property.name, label: property.label, value: value!, ...problem } : null;
}

type Problem = { rule: AttributeRule; reason: LocalizedText };

function checkValue(property: CompiledProperty, value: string | number, record: Properties, emptyIsAbsent: boolean): Problem | null {
  const schema = property.schema;
  if (property.types && !property.types.some((type) => hasType(value, type))) {
    const expected = property.types.join('/');
    return { rule: 'type', reason: { zh: `类型应为 ${expected}`, en: `must be of type ${expected}` } };
  }
  if (property.enumValues && !property.enumValues.has(value)) {
    const allowed = [...property.enumValues].join('、');
    return { rule: 'enum', reason: { zh: `应为以下之一：${allowed}`, en: `must be one of: ${allowed}` } };
  }
  if (typeof value === 'string') {
    // Counting code points walks the string: only when a length rule asks (codes have a pattern instead).
    const length = schema.maxLength === undefined && schema.minLength === undefined ? 0 : codePointLength(value);
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      return { rule: 'maxLength', reason: { zh: `长度 ${length} 超过 ${schema.maxLength} 个字符`, en: `${length} characters, at most ${schema.maxLength} allowed` } };
    }
    if (schema.minLength !== undefined && length < schema.minLength) {
      return { rule: 'minLength', reason: { zh: `长度 ${length} 不足 ${schema.minLength} 个字符`, en: `${length} characters, at least ${schema.minLength} needed` } };
    }
    if (property.pattern && !property.pattern.test(value)) {
      return { rule: 'pattern', reason: { zh: `不符合格式 ${schema.pattern}`, en: `does not match ${schema.pattern}` } };
    }
    if (schema.format === 'yyyymmdd' && !isCalendarDate(value)) {
      return { rule: 'format', reason: { zh: '不是有效日期 (YYYYMMDD)', en: 'not a real date (YYYYMMDD)' } };
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return { rule: 'minimum', reason: { zh: `应不小于 ${schema.minimum}`, en: `must be at least ${schema.minimum}` } };
    if (schema.maximum !== undefined && value > schema.maximum) return { rule: 'maximum', reason: { zh: `应不大于 ${schema.maximum}`, en: `must be at most ${schema.maximum}` } };
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return { rule: 'exclusiveMinimum', reason: { zh: `应大于 ${schema.exclusiveMinimum}`, en: `must be greater than ${schema.exclusiveMinimum}` } };
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return { rule: 'exclusiveMaximum', reason: { zh: `应小于 ${schema.exclusiveMaximum}`, en: `must be less than ${schema.exclusiveMaximum}` } };
  }
  const notBefore = schema['x-citygrid-not-before'];
  if (notBefore !== undefined) {
    const other = record[notBefore];
    if (!isAbsent(other, emptyIsAbsent) && typeof other === 'string' && typeof value === 'string' && value < other) {
      return { rule: 'notBefore', reason: { zh: `早于 ${notBefore}（${other}）`, en: `is before ${notBefore} (${other})` } };
    }
  }
  return null;
}

function hasType(value: string | number, type: string): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    default: return false;
  }
}

function codePointLength(value: string): number {
  let length = value.length;
  for (let index = 0; index < value.length; index++) {
    const unit = value.charCodeAt(index);
    // A surrogate pair is one character (JSON Schema and SQLite both count code points).
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { length--; index++; }
    }
  }
  return length;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isCalendarDate(value: string): boolean {
  if (!/^[0-9]{8}$/.test(value)) return false;
  const year = Number(value.slice(0, 4)), month = Number(value.slice(4, 6)), day = Number(value.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** Keywords beyond a pattern that would need the full check. */
const OTHER_VALUE_KEYWORDS = ['maxLength', 'minLength', 'enum', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'x-citygrid-not-before'] as const;

/**
 * For a text field whose only rule is a pattern (codes), a test that a
 * non-empty string passes: the same verdict as fieldViolation without its
 * general checks, for readers that test a million codes. Null for any other field.
 */
export function patternOnlyTest(property: CompiledProperty): ((value: string) => boolean) | null {
  const pattern = property.pattern;
  if (!pattern) return null;
  if (property.types && !(property.types.length === 1 && property.types[0] === 'string')) return null;
  if (OTHER_VALUE_KEYWORDS.some((keyword) => property.schema[keyword] !== undefined)) return null;
  return (value) => pattern.test(value);
}
