/**
 * One chunk of the components table (a range of rowids) as the grid
 * assignment needs it: points and recorded grid codes from one scan of those
 * rows, in one SQL call on GDAL's worker thread. The whole table read as a
 * single column per query (src/node/qa/sql_columns.ts) makes the assignment
 * wait for the last row; chunks let it start on the first ones while the
 * rest are read, and one scan for both columns spares SQLite the second
 * walk over every page that a column per query costs.
 *
 * The query (queryComponentChunk) and the decoding (decodeComponentChunk)
 * are apart so that a connection can have its next chunk's query in flight
 * while the main thread decodes and assigns this one.
 */
import { CodeColumn } from '../../core/columns/code_column.js';
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import { decodePointColumn, decodeSeparatedPointColumn, POINT_BLOB_BYTES, pointPrefixExpression } from '../qa/decode_point_column.js';
import type { SqlReader } from '../qa/sql_columns.js';

/** What a chunk query needs to know of the table. */
export interface ChunkTable {
  name: string;
  geometry: string;
  /** SQL expression of the recorded grid code ('' when the table has no such column). */
  codeExpression: string;
}

/** A chunk's rows as SQL handed them over, not decoded yet. */
export interface RawComponentChunk {
  low: number;
  high: number;
  count: number;
  /** Each row's first 29 geometry bytes, joined. */
  prefixes: Uint8Array;
  /** Each row's recorded code, joined by the unit separator. */
  codes: string;
}

export interface ComponentChunk {
  count: number;
  fids: Float64Array;
  xs: Float64Array;
  ys: Float64Array;
  recordedCodes: CodeColumn;
}

/**
 * Reads the rows in rowid order without an ORDER BY: SQLite walks a rowid
 * range of its table b-tree upwards (a subquery with ORDER BY around the
 * scan, the formal guarantee, costs SQLite about half as much again as the
 * scan itself, a co-routine step per row). Only reverse_unordered_selects
 * would turn the walk round: a connection where it is on (checked by
 * unorderedScansAscend) reads through the ordered subquery instead.
 */
export async function queryComponentChunk(reader: SqlReader, table: ChunkTable, low: number, high: number, ascending: boolean): Promise<RawComponentChunk> {
  const rows = `${quoteIdentifier(table.name)} WHERE rowid BETWEEN ${low} AND ${high}`;
  const layer = await reader.query(
    // X'FF' in front keeps GDAL from taking the joined blob (which starts like a GeoPackage point) for a geometry column.
    `SELECT count(*) AS n, CAST(X'FF' || group_concat(p, '') AS BLOB) AS p, group_concat(c, char(31)) AS c FROM `
    + `(SELECT ${pointPrefixExpression(table.geometry)} AS p, ifnull(${table.codeExpression}, '') AS c FROM ${rows}${ascending ? '' : ' ORDER BY rowid'})`,
  );
  const feature = await layer.features.firstAsync();
  const count = Number(feature?.fields.get('n') ?? 0);
  const prefixes = feature?.fields.get('p');
  const codes = feature?.fields.get('c');
  return {
    low, high, count,
    // No rows: group_concat gives NULL, and so does the concatenation.
    prefixes: prefixes instanceof Uint8Array && prefixes.length > 0 && prefixes[0] === 0xff ? prefixes.subarray(1) : new Uint8Array(0),
    codes: typeof codes === 'string' ? codes : '',
  };
}

/** See queryComponentChunk: whether the unordered scans of this connection go in rowid order (GDAL does not set the pragma). */
export async function unorderedScansAscend(reader: SqlReader): Promise<boolean> {
  return Number(await reader.value('PRAGMA reverse_unordered_selects')) === 0;
}

/**
 * Points, codes and fids of a chunk. The usual chunk decodes in place; a
 * blob of another kind than the plain point, a code holding the separator
 * or holes among the rowids are read again for that chunk alone, the slow
 * and general way, on the same connection.
 */
export async function decodeComponentChunk(reader: SqlReader, table: ChunkTable, raw: RawComponentChunk): Promise<ComponentChunk> {
  const { count, low, high } = raw;
  if (count === 0) return { count, fids: new Float64Array(0), xs: new Float64Array(0), ys: new Float64Array(0), recordedCodes: CodeColumn.empty };
  const where = `rowid BETWEEN ${low} AND ${high}`;
  const points = (raw.prefixes.length === count * POINT_BLOB_BYTES ? decodePointColumn(raw.prefixes, count) : null)
    ?? decodeSeparatedPointColumn(await joined(reader, table.name, `ifnull(hex(${quoteIdentifier(table.geometry)}), '')`, where), 0x1f, count);
  const recordedCodes = CodeColumn.fromSeparated(raw.codes, count)
    ?? CodeColumn.fromSeparated(await joined(reader, table.name, `replace(ifnull(${table.codeExpression}, ''), char(31), ' ')`, where), count);
  if (!recordedCodes) throw new Error(`${table.name}: expected ${count} values of ${table.codeExpression} in rowids ${low}…${high}`);
  let fids: Float64Array;
  if (high - low + 1 === count) {
    // No holes: the fids count up from the first (a plain loop; Float64Array.from with a mapping function is several times slower).
    fids = new Float64Array(count);
    for (let index = 0; index < count; index++) fids[index] = low + index;
  } else {
    fids = await reader.numberColumn(table.name, 'rowid', count, where);
  }
  return { count, fids, xs: points.xs, ys: points.ys, recordedCodes };
}

async function joined(reader: SqlReader, table: string, expression: string, where: string): Promise<string> {
  const value = await reader.value(`SELECT group_concat(${expression}, char(31)) AS v FROM ${quoteIdentifier(table)} WHERE ${where}`);
  return typeof value === 'string' ? value : '';
}
