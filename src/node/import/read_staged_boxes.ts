/**
 * The bounding box of every staged feature, for the packed spatial index an
 * import writes (replace_from_staging.ts). Read straight from the GeoPackage
 * geometry blobs, without parsing a geometry: SQLite cuts each blob's first
 * 40 bytes (the 8-byte header, then the envelope GDAL writes for every
 * geometry but a point, or a point's WKB) and joins them, fid first, as
 * fixed-width hex; Node turns the hex into bytes natively and reads the
 * doubles in place — a million features in about a second, where SQL's
 * ST_MinX…ST_MaxY take several. A blob that has neither (a non-point
 * without envelope, which GDAL does not write) gets its box from those SQL
 * functions instead. Empty geometries get none, as the R-tree triggers of
 * the GeoPackage specification do. Reads go through short-lived read-only
 * connections of their own, one per slice of rows, closed at once, so no
 * result set is left for the garbage collector to release later while the
 * writing connection is busy (which blocks Node's event loop in gdal-async).
 */
import type { Dataset } from 'gdal-async';
import gdal from '../gdal/gdal_runtime.js';
import type { FeatureBoxes } from '../gdal/pack_rtree.js';
import { quoteIdentifier } from '../gdal/gdal_sql.js';

const ROWS_PER_QUERY = 200000;
/** fid (8 bytes) + the blob's first 40 bytes. */
const RECORD_BYTES = 48;
const HEADER_BYTES = 8;
const BLOB_PREFIX_BYTES = 40;

/** Boxes with each feature's fid (`ids`), in fid order; `undecoded` lists fids whose blobs held no box to read. */
export interface DecodedBoxes extends FeatureBoxes {
  ids: Float64Array;
  undecoded: number[];
}

function emptyBoxes(capacity: number): DecodedBoxes {
  return {
    count: 0, ids: new Float64Array(capacity), undecoded: [],
    minX: new Float64Array(capacity), minY: new Float64Array(capacity), maxX: new Float64Array(capacity), maxY: new Float64Array(capacity),
  };
}

function push(boxes: DecodedBoxes, id: number, minX: number, minY: number, maxX: number, maxY: number): void {
  // Typed arrays drop writes past their end without a word.
  if (boxes.count === boxes.ids.length) throw new Error(`more staged rows than the ${boxes.ids.length} counted`);
  const row = boxes.count++;
  boxes.ids[row] = id;
  boxes.minX[row] = minX;
  boxes.minY[row] = minY;
  boxes.maxX[row] = maxX;
  boxes.maxY[row] = maxY;
}

/**
 * Decodes records of RECORD_BYTES (a big-endian fid, then a blob's first bytes, zero-padded)
 * into `boxes`. GeoPackage header: "GP", version, flags (bit 0: byte order of the envelope,
 * bits 1–3: envelope kind, bit 4: empty), srs_id, then the envelope as minX, maxX, minY, maxY.
 */
export function decodeBlobPrefixes(bytes: Buffer, boxes: DecodedBoxes): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let offset = 0; offset + RECORD_BYTES <= bytes.length; offset += RECORD_BYTES) {
    const id = Number(view.getBigUint64(offset, false));
    const blob = offset + 8;
    if (bytes[blob] !== 0x47 || bytes[blob + 1] !== 0x50) {
      boxes.undecoded.push(id);
      continue;
    }
    const flags = bytes[blob + 3]!;
    if (flags & 0x10) continue; // Empty: not in the index.
    const envelope = (flags >> 1) & 7;
    if (envelope >= 1 && envelope <= 4) {
      const little = (flags & 1) === 1;
      const at = blob + HEADER_BYTES;
      push(boxes, id, view.getFloat64(at, little), view.getFloat64(at + 16, little), view.getFloat64(at + 8, little), view.getFloat64(at + 24, little));
      continue;
    }
    const wkb = blob + HEADER_BYTES;
    const little = bytes[wkb] === 1;
    // Point, Point Z/M/ZM (1001, 2001, 3001; EWKB flags in the high bits): x and y come first.
    const type = (view.getUint32(wkb + 1, little) & 0x0fffffff) % 1000;
    if (envelope === 0 && type === 1 && (little || bytes[wkb] === 0)) {
      const x = view.getFloat64(wkb + 5, little);
      const y = view.getFloat64(wkb + 13, little);
      if (!Number.isNaN(x) && !Number.isNaN(y)) push(boxes, id, x, y, x, y);
      continue;
    }
    boxes.undecoded.push(id);
  }
}

async function withReader<T>(path: string, read: (reader: Dataset) => Promise<T>): Promise<T> {
  const reader = await gdal.openAsync(path, 'r');
  try {
    return await read(reader);
  } finally {
    reader.close();
  }
}

/** Boxes by SQL for the few blobs the fast path cannot read. */
async function addBoxesBySql(path: string, table: string, geometry: string, boxes: DecodedBoxes): Promise<void> {
  const column = quoteIdentifier(geometry);
  for (let start = 0; start < boxes.undecoded.length; start += 1000) {
    const fids = boxes.undecoded.slice(start, start + 1000).join(',');
    await withReader(path, async (reader) => {
      const result = await reader.executeSQLAsync(`SELECT fid, ST_MinX(${column}) AS x0, ST_MinY(${column}) AS y0, ST_MaxX(${column}) AS x1, ST_MaxY(${column}) AS y1 `
        + `FROM ${quoteIdentifier(table)} WHERE fid IN (${fids}) AND ${column} NOT NULL AND NOT ST_IsEmpty(${column})`);
      result.features.forEach((row) => {
        const values = row.fields.toObject() as { fid?: number; x0: number; y0: number; x1: number; y1: number };
        push(boxes, Number(values.fid ?? row.fid), values.x0, values.y0, values.x1, values.y1);
      });
    });
  }
}

/** Every non-empty geometry's box in the table `table` of the GeoPackage at `path`. */
export async function readStagedBoxes(path: string, table: string, geometry: string, rowCount: number): Promise<DecodedBoxes> {
  const boxes = emptyBoxes(rowCount);
  const column = quoteIdentifier(geometry);
  const padding = '0'.repeat(BLOB_PREFIX_BYTES * 2);
  let after: number | null = null;
  for (;;) {
    const rows = await withReader(path, async (reader) => {
      const result = await reader.executeSQLAsync(
        `SELECT count(*) AS n, max(fid) AS last, group_concat(printf('%016x', fid) || substr(hex(substr(${column}, 1, ${BLOB_PREFIX_BYTES})) || '${padding}', 1, ${BLOB_PREFIX_BYTES * 2}), '') AS prefixes `
        + `FROM (SELECT fid, ${column} FROM ${quoteIdentifier(table)} WHERE ${after === null ? '' : `fid > ${after} AND `}${column} NOT NULL ORDER BY fid LIMIT ${ROWS_PER_QUERY})`);
      const row = result.features.first();
      const values = row ? row.fields.toObject() as { n: number; last: number | null; prefixes: string | null } : null;
      if (!values || !values.n || values.last === null) return null;
      decodeBlobPrefixes(Buffer.from(values.prefixes ?? '', 'hex'), boxes);
      return values;
    });
    if (!rows) break;
    after = Number(rows.last);
    if (rows.n < ROWS_PER_QUERY) break;
  }
  if (boxes.undecoded.length > 0) await addBoxesBySql(path, table, geometry, boxes);
  return boxes;
}
