/**
 * Counts the records failing one field each (a group) and reads only the
 * first of them whole: a mandatory field empty in 950,000 components costs
 * one counting scan and a hundred records instead of 950,000 records
 * crossing into JavaScript. A group is selected exactly, either by an SQL
 * condition that holds for precisely its records or by their fids (from
 * the code columns), so its count is the validator's count.
 */
import type { CompiledAttributeSchema } from '../../core/qa/attributes/attribute_schema.js';
import type { AttributeFailureGroup } from '../../core/qa/qa_input.js';
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import { fetchRecords, type CandidateTable, type FetchedRecords } from './fetch_attribute_records.js';
import type { SqlReader } from './sql_columns.js';

export type PlannedGroup =
  | { field: string; kind: AttributeFailureGroup['kind']; where: string }
  | { field: string; kind: AttributeFailureGroup['kind']; fids: number[] };

/** Fids per statement when a group's records are read by fid (the full list of a million). */
const FIDS_PER_STATEMENT = 50_000;

/** Each group's count (one scan for all the conditions) and its first `listed` records (all when Infinity). */
export async function readFailureGroups(reader: SqlReader, table: CandidateTable, schema: CompiledAttributeSchema, groups: PlannedGroup[], listed: number): Promise<AttributeFailureGroup[]> {
  const counts = await countConditions(reader, table, groups.flatMap((group) => ('where' in group ? [group.where] : [])));
  const result: AttributeFailureGroup[] = [];
  let conditionIndex = 0;
  for (const group of groups) {
    const count = 'where' in group ? counts[conditionIndex++]! : group.fids.length;
    if (count === 0) continue;
    const records = 'where' in group
      ? await fetchRecords(reader, table, schema, group.where, listed)
      : await fetchByFids(reader, table, schema, Number.isFinite(listed) ? group.fids.slice(0, listed) : group.fids);
    result.push({ field: group.field, kind: group.kind, count, ...records });
  }
  return result;
}

async function countConditions(reader: SqlReader, table: CandidateTable, conditions: string[]): Promise<number[]> {
  if (conditions.length === 0) return [];
  const counted = conditions.map((condition, index) => `count(CASE WHEN ${condition} THEN 1 END) AS n${index}`).join(', ');
  const layer = await reader.query(`SELECT ${counted} FROM ${quoteIdentifier(table.name)}`);
  const row = await layer.features.firstAsync();
  return conditions.map((_condition, index) => Number(row?.fields.get(`n${index}`) ?? 0));
}

async function fetchByFids(reader: SqlReader, table: CandidateTable, schema: CompiledAttributeSchema, fids: number[]): Promise<FetchedRecords> {
  const all: FetchedRecords = { fids: [], records: [], xs: [], ys: [] };
  for (let start = 0; start < fids.length; start += FIDS_PER_STATEMENT) {
    const part = await fetchRecords(reader, table, schema, `rowid IN (${fids.slice(start, start + FIDS_PER_STATEMENT).join(', ')})`);
    all.fids.push(...part.fids);
    all.records.push(...part.records);
    all.xs.push(...part.xs);
    all.ys.push(...part.ys);
  }
  return all;
}
