/**
 * Finds the records that may break their layer's attribute schema without
 * reading every attribute of every record (Chinese names and departments for
 * a million components would take seconds to cross into JavaScript):
 * - fields the reader already holds as columns (codes) are checked per row
 *   in JavaScript by the core validator;
 * - the other fields are checked once per distinct combination of values,
 *   which SQLite lists in one DISTINCT pass (a million components hold some
 *   ten thousand combinations of departments, states, dates and names);
 * - fields with about one value per record (addresses, case numbers,
 *   times) are checked row by row by SQLite in the same pass
 *   (compile_attribute_filter.ts).
 * Only when something fails are the full records of the rows involved read,
 * and the engine checks them again; so a clean workspace costs one scan.
 * A field failing in many records (a mandatory field empty in a whole
 * delivery) is not read record by record: where SQL selects exactly the
 * records failing it, they are counted in SQL and only the first are read
 * (read_failure_groups.ts), whatever the share of bad records.
 */
import type { Properties, PropertyValue } from '../../core/api/geo_types.js';
import type { CompiledAttributeSchema, CompiledProperty } from '../../core/qa/attributes/attribute_schema.js';
import { compileColumnTest, compileRangeTest } from '../../core/qa/attributes/code_pattern.js';
import { fieldViolation, patternOnlyTest, validateAttributes } from '../../core/qa/attributes/validate_attributes.js';
import { CODE_SEPARATOR, CodeColumn } from '../../core/columns/code_column.js';
import type { AttributeRecordsInput } from '../../core/qa/qa_input.js';
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import { compileAttributeFilter, propertyCondition, type ColumnTypes } from './compile_attribute_filter.js';
import { fetchRecords, type CandidateTable } from './fetch_attribute_records.js';
import { readFailureGroups, type PlannedGroup } from './read_failure_groups.js';
import type { SqlReader } from './sql_columns.js';

export type { CandidateTable };

export interface RowColumns {
  fids: ArrayLike<number>;
  /** Text columns already read, by field name; '' for empty. */
  columns: Record<string, CodeColumn | readonly string[]>;
}

/** Beyond this many values to name, the fields' exact (slower) conditions are the shorter statement. */
const MAXIMUM_LISTED = 20_000;
/** Rows sampled to tell coded fields with few values from those with one per record. */
const SAMPLE_ROWS = 1000;

/**
 * `rows` may still be arriving (another connection reads them): the SQL
 * pass runs first, and the rows are awaited only for the per-row check.
 * `listed`: records read per failing field (Infinity for all, the full list).
 */
