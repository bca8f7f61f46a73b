/**
 * The tables of a workspace as the fast readers see them: names, fields and
 * geometry columns (described once, on a connection of their own), row
 * counts and fid ranges (by SQL on GDAL's threads), and whole columns of
 * fids, codes and polygons through SqlReader. Shared by the standards check
 * (read_qa_input.ts) and the grid assignment (src/node/grids/).
 */
import gdal from '../gdal/gdal_runtime.js';
import type { AreaLayerInput } from '../../core/qa/qa_input.js';
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import { decodeAreaGeometry, decodeFlatPolygon } from './decode_gpkg_geometry.js';
import type { FlatPolygon } from '../../core/geometry/flat_polygon.js';
import type { SqlReader } from './sql_columns.js';

export interface TableFacts {
  name: string;
  count: number;
  geometry: string;
  /** Field names with their GDAL types. */
  fields: Map<string, string>;
  /** Fids 1…n without holes (the usual case) need not be read. */
  firstFid: number;
  contiguous: boolean;
}

export interface LayerFacts { name: string; geometry: string; fields: Map<string, string> }

/**
 * Layer names, fields and geometry columns, from a connection of their own
 * that is closed before any query starts: a GDAL layer object collected by
 * the garbage collector waits for its dataset's lock, and if that dataset
 * had a query in flight, gdal-async deadlocks (seen under load). The reading
 * connections therefore create no layer objects but their query results,
 * which SqlReader keeps until it closes.
 */
export function describeLayers(path: string, names: string[]): LayerFacts[] {
  const dataset = gdal.open(path, 'r');
  try {
    const present = new Set(dataset.layers.map((layer) => layer.name));
    return names.filter((name) => present.has(name)).map((name) => {
      const layer = dataset.layers.get(name);
      return { name, geometry: layer.geomColumn || 'geom', fields: new Map(layer.fields.map((field) => [field.name, field.type])) };
    });
  } finally {
    dataset.close();
  }
}

/**
 * Row counts and fid ranges, by SQL on GDAL's threads, each table once, on
 * the connection of the first step that needs it (so no queue waits for
 * another's count): a workspace written through GDAL has no cached counts
 * (gpkg_ogr_contents holds NULL), and GDAL's own count would scan a million
 * rows on the main thread.
 */
export class TableCatalog {
  private readonly layers: Map<string, LayerFacts>;
  private readonly described = new Map<string, Promise<TableFacts>>();
  /** Counts another query will deliver (points count themselves): no count(*) scan for these tables. */
  private readonly pending = new Map<string, { promise: Promise<number>; resolve: (count: number) => void; reject: (error: unknown) => void }>();

  constructor(layers: LayerFacts[]) {
    this.layers = new Map(layers.map((layer) => [layer.name, layer]));
  }

  has(name: string): boolean {
    return this.layers.has(name);
  }

  /** Name, geometry column and fields, without a query. */
  layer(name: string): LayerFacts {
    return this.layers.get(name)!;
  }

  /**
   * Announces that the table's row count will come from a query that reads
   * its points (provideCount); until then `count` and `facts` wait for it.
   * The reader must call provideCount or failCounts in every outcome.
   */
  countFromPoints(name: string): void {
    let resolve!: (count: number) => void, reject!: (error: unknown) => void;
    const promise = new Promise<number>((onResolve, onReject) => { resolve = onResolve; reject = onReject; });
    // A count nobody waits for must not crash the process when it fails.
    promise.catch(() => undefined);
    this.pending.set(name, { promise, resolve, reject });
  }

  provideCount(name: string, count: number): void {
    this.pending.get(name)?.resolve(count);
  }

  /** Fails every announced count (a queue failed or was canceled), so that no step waits forever. */
  failCounts(error: unknown): void {
    for (const entry of this.pending.values()) entry.reject(error);
  }

  /** The row count: announced, or counted by SQL on `reader`. */
  count(name: string, reader: SqlReader): Promise<number> {
    return this.pending.get(name)?.promise ?? this.facts(name, reader).then((facts) => facts.count);
  }

  /** Counts by SQL even when the count was announced (the points could not count themselves), and provides it. */
  async countNow(name: string, reader: SqlReader): Promise<number> {
    const count = Number(await reader.value(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`) ?? 0);
    this.provideCount(name, count);
    return count;
  }

  facts(name: string, reader: SqlReader): Promise<TableFacts> {
    let facts = this.described.get(name);
    if (!facts) {
      const layer = this.layers.get(name)!;
      const announced = this.pending.get(name)?.promise;
      facts = (async () => {
        // With an announced count only the fid range is asked for. min and max each in a query of
        // their own: one index lookup each, where min and max together in one query scan the table.
        const table = quoteIdentifier(name);
        const row = await (await reader.query(`SELECT ${announced ? '' : `(SELECT count(*) FROM ${table}) AS n, `}(SELECT min(rowid) FROM ${table}) AS low, (SELECT max(rowid) FROM ${table}) AS high`)).features.firstAsync();
        const count = announced ? await announced : Number(row?.fields.get('n') ?? 0);
        const low = Number(row?.fields.get('low') ?? 1), high = Number(row?.fields.get('high') ?? 0);
        return { ...layer, count, firstFid: low, contiguous: high - low + 1 === count };
      })();
      facts.catch(() => undefined);
      this.described.set(name, facts);
    }
    return facts;
  }
}

export async function readFids(reader: SqlReader, table: TableFacts): Promise<Float64Array> {
  if (table.contiguous) {
    const fids = new Float64Array(table.count);
    for (let index = 0; index < table.count; index++) fids[index] = table.firstFid + index;
    return fids;
  }
  return reader.numberColumn(table.name, 'rowid', table.count);
}

export function textField(table: Pick<LayerFacts, 'fields'>, field: string): string {
  return table.fields.has(field) ? quoteIdentifier(field) : "''";
}

export async function readAreas(reader: SqlReader, table: TableFacts, fields: string[]): Promise<{ fids: number[]; columns: Record<string, string[]>; geometries: AreaLayerInput['geometries'] }> {
  const fids = [...await readFids(reader, table)];
  const columns: Record<string, string[]> = {};
  for (const field of fields) columns[field] = await reader.textColumn(table.name, textField(table, field), table.count);
  const blobs = await reader.blobColumn(table.name, table.geometry, table.count);
  return { fids, columns, geometries: blobs.map((blob) => (blob ? decodeAreaGeometry(blob) : null)) };
}

/** As readAreas, with the polygons decoded straight into the flat form the QA rules use (no nested coordinate arrays). */
export async function readFlatAreas(reader: SqlReader, table: TableFacts, fields: string[]): Promise<{ fids: number[]; columns: Record<string, string[]>; polygons: Array<FlatPolygon | null> }> {
  const fids = [...await readFids(reader, table)];
  const columns: Record<string, string[]> = {};
  for (const field of fields) columns[field] = await reader.textColumn(table.name, textField(table, field), table.count);
  const blobs = await reader.blobColumn(table.name, table.geometry, table.count);
  return { fids, columns, polygons: blobs.map((blob) => (blob ? decodeFlatPolygon(blob) : null)) };
}
