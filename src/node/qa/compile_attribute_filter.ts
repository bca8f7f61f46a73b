/**
 * Turns an attribute schema into an SQLite condition that holds for every
 * record the schema accepts, so that a reader fetches only the records that
 * may break it (usually none of a million) instead of every attribute of
 * every record. The condition may be stricter than the schema (a pattern it
 * cannot translate counts as broken, and the record is fetched and checked
 * by the validator in core), never looser: the validator stays the judge.
 * NULL from any part counts as "may be broken".
 */
import { quoteIdentifier, quoteText } from '../gdal/gdal_sql.js';
import type { AttributePropertySchema, CompiledAttributeSchema, CompiledProperty } from '../../core/qa/attributes/attribute_schema.js';



/**
 * The condition "this record passes the schema", or '1' for a schema without
 * properties. Exact but slow at a million rows (character classes and dates
 * cost SQLite ~1 µs a row each); read_attribute_candidates.ts uses it only
 * when its faster route would need too long an SQL statement.
 */
/**
 * Columns of the table with their GDAL field types (string, real, integer…).
 * GDAL hands every value of a string column to JavaScript as a string, so
 * the validator never sees another type there and SQL need not test it.
 */
export type ColumnTypes = ReadonlyMap<string, string>;

export function compileAttributeFilter(schema: CompiledAttributeSchema, columns: ColumnTypes): string {
  const conditions = schema.properties.map((property) => propertyCondition(property, schema.emptyIsAbsent, columns));
  return conditions.length === 0 ? '1' : conditions.map((condition) => `ifnull(${condition}, 0)`).join(' AND ');
}

export function propertyCondition(property: CompiledProperty, emptyIsAbsent: boolean, columns: ColumnTypes): string {
  // A column the table lacks is absent in every record.
  if (!columns.has(property.name)) return property.required ? '0' : '1';
  const column = quoteIdentifier(property.name);
  const lengthOnly = lengthOnlyCondition(property, emptyIsAbsent, columns);
  if (lengthOnly) return lengthOnly;
  const absent = emptyIsAbsent ? `(${column} IS NULL OR ${column} = '')` : `(${column} IS NULL)`;
  const checks = valueChecks(property.schema, column, columns, columns.get(property.name) === 'string');
  const present = checks.length === 0 ? '1' : checks.join(' AND ');
  return property.required ? `(NOT ${absent} AND ${present})` : `(${absent} OR (${present}))`;
}

/**
 * A text field whose only rules are length bounds (names, addresses, notes)
 * as one length comparison: about half the cost per row of the general
 * form, which SQLite evaluates for every record of the many-valued fields.
 * The same verdicts (NULL length: absent; '' has length 0), or null when
 * the field has other rules or the shortcut would not say the same.
 */
function lengthOnlyCondition(property: CompiledProperty, emptyIsAbsent: boolean, columns: ColumnTypes): string | null {
  const schema = property.schema;
  if (columns.get(property.name) !== 'string' || (schema.maxLength === undefined && schema.minLength === undefined)) return null;
  const types = schema.type === undefined ? null : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types && !types.includes('string')) return null;
  const others = ['enum', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'x-citygrid-not-before'] as const;
  if (others.some((keyword) => schema[keyword] !== undefined)) return null;
  const column = quoteIdentifier(property.name);
  const minimum = Math.floor(schema.minLength ?? 0), maximum = schema.maxLength === undefined ? null : Math.floor(schema.maxLength);
  const within = (low: number): string => [low > 0 ? `length(${column}) >= ${low}` : null, maximum === null ? null : `length(${column}) <= ${maximum}`]
    .filter((part) => part !== null).join(' AND ') || '1';
  // Required: NULL fails (its length is NULL), and with empty-is-absent so does '' (length 0 < 1).
  if (property.required) return `(${within(emptyIsAbsent ? Math.max(1, minimum) : minimum)})`;
  // Optional: NULL passes; '' passes as absent, which a minimum length would refuse, so that case keeps the general form.
  if (emptyIsAbsent && minimum > 0) return null;
  return `ifnull(${within(minimum)}, 1)`;
}