export async function readAttributeCandidates(reader: SqlReader, table: CandidateTable, schema: CompiledAttributeSchema, rows: () => Promise<RowColumns | null>, rowFields: readonly string[], listed: number): Promise<AttributeRecordsInput> {
  const present = schema.properties.filter((property) => table.fields.has(property.name));
  // A mandatory column the table lacks is empty in every record: one group, every row.
  const groups: PlannedGroup[] = schema.properties.filter((property) => property.required && !table.fields.has(property.name))
    .map((property) => ({ field: property.name, kind: 'required', where: '1' }));
  const crossField = new Set<string>();
  for (const property of present) {
    const other = property.schema['x-citygrid-not-before'];
    if (other !== undefined) { crossField.add(property.name); crossField.add(other); }
  }
  const rowProperties = present.filter((property) => rowFields.includes(property.name) && !crossField.has(property.name));
  const maybeCoded = present.filter((property) => !rowProperties.includes(property));
  // Listing the combinations pays only while they are few; a field with a value per record (an
  // address, a case number) goes row by row. Names and notes with few values are cheaper listed too.
  const { many: manyValues, distinct } = await fieldsWithManyValues(reader, table, maybeCoded);
  // Fields compared with each other (not-before) are checked the same way, or a combination would miss one of them.
  for (const property of maybeCoded) {
    const other = property.schema['x-citygrid-not-before'];
    if (other !== undefined && (manyValues.has(property.name) || manyValues.has(other))) { manyValues.add(property.name); manyValues.add(other); }
  }
  const coded = maybeCoded.filter((property) => !manyValues.has(property.name));
  const rowChecked = maybeCoded.filter((property) => manyValues.has(property.name));

  const textOk = rowChecked.map((property) => `ifnull(${propertyCondition(property, schema.emptyIsAbsent, table.fields)}, 0)`).join(' AND ') || '1';
  const verdicts = await checkCombinations(reader, table, schema, coded, textOk, distinct);
  const rowColumns = rowProperties.length > 0 ? await rows() : null;
  // The code columns' failures are known row by row: a group each, by their fids.
  if (rowColumns) groups.push(...rowFailures(schema, rowColumns, rowProperties));
  // Empty fields: exactly the records where the column is empty.
  for (const field of verdicts.missing) groups.push({ field, kind: 'required', where: absentCondition(field, schema.emptyIsAbsent) });

  // What no group selects exactly is read whole and judged again by the engine.
  const parts: string[] = [];
  const conditionFields: string[] = [];
  let listedValues = 0;
  const recordFields = new Set<string>([...verdicts.notBefore, ...(verdicts.textFails ? rowChecked.map((property) => property.name) : [])]);
  for (const [field, values] of verdicts.badValues) {
    const property = schema.byName.get(field)!;
    const exactCondition = verdicts.byCondition.has(field) && table.fields.get(field) === 'string';
    // Text lists exactly; a number's text may have lost digits, so numbers go by the condition itself.
    const textual = !verdicts.byCondition.has(field) && [...values].every((value) => typeof value === 'string');
    const exact = !verdicts.notBefore.has(field) && (textual || exactCondition);
    const where = textual
      ? `${quoteIdentifier(field)} IN (${[...values].map(sqlLiteral).join(', ')})`
      : `NOT ifnull(${propertyCondition(property, schema.emptyIsAbsent, table.fields)}, 0)`;
    // The value's own rules decide there, never its absence (counted in the field's 'required' group).
    if (exact) groups.push({ field, kind: 'invalid', where: `(${where}) AND NOT ${absentCondition(field, schema.emptyIsAbsent)}` });
    else if (textual) { parts.push(where); listedValues += values.size; }
    else conditionFields.push(field);
    if (!exact) recordFields.add(field);
  }
  for (const field of verdicts.notBefore) {
    const column = quoteIdentifier(field), other = quoteIdentifier(schema.byName.get(field)!.schema['x-citygrid-not-before']!);
    parts.push(`(typeof(${column}) = 'text' AND typeof(${other}) = 'text' AND ${other} <> '' AND ${column} <> '' AND ${column} < ${other})`);
  }
  if (verdicts.textFails) parts.push(`NOT (${textOk})`);
  const counted = await readFailureGroups(reader, table, schema, groups, listed);
  const result: AttributeRecordsInput = { layer: table.name, fids: [], records: [], xs: [], ys: [], groups: counted };
  if (verdicts.unreadable) return { layer: table.name, ...await fetchRecords(reader, table, schema, `NOT (${compileAttributeFilter(schema, table.fields)})`), groups: counted };
  // Too long a statement to list them: each such field by its exact condition instead.
  const where = listedValues > MAXIMUM_LISTED
    ? [...recordFields].map((field) => `NOT ifnull(${propertyCondition(schema.byName.get(field)!, schema.emptyIsAbsent, table.fields)}, 0)`)
    : [...parts, ...conditionFields.map((field) => `NOT ifnull(${propertyCondition(schema.byName.get(field)!, schema.emptyIsAbsent, table.fields)}, 0)`)];
  if (where.length === 0) return result;
  return { layer: table.name, ...await fetchRecords(reader, table, schema, where.join(' OR ')), groups: counted };
}

function absentCondition(field: string, emptyIsAbsent: boolean): string {
  const column = quoteIdentifier(field);
  return emptyIsAbsent ? `(${column} IS NULL OR ${column} = '')` : `(${column} IS NULL)`;
}

