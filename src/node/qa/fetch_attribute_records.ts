/**
 * The full records of the rows an SQL condition selects, in fid order, each
 * with its box centre as the place: what the attribute check reads of the
 * few records that may break their schema (read_attribute_candidates.ts)
 * and of the first records of a failing field (read_failure_groups.ts).
 */
import type { Properties, PropertyValue } from '../../core/api/geo_types.js';
import type { CompiledAttributeSchema } from '../../core/qa/attributes/attribute_schema.js';
import type { AttributeRecordsInput } from '../../core/qa/qa_input.js';
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import type { ColumnTypes } from './compile_attribute_filter.js';
import type { SqlReader } from './sql_columns.js';

export interface CandidateTable {
  name: string;
  geometry: string;
  fields: ColumnTypes;
}

export type FetchedRecords = Pick<AttributeRecordsInput, 'fids' | 'records' | 'xs' | 'ys'>;

/** The records `where` selects; the first `limit` of them when it is finite. */
export async function fetchRecords(reader: SqlReader, table: CandidateTable, schema: CompiledAttributeSchema, where: string, limit = Infinity): Promise<FetchedRecords> {
  const records: FetchedRecords = { fids: [], records: [], xs: [], ys: [] };
  const fields = schema.properties.map((property) => property.name).filter((name) => table.fields.has(name));
  const geometry = quoteIdentifier(table.geometry);
  const layer = await reader.query(
    `SELECT rowid AS qa_fid, (ST_MinX(${geometry}) + ST_MaxX(${geometry})) / 2.0 AS qa_x, (ST_MinY(${geometry}) + ST_MaxY(${geometry})) / 2.0 AS qa_y`
    + `${fields.map((name) => `, ${quoteIdentifier(name)}`).join('')} FROM ${quoteIdentifier(table.name)} WHERE ${where} ORDER BY rowid`
    + (Number.isFinite(limit) ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : ''),
  );
  // The first row comes on GDAL's thread (the scan up to it); the rest, few, one by one.
  for (let feature = await layer.features.firstAsync(); feature; feature = layer.features.next()) {
    const values = feature.fields.toObject() as Record<string, unknown>;
    const record: Properties = {};
    for (const name of fields) record[name] = toPropertyValue(values[name]);
    // GDAL takes the selected rowid as the result's fid rather than as a field.
    records.fids.push(values.qa_fid === undefined ? feature.fid : Number(values.qa_fid));
    records.xs.push(values.qa_x === null || values.qa_x === undefined ? NaN : Number(values.qa_x));
    records.ys.push(values.qa_y === null || values.qa_y === undefined ? NaN : Number(values.qa_y));
    records.records.push(record);
  }
  return records;
}

function toPropertyValue(value: unknown): PropertyValue {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : String(value);
}
