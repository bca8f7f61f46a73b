/**
 * Reads whole columns of a GeoPackage table in one SQL call each: SQLite
 * joins a column's values with a separator (group_concat, in fid order) and
 * one string crosses into JavaScript, instead of a GDAL feature object per
 * row (which costs ~5 s for a million components). Queries run on GDAL's
 * worker threads (executeSQLAsync), so two connections read in parallel
 * while the main thread parses what has arrived.
 */
import type { Dataset, Layer } from 'gdal-async';
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import { decodePointColumn, decodeSeparatedPointColumn, POINT_BLOB_BYTES, pointPrefixExpression } from './decode_point_column.js';
import { parseNumberList } from './parse_number_list.js';

/** Unit separator: never in a code, and checked anyway (a value holding it would shift the columns). */
const SEPARATOR = '\u001f';
const SEPARATOR_CODE = 0x1f;

/**
 * A connection and the result layers it produced. Result layers are kept
 * until the connection closes: gdal-async frees a dropped layer from the
 * garbage collector under the dataset's lock, which deadlocks if a query on
 * that dataset is in flight. The connection must create no other layer
 * objects (read_qa_input.ts gets names and fields elsewhere).
 */
export class SqlReader {
  private readonly results: Layer[] = [];

  constructor(readonly dataset: Dataset) {}

  async query(statement: string): Promise<Layer> {
    const layer = await this.dataset.executeSQLAsync(statement);
    this.results.push(layer);
    return layer;
  }

  /** The first row's value of the first column. */
  async value(statement: string): Promise<unknown> {
    const layer = await this.query(statement);
    const feature = await layer.features.firstAsync();
    if (!feature) return null;
    return feature.fields.get(feature.fields.getNames()[0]!);
  }

  close(): void {
    this.results.length = 0;
    this.dataset.close();
  }

  /**
   * One value per row (fid order) of `expression` as text, '' for NULL. The
   * row count may still be coming (another query counts): it is needed only
   * to check the values once they are in.
   */
  async textColumn(table: string, expression: string, rowCount: number | Promise<number>, where = ''): Promise<string[]> {
    if (rowCount === 0) return [];
    const joined = await this.joined(table, `ifnull(${expression}, '')`, where);
    const count = await rowCount;
    if (count === 0) return [];
    const values = joined.split(SEPARATOR);
    if (values.length === count) return values;
    // A value held the separator: read again with it replaced, rather than misalign every column.
    const safe = await this.joined(table, `replace(ifnull(${expression}, ''), char(31), ' ')`, where);
    const retried = safe.split(SEPARATOR);
    if (retried.length !== count) throw new Error(`${table}: expected ${count} values of ${expression}, read ${retried.length}`);
    return retried;
  }

  /** One number per row (fid order) of `expression`; NaN for NULL. */
  async numberColumn(table: string, expression: string, count: number, where = ''): Promise<Float64Array> {
    if (count === 0) return new Float64Array(0);
    return parseNumberList(await this.joined(table, `ifnull(${expression}, '')`, where), SEPARATOR_CODE, count);
  }

  /** Geometry blobs as bytes, one per row (fid order); null for NULL. */
  async blobColumn(table: string, column: string, count: number): Promise<Array<Buffer | null>> {
    const hex = await this.textColumn(table, `hex(${quoteIdentifier(column)})`, count);
    return hex.map((value) => (value === '' ? null : Buffer.from(value, 'hex')));
  }

  /** Point coordinates, exact, from the geometry blobs; NaN for empty geometries. */
  async pointColumns(table: string, column: string, count: number): Promise<{ xs: Float64Array; ys: Float64Array }> {
    if (count === 0) return { xs: new Float64Array(0), ys: new Float64Array(0) };
    // Fixed-width rows need no separator; an unusual blob makes the column read again whole.
    const decoded = decodePointColumn(await this.joined(table, pointPrefixExpression(column), '', "''"), count);
    return decoded ?? decodeSeparatedPointColumn(await this.joined(table, `ifnull(hex(${quoteIdentifier(column)}), '')`, ''), SEPARATOR_CODE, count);
  }

  /**
   * Point coordinates and the row count together, from one query (the
   * fixed-width rows count themselves, so no count(*) scan is needed); null
   * when a blob needs the general decoder, which needs the count first.
   */
  async countedPointColumns(table: string, column: string): Promise<{ count: number; xs: Float64Array; ys: Float64Array } | null> {
    const hex = await this.joined(table, pointPrefixExpression(column), '', "''");
    const count = hex.length / (POINT_BLOB_BYTES * 2);
    if (!Number.isInteger(count)) return null;
    const decoded = decodePointColumn(hex, count);
    return decoded ? { count, ...decoded } : null;
  }

  private async joined(table: string, expression: string, where: string, separator = 'char(31)'): Promise<string> {
    const value = await this.value(
      `SELECT group_concat(v, ${separator}) AS v FROM (SELECT ${expression} AS v FROM ${quoteIdentifier(table)}${where ? ` WHERE ${where}` : ''} ORDER BY rowid)`,
    );
    return typeof value === 'string' ? value : '';
  }
}