/** The fields' failures per field and kind, from the code columns, checked in JavaScript. */
function rowFailures(schema: CompiledAttributeSchema, rows: RowColumns, properties: CompiledProperty[]): PlannedGroup[] {
  const groups: PlannedGroup[] = [];
  const noRecord: Properties = {};
  for (const property of properties) {
    const given = rows.columns[property.name]!;
    const column = given instanceof CodeColumn ? given : CodeColumn.fromCodes(given);
    const text = column.text, starts = column.starts;
    // Codes pass a pattern test of their own, in place in the column where the pattern is simple;
    // the validator judges only what fails it (or is empty).
    const patternOnly = patternOnlyTest(property) !== null && property.schema.pattern !== undefined;
    // Most often every code of the column passes: one search over the whole text says so.
    if (patternOnly && column.plain && compileColumnTest(property.schema.pattern!, CODE_SEPARATOR)?.(text, starts)) continue;
    const inPlace = patternOnly ? compileRangeTest(property.schema.pattern!) : null;
    const passes = inPlace ? null : patternOnlyTest(property);
    const failing = { required: [] as number[], invalid: [] as number[] };
    // Values come in runs (a component's grid code repeats grid after grid): a field's verdict
    // depends on its value alone here (cross-field fields are never row fields), so a run is checked once.
    let previous = -1;
    let previousFails: number[] | null = null;
    for (let row = 0; row < rows.fids.length; row++) {
      if (previous < 0 || !column.sameCode(row, previous)) {
        const start = starts[row]!, end = starts[row + 1]! - 1;
        previousFails = null;
        if (!(inPlace && end > start && inPlace(text, start, end))) {
          const value = column.at(row);
          const violation = passes && value !== '' && passes(value) ? null : fieldViolation(schema, property, value === '' ? null : value, noRecord);
          if (violation) previousFails = violation.rule === 'required' ? failing.required : failing.invalid;
        }
      }
      previous = row;
      previousFails?.push(rows.fids[row]!);
    }
    for (const kind of ['required', 'invalid'] as const) {
      if (failing[kind].length > 0) groups.push({ field: property.name, kind, fids: failing[kind].sort((a, b) => a - b) });
    }
  }
  return groups;
}

/** Fields whose first rows hold mostly different values, and how many different values each field's first rows hold. */
async function fieldsWithManyValues(reader: SqlReader, table: CandidateTable, properties: CompiledProperty[]): Promise<{ many: Set<string>; distinct: Map<string, number> }> {
  const distinct = new Map<string, number>();
  if (properties.length === 0) return { many: new Set(), distinct };
  const counts = properties.map((property, index) => `count(DISTINCT ${quoteIdentifier(property.name)}) AS d${index}`);
  const columns = properties.map((property) => quoteIdentifier(property.name)).join(', ');
  const row = await (await reader.query(`SELECT count(*) AS n, ${counts.join(', ')} FROM (SELECT ${columns} FROM ${quoteIdentifier(table.name)} LIMIT ${SAMPLE_ROWS})`)).features.firstAsync();
  const sampled = Number(row?.fields.get('n') ?? 0);
  const many = new Set<string>();
  if (!row) return { many, distinct };
  properties.forEach((property, index) => distinct.set(property.name, Number(row.fields.get(`d${index}`))));
  if (sampled < SAMPLE_ROWS / 5) return { many, distinct };
  properties.forEach((property) => {
    if (distinct.get(property.name)! > sampled / 10) many.add(property.name);
  });
  return { many, distinct };
}

interface Verdicts {
  badValues: Map<string, Set<PropertyValue>>;
  missing: Set<string>;
  notBefore: Set<string>;
  textFails: boolean;
  /** The combinations could not be read apart (a value held a separator). */
  unreadable: boolean;
  /** Fields whose bad values are fetched by their condition (their values were not listed). */
  byCondition: Set<string>;
}

/** A field whose value is judged by its length alone (type string at most, and length bounds). */
function isLengthOnly(property: CompiledProperty): boolean {
  const schema = property.schema;
  if (schema.maxLength === undefined && schema.minLength === undefined) return false;
  if (property.types && !(property.types.length === 1 && property.types[0] === 'string')) return false;
  return property.pattern === null && property.enumValues === null && schema.format === undefined && schema.minimum === undefined
    && schema.maximum === undefined && schema.exclusiveMinimum === undefined && schema.exclusiveMaximum === undefined
    && schema['x-citygrid-not-before'] === undefined;
}

/**
 * Each distinct combination of the coded fields, checked once; and whether
 * any row's free text fails. SQLite lists the combinations (DISTINCT keeps a
 * hash of the few there are, three times faster than GROUP BY's sort of
 * every row) and joins each column into one string, so that the whole scan
 * runs on GDAL's thread, not row by row on the main one.
 */
