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
import { CodeColumn } from '../../core/columns/code_column.js';

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

  /**
   * The same values as textColumn, as one CodeColumn (no string per row),
   * for the columns of a million codes.
   */
  async codeColumn(table: string, expression: string, rowCount: number | Promise<number>, where = ''): Promise<CodeColumn> {
    if (rowCount === 0) return CodeColumn.empty;
    const joined = await this.joined(table, `ifnull(${expression}, '')`, where);
    const count = await rowCount;
    if (count === 0) return CodeColumn.empty;
    const column = CodeColumn.fromSeparated(joined, count);
    if (column) return column;
    // A value held the separator: read again with it replaced, rather than misalign every column.
    const safe = CodeColumn.fromSeparated(await this.joined(table, `replace(ifnull(${expression}, ''), char(31), ' ')`, where), count);
    if (!safe) throw new Error(`${table}: expected ${count} values of ${expression}, read another number`);
    return safe;
  }

  /**
   * Several code columns of one table from one scan (each further column
   * read alone costs SQLite a scan of its own); as codeColumn each.
   */
  async codeColumns(table: string, expressions: readonly string[], rowCount: number | Promise<number>): Promise<CodeColumn[]> {
    if (rowCount === 0) return expressions.map(() => CodeColumn.empty);
    const selected = expressions.map((expression, index) => `ifnull(${expression}, '') AS v${index}`).join(', ');
    const joined = expressions.map((_expression, index) => `group_concat(v${index}, char(31)) AS v${index}`).join(', ');
    const layer = await this.query(`SELECT ${joined} FROM (SELECT ${selected} FROM ${quoteIdentifier(table)} ORDER BY rowid)`);
    const feature = await layer.features.firstAsync();
    const count = await rowCount;
    if (count === 0) return expressions.map(() => CodeColumn.empty);
    const columns: CodeColumn[] = [];
    for (const [index, expression] of expressions.entries()) {
      const value = feature?.fields.get(`v${index}`);
      // A value holding the separator: that column is read again alone, with it replaced.
      columns.push(CodeColumn.fromSeparated(typeof value === 'string' ? value : '', count) ?? await this.codeColumn(table, expression, count));
    }
    return columns;
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
    const decoded = decodePointColumn(await this.pointPrefixes(table, column), count);
    return decoded ?? decodeSeparatedPointColumn(await this.joined(table, `ifnull(hex(${quoteIdentifier(column)}), '')`, ''), SEPARATOR_CODE, count);
  }

  /**
   * Point coordinates and the row count together, from one query (the
   * fixed-width rows count themselves, so no count(*) scan is needed); null
   * when a blob needs the general decoder, which needs the count first.
   */
  async countedPointColumns(table: string, column: string): Promise<{ count: number; xs: Float64Array; ys: Float64Array } | null> {
    const bytes = await this.pointPrefixes(table, column);
    const count = bytes.length / POINT_BLOB_BYTES;
    if (!Number.isInteger(count)) return null;
    const decoded = decodePointColumn(bytes, count);
    return decoded ? { count, ...decoded } : null;
  }

  /**
   * Every row's first 29 blob bytes, joined, as bytes: SQLite joins the
   * blobs and GDAL hands the result over as one binary field, so neither
   * side writes or parses hex. A leading marker byte keeps GDAL from taking
   * the result (which starts like a GeoPackage point) for a geometry column.
   */
  async pointPrefixes(table: string, column: string): Promise<Uint8Array> {
    const value = await this.value(
      `SELECT CAST(X'FF' || group_concat(v, '') AS BLOB) AS v FROM (SELECT ${pointPrefixExpression(column)} AS v FROM ${quoteIdentifier(table)} ORDER BY rowid)`,
    );
    // No rows: group_concat gives NULL, and so does the concatenation.
    if (!(value instanceof Uint8Array) || value.length === 0 || value[0] !== 0xff) return new Uint8Array(0);
    return value.subarray(1);
  }

  private async joined(table: string, expression: string, where: string, separator = 'char(31)'): Promise<string> {
    const value = await this.value(
      `SELECT group_concat(v, ${separator}) AS v FROM (SELECT ${expression} AS v FROM ${quoteIdentifier(table)}${where ? ` WHERE ${where}` : ''} ORDER BY rowid)`,
    );
    return typeof value === 'string' ? value : '';
  }
}