function valueChecks(schema: AttributePropertySchema, column: string, columns: ColumnTypes, stringColumn: boolean): string[] {
  const checks: string[] = [];
  const types = schema.type === undefined ? null : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types && !(stringColumn && types.includes('string'))) {
    const accepted = types.map((type) => {
      if (type === 'string') return `typeof(${column}) = 'text'`;
      if (type === 'number') return `typeof(${column}) IN ('integer', 'real')`;
      if (type === 'integer') return `(typeof(${column}) = 'integer' OR (typeof(${column}) = 'real' AND ${column} = CAST(${column} AS INTEGER)))`;
      return '0';
    });
    checks.push(`(${accepted.join(' OR ')})`);
  }
  if (schema.enum) checks.push(`${column} IN (${schema.enum.map((value) => (typeof value === 'number' ? String(value) : quoteText(value))).join(', ')})`);
  if (schema.maxLength !== undefined) checks.push(`length(${column}) <= ${Math.floor(schema.maxLength)}`);
  if (schema.minLength !== undefined) checks.push(`length(${column}) >= ${Math.floor(schema.minLength)}`);
  if (schema.pattern !== undefined) checks.push(patternCondition(schema.pattern, column) ?? '0');
  if (schema.format === 'yyyymmdd') {
    // By month lengths: SQLite's date() (3.40) returns 2025-02-31 unchanged, so it cannot tell.
    const year = `CAST(substr(${column}, 1, 4) AS INTEGER)`, month = `substr(${column}, 5, 2)`, day = `substr(${column}, 7, 2)`;
    const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
    const lastDay = `CASE ${month} WHEN '02' THEN (CASE WHEN ${leap} THEN '29' ELSE '28' END) WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30' WHEN '11' THEN '30' ELSE '31' END`;
    checks.push(`(length(${column}) = 8 AND ${column} NOT GLOB '*[^0-9]*' AND ${month} BETWEEN '01' AND '12' AND ${day} >= '01' AND ${day} <= ${lastDay})`);
  } else if (schema.format !== undefined) {
    checks.push('0');
  }
  if (schema.minimum !== undefined) checks.push(`${column} >= ${schema.minimum}`);
  if (schema.maximum !== undefined) checks.push(`${column} <= ${schema.maximum}`);
  if (schema.exclusiveMinimum !== undefined) checks.push(`${column} > ${schema.exclusiveMinimum}`);
  if (schema.exclusiveMaximum !== undefined) checks.push(`${column} < ${schema.exclusiveMaximum}`);
  const notBefore = schema['x-citygrid-not-before'];
  if (notBefore !== undefined && columns.has(notBefore)) {
    const other = quoteIdentifier(notBefore);
    checks.push(`(${other} IS NULL OR ${other} = '' OR typeof(${other}) <> 'text' OR ${column} >= ${other})`);
  }
  return checks;
}

/**
 * A regular expression as GLOB, for the shapes the schemas use: `^…$`
 * around character classes, `\d` and literals, each once or `{n}` times
 * (→ one GLOB), or a single class `{n,m}`, `+` or `*` (→ length bounds and
 * "no other character"). Anything else returns null.
 */
export function patternCondition(pattern: string, column: string): string | null {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return null;
  const body = pattern.slice(1, -1);
  const atoms: Array<{ glob: string; min: number; max: number }> = [];
  let index = 0;
  while (index < body.length) {
    let glob: string | null = null;
    const char = body[index]!;
    if (char === '[') {
      const close = body.indexOf(']', index + 1);
      if (close < 0) return null;
      const inner = body.slice(index + 1, close);
      if (inner === '' || inner.startsWith('^') || /[\\\]]/.test(inner)) return null;
      glob = `[${inner}]`;
      index = close + 1;
    } else if (char === '\\') {
      const escaped = body[index + 1];
      if (escaped === 'd') glob = '[0-9]';
      else if (escaped !== undefined && /[.\-+*?()[\]{}|^$\\/]/.test(escaped)) glob = literalGlob(escaped);
      else return null;
      index += 2;
    } else if (/[.+*?()[\]{}|^$]/.test(char)) {
      return null;
    } else {
      glob = literalGlob(char);
      index++;
    }
    let min = 1, max = 1;
    const quantifier = /^\{(\d+)(,(\d*))?\}|^[+*?]/.exec(body.slice(index));
    if (quantifier) {
      if (quantifier[0] === '+') { min = 1; max = Infinity; }
      else if (quantifier[0] === '*') { min = 0; max = Infinity; }
      else if (quantifier[0] === '?') { min = 0; max = 1; }
      else {
        min = Number(quantifier[1]);
        max = quantifier[2] === undefined ? min : quantifier[3] === '' ? Infinity : Number(quantifier[3]);
      }
      index += quantifier[0].length;
    }
    atoms.push({ glob, min, max });
  }
  if (atoms.every((atom) => atom.min === atom.max)) {
    return `${column} GLOB ${quoteText(atoms.map((atom) => atom.glob.repeat(atom.min)).join(''))}`;
  }
  if (atoms.length === 1 && atoms[0]!.glob.startsWith('[')) {
    const { glob, min, max } = atoms[0]!;
    const bounds = [`length(${column}) >= ${min}`];
    if (Number.isFinite(max)) bounds.push(`length(${column}) <= ${max}`);
    return `(${bounds.join(' AND ')} AND ${column} NOT GLOB ${quoteText(`*[^${glob.slice(1, -1)}]*`)})`;
  }
  return null;
}

function literalGlob(char: string): string {
  return char === '*' || char === '?' || char === '[' ? `[${char}]` : char;
}
