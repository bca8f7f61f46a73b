/**
 * Point coordinates from one long string of hex-encoded GeoPackage blobs
 * (one per row, separated), decoded in place: no string or Buffer per row,
 * and the doubles are exact (SQLite's text for REAL keeps 15 digits).
 */
const HEX_VALUES = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX_VALUES['0123456789ABCDEF'.charCodeAt(digit)] = digit;
  HEX_VALUES['0123456789abcdef'.charCodeAt(digit)] = digit;
}

export function decodePointColumn(text: string, separator: number, count: number): { xs: Float64Array; ys: Float64Array } {
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
