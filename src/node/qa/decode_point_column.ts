/**
 * Point coordinates of a whole GeoPackage column, exact, at native speed.
 * GDAL writes a point as a 29-byte blob: an 8-byte header without an
 * envelope, then the WKB (byte order, type, x, y). SQLite joins the first
 * 29 bytes of every blob into one blob (every row the same width, so no
 * separators), GDAL hands it over as bytes, and the doubles are read in
 * place: no string or Buffer per row, and no digits lost (SQLite's text for
 * REAL keeps only 15). A column with any other kind of blob (an envelope in
 * the header, not a GeoPackage blob, too short) is read again whole by the
 * slower, general decoder below.
 */
import { quoteIdentifier } from '../gdal/gdal_sql.js';

/** Header (8) + byte order (1) + geometry type (4) + x (8) + y (8). */
export const POINT_BLOB_BYTES = 29;

/** The SQL expression giving a row's first 29 bytes; zeros (not a point) for NULL. */
export function pointPrefixExpression(column: string): string {
  return `ifnull(substr(${quoteIdentifier(column)}, 1, ${POINT_BLOB_BYTES}), zeroblob(${POINT_BLOB_BYTES}))`;
}

/** The fixed-width column decoded, or null when a row is not the plain kind of point blob (or NULL). */
export function decodePointColumn(bytes: Uint8Array, count: number): { xs: Float64Array; ys: Float64Array } | null {
  if (bytes.length !== count * POINT_BLOB_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const xs = new Float64Array(count), ys = new Float64Array(count);
  for (let row = 0, offset = 0; row < count; row++, offset += POINT_BLOB_BYTES) {
    if (bytes[offset] === 0 && bytes[offset + 1] === 0) {
      // NULL geometry (no blob starts with a zero byte).
      xs[row] = NaN;
      ys[row] = NaN;
      continue;
    }
    // "GP", version 0, no envelope (flags bits 1-3), no extended type (5) or reserved bits (6-7): else the general decoder.
    const flags = bytes[offset + 3]!;
    if (bytes[offset] !== 0x47 || bytes[offset + 1] !== 0x50 || bytes[offset + 2] !== 0 || (flags & 0xee) !== 0) return null;
    const order = bytes[offset + 8]!;
    const littleEndian = order === 1;
    // Point, Point Z/M/ZM (1001, 2001, 3001; EWKB flags in the high bits): x and y come first either way.
    const type = order <= 1 ? (view.getUint32(offset + 9, littleEndian) & 0x0fffffff) % 1000 : 0;
    // An empty point (flags bit 4) holds NaN coordinates, read as they are.
    xs[row] = type === 1 ? view.getFloat64(offset + 13, littleEndian) : NaN;
    ys[row] = type === 1 ? view.getFloat64(offset + 21, littleEndian) : NaN;
  }
  return { xs, ys };
}

/**
 * The slow, general way: one long string of whole hex-encoded blobs (one
 * per row, separated), decoded in place without a string or Buffer per row.
 */
const HEX_VALUES = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX_VALUES['0123456789ABCDEF'.charCodeAt(digit)] = digit;
  HEX_VALUES['0123456789abcdef'.charCodeAt(digit)] = digit;
}

export function decodeSeparatedPointColumn(text: string, separator: number, count: number): { xs: Float64Array; ys: Float64Array } {
  const xs = new Float64Array(count).fill(NaN), ys = new Float64Array(count).fill(NaN);
  // One double assembled from two 32-bit halves: the WKB byte order decides which half is which.
  const bits = new Uint32Array(2);
  const double = new Float64Array(bits.buffer);
  const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const byteAt = (offset: number): number => (HEX_VALUES[text.charCodeAt(offset)]! << 4) | HEX_VALUES[text.charCodeAt(offset + 1)]!;
  const wordAt = (offset: number, littleEndian: boolean): number => (littleEndian
    ? (byteAt(offset) | (byteAt(offset + 2) << 8) | (byteAt(offset + 4) << 16) | (byteAt(offset + 6) << 24)) >>> 0
    : ((byteAt(offset) << 24) | (byteAt(offset + 2) << 16) | (byteAt(offset + 4) << 8) | byteAt(offset + 6)) >>> 0);
  const doubleAt = (offset: number, littleEndian: boolean): number => {
    const first = wordAt(offset, littleEndian), second = wordAt(offset + 8, littleEndian);
    // Little-endian data: the first word is the low half; big-endian: the high half.
    const low = littleEndian ? first : second, high = littleEndian ? second : first;
    if (hostLittleEndian) { bits[0] = low; bits[1] = high; } else { bits[0] = high; bits[1] = low; }
    return double[0]!;
  };
  const separatorText = String.fromCharCode(separator);
  let row = 0, start = 0;
  while (row < count) {
    let end = text.indexOf(separatorText, start);
    if (end < 0) end = text.length;
    // GeoPackage header: "GP", version, flags, srs_id, then the envelope the flags announce.
    if (end - start >= 16 && byteAt(start) === 0x47 && byteAt(start + 2) === 0x50) {
      const flags = byteAt(start + 6);
      const envelopeBytes = [0, 32, 48, 48, 64][(flags >> 1) & 0x07] ?? -1;
      if (!(flags & 0x10) && envelopeBytes >= 0) {
        const wkb = start + (8 + envelopeBytes) * 2;
        const littleEndian = byteAt(wkb) === 1;
        // Point, Point Z/M/ZM (1001, 2001, 3001; EWKB flags in the high bits): x and y come first either way.
        const type = (wordAt(wkb + 2, littleEndian) & 0x0fffffff) % 1000;
        if (type === 1 && wkb + 42 <= end) {
          xs[row] = doubleAt(wkb + 10, littleEndian);
          ys[row] = doubleAt(wkb + 26, littleEndian);
        }
      }
    }
    row++;
    start = end + 1;
  }
  return { xs, ys };
}