async function checkCombinations(reader: SqlReader, table: CandidateTable, schema: CompiledAttributeSchema, coded: CompiledProperty[], textOk: string, distinct: ReadonlyMap<string, number>): Promise<Verdicts> {
  const verdicts: Verdicts = { badValues: new Map(), missing: new Set(), notBefore: new Set(), textFails: false, unreadable: false, byCondition: new Set() };
  const names = coded.map((property) => property.name);
  // A text field whose only rules are on its length is listed by its length: the combinations
  // then hold a small number where a name or note was (SQLite compares shorter keys per row).
  const referenced = new Set(schema.properties.map((property) => property.schema['x-citygrid-not-before']).filter((name) => name !== undefined));
  const byLength = coded.map((property) => table.fields.get(property.name) === 'string' && !referenced.has(property.name) && isLengthOnly(property));
  for (const [index, name] of names.entries()) if (byLength[index]) verdicts.byCondition.add(name);
  // The fields with the most values first: DISTINCT compares each row's key with the kept ones
  // column by column, and a comparison ends at the first column that differs (~10% off the
  // components' pass). The aliases keep each field's place in the result.
  const keyOrder = names.map((_name, index) => index).sort((a, b) => (distinct.get(names[b]!) ?? 0) - (distinct.get(names[a]!) ?? 0) || a - b);
  const selected = [
    ...keyOrder.map((index) => `${byLength[index] ? `length(${quoteIdentifier(names[index]!)})` : quoteIdentifier(names[index]!)} AS c${index}`),
    `NOT (${textOk}) AS qa_text_fails`,
  ];
  // char(30) marks NULL, char(31) separates values; a value holding either (or the escape
  // character 27) has them escaped, over the few distinct combinations only, so every value reads back exactly.
  const escaped = (column: string): string => `replace(replace(replace(${column}, char(27), char(27) || 'e'), char(30), char(27) || 'n'), char(31), char(27) || 's')`;
  const joined = [...names.map((_name, index) => `c${index}`), 'qa_text_fails']
    .map((column) => `group_concat(ifnull(${escaped(column)}, char(30)), char(31)) AS ${column}`).join(', ');
  const layer = await reader.query(`SELECT count(*) AS qa_count, ${joined} FROM (SELECT DISTINCT ${selected.join(', ')} FROM ${quoteIdentifier(table.name)})`);
  const row = await layer.features.firstAsync();
  const count = Number(row?.fields.get('qa_count') ?? 0);
  if (!row || count === 0) return verdicts;
  const split = (column: string): string[] => String(row.fields.get(column) ?? '').split('\u001f');
  const textFlags = split('qa_text_fails');
  const columns = names.map((_name, index) => split(`c${index}`));
  if (textFlags.length !== count || columns.some((values) => values.length !== count)) {
    // Cannot happen with the escapes; were it to, every row goes by the exact filter.
    verdicts.unreadable = true;
    return verdicts;
  }
  verdicts.textFails = textFlags.some((flag) => flag === '1');
  const numeric = names.map((name) => table.fields.get(name) === 'real' || table.fields.get(name) === 'integer' || table.fields.get(name) === 'integer64');
  const only = new Set(names);
  for (let combination = 0; combination < count && names.length > 0; combination++) {
    const record: Properties = {};
    names.forEach((name, index) => {
      const text = unescapeValue(columns[index]![combination]!);
      // A length stands for a text of that many characters: the same verdict under length-only rules.
      record[name] = text === null ? null : byLength[index] ? 'x'.repeat(Number(text)) : numeric[index] ? Number(text) : text;
    });
    for (const violation of validateAttributes(schema, record, only)) {
      if (violation.rule === 'required') verdicts.missing.add(violation.field);
      else if (violation.rule === 'notBefore') verdicts.notBefore.add(violation.field);
      else {
        const set = verdicts.badValues.get(violation.field) ?? new Set<PropertyValue>();
        set.add(violation.value);
        verdicts.badValues.set(violation.field, set);
      }
    }
  }
  return verdicts;
}

const ESCAPED = { e: '\u001b', n: '\u001e', s: '\u001f' } as const;

/** A value as checkCombinations' query escaped it; null for the NULL mark. */
function unescapeValue(text: string): string | null {
  if (text === '\u001e') return null;
  return text.includes('\u001b') ? text.replace(/\u001b([ens])/g, (_match, letter: keyof typeof ESCAPED) => ESCAPED[letter]) : text;
}

function sqlLiteral(value: PropertyValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  return `'${value.replace(/'/g, "''")}'`;
}
