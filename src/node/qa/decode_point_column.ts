/**
 * Point coordinates of a whole GeoPackage column, exact, at native speed:
 * SQLite cuts from each blob just the start of its WKB (byte order, type,
 * x, y: 21 bytes, found past the header and the envelope its flags announce)
 * and joins them as hex without separators, so every row has the same width;
 * Node turns the hex into bytes natively, and the doubles are read in place.
 * No string or Buffer per row, and no digits lost (SQLite's text for REAL
 * keeps only 15).
 */
import { quoteIdentifier } from '../gdal/gdal_sql.js';

/** Byte order (1) + geometry type (4) + x (8) + y (8). */
export const POINT_PREFIX_BYTES = 21;
const NO_POINT = '00'.repeat(POINT_PREFIX_BYTES);

/**
 * The SQL expression giving a row's 42 hex characters; 21 zero bytes (not a
 * point) for NULL, for blobs that are not GeoPackage geometry and for blobs
 * too short to hold a point.
 */
export function pointPrefixExpression(column: string): string {
  const geometry = quoteIdentifier(column);
  // Flags bits 1-3 give the envelope: 0 none, 1 xy (32 bytes), 2 xyz and 3 xym (48), 4 xyzm (64).
  const envelope = `((ifnull(unicode(substr(${geometry}, 4, 1)), 0) >> 1) & 7)`;
  const wkbStart = `(9 + (${envelope} > 0) * 16 * (${envelope} + 1 - (${envelope} >= 3)))`;
  return `CASE WHEN substr(${geometry}, 1, 2) = X'4750' AND length(${geometry}) >= ${wkbStart} + ${POINT_PREFIX_BYTES - 1}`
    + ` THEN hex(substr(${geometry}, ${wkbStart}, ${POINT_PREFIX_BYTES})) ELSE '${NO_POINT}' END`;
}

export function decodePointColumn(hex: string, count: number): { xs: Float64Array; ys: Float64Array } {
  if (hex.length !== count * POINT_PREFIX_BYTES * 2) {
    throw new Error(`expected ${count} points of ${POINT_PREFIX_BYTES} bytes, read ${hex.length / 2} bytes`);
  }
  const bytes = Buffer.from(hex, 'hex');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const xs = new Float64Array(count), ys = new Float64Array(count);
  for (let row = 0, offset = 0; row < count; row++, offset += POINT_PREFIX_BYTES) {
    const littleEndian = bytes[offset] === 1;
    // Point, Point Z/M/ZM (1001, 2001, 3001; EWKB flags in the high bits): x and y come first either way.
    const type = (view.getUint32(offset + 1, littleEndian) & 0x0fffffff) % 1000;
    if (type === 1 && (littleEndian || bytes[offset] === 0)) {
      xs[row] = view.getFloat64(offset + 5, littleEndian);
      ys[row] = view.getFloat64(offset + 13, littleEndian);
    } else {
      xs[row] = NaN;
      ys[row] = NaN;
    }
  }
  return { xs, ys };
}
