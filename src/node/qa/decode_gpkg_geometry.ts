/**
 * Reads GeoPackage geometry blobs (GPKG header + ISO WKB; OGC 12-128r18
 * §2.1.3) straight from bytes, for polygons and points by the thousand
 * without a GDAL object each. Z and M values are skipped.
 */
import type { Position } from '../../core/api/geo_types.js';
import { RingCollector, type FlatPolygon } from '../../core/geometry/flat_polygon.js';

export type Parts = Position[][][];

const WKB_POINT = 1, WKB_POLYGON = 3, WKB_MULTIPOLYGON = 6;

interface Cursor { bytes: Buffer; offset: number }

/** Offset of the WKB after the GeoPackage header; -1 for an empty geometry. */
function wkbStart(bytes: Buffer): number {
  if (bytes.length < 8 || bytes[0] !== 0x47 || bytes[1] !== 0x50) throw new Error('not a GeoPackage geometry blob');
  const flags = bytes[3]!;
  if (flags & 0x10) return -1;
  const envelope = (flags >> 1) & 0x07;
  const envelopeBytes = [0, 32, 48, 48, 64][envelope];
  if (envelopeBytes === undefined) throw new Error(`invalid GeoPackage envelope indicator ${envelope}`);
  return 8 + envelopeBytes;
}

function readHeader(cursor: Cursor): { type: number; littleEndian: boolean; dimensions: number } {
  const littleEndian = cursor.bytes[cursor.offset] === 1;
  const raw = littleEndian ? cursor.bytes.readUInt32LE(cursor.offset + 1) : cursor.bytes.readUInt32BE(cursor.offset + 1);
  cursor.offset += 5;
  // ISO codes (1003 = Polygon Z) and EWKB flags (0x80000000 Z, 0x40000000 M).
  let dimensions = 2;
  let type = raw & 0x0fffffff;
  if (raw & 0x80000000) dimensions++;
  if (raw & 0x40000000) dimensions++;
  if (type >= 1000) {
    const family = Math.floor(type / 1000);
    dimensions += family === 3 ? 2 : 1;
    type %= 1000;
  }
  return { type, littleEndian, dimensions };
}

function readRings(cursor: Cursor, littleEndian: boolean, dimensions: number): Position[][] {
  const { bytes } = cursor;
  const ringCount = littleEndian ? bytes.readUInt32LE(cursor.offset) : bytes.readUInt32BE(cursor.offset);
  cursor.offset += 4;
  const rings: Position[][] = [];
  for (let ring = 0; ring < ringCount; ring++) {
    const pointCount = littleEndian ? bytes.readUInt32LE(cursor.offset) : bytes.readUInt32BE(cursor.offset);
    cursor.offset += 4;
    const positions: Position[] = new Array(pointCount);
    for (let point = 0; point < pointCount; point++) {
      const x = littleEndian ? bytes.readDoubleLE(cursor.offset) : bytes.readDoubleBE(cursor.offset);
      const y = littleEndian ? bytes.readDoubleLE(cursor.offset + 8) : bytes.readDoubleBE(cursor.offset + 8);
      positions[point] = [x, y];
      cursor.offset += 8 * dimensions;
    }
    rings.push(positions);
  }
  return rings;
}

/** Polygon or MultiPolygon blob → MultiPolygon coordinates; null for empty or other geometry types. */
export function decodeAreaGeometry(bytes: Buffer): Parts | null {
  const start = wkbStart(bytes);
  if (start < 0) return null;
  const cursor: Cursor = { bytes, offset: start };
  const header = readHeader(cursor);
  if (header.type === WKB_POLYGON) return [readRings(cursor, header.littleEndian, header.dimensions)];
  if (header.type !== WKB_MULTIPOLYGON) return null;
  const count = header.littleEndian ? bytes.readUInt32LE(cursor.offset) : bytes.readUInt32BE(cursor.offset);
  cursor.offset += 4;
  const parts: Parts = [];
  for (let part = 0; part < count; part++) {
    const partHeader = readHeader(cursor);
    parts.push(readRings(cursor, partHeader.littleEndian, partHeader.dimensions));
  }
  return parts;
}

/**
 * Polygon or MultiPolygon blob → the flat polygon the rules use, the same as
 * flattenPolygon(decodeAreaGeometry(bytes)) without the nested arrays in
 * between (tens of thousands of grids made a garbage collector's worth of
 * small arrays); null for empty, other types, or nothing with an area.
 */
export function decodeFlatPolygon(bytes: Buffer): FlatPolygon | null {
  const start = wkbStart(bytes);
  if (start < 0) return null;
  const cursor: Cursor = { bytes, offset: start };
  const header = readHeader(cursor);
  const rings = new RingCollector();
  if (header.type === WKB_POLYGON) {
    flattenRings(cursor, header.littleEndian, header.dimensions, rings);
  } else if (header.type === WKB_MULTIPOLYGON) {
    const count = header.littleEndian ? bytes.readUInt32LE(cursor.offset) : bytes.readUInt32BE(cursor.offset);
    cursor.offset += 4;
    for (let part = 0; part < count; part++) {
      const partHeader = readHeader(cursor);
      flattenRings(cursor, partHeader.littleEndian, partHeader.dimensions, rings);
    }
  } else {
    return null;
  }
  return rings.polygon();
}

/** One polygon's rings, read from the WKB into the collector. */
function flattenRings(cursor: Cursor, littleEndian: boolean, dimensions: number, rings: RingCollector): void {
  const { bytes } = cursor;
  const ringCount = littleEndian ? bytes.readUInt32LE(cursor.offset) : bytes.readUInt32BE(cursor.offset);
  cursor.offset += 4;
  for (let ring = 0; ring < ringCount; ring++) {
    const pointCount = littleEndian ? bytes.readUInt32LE(cursor.offset) : bytes.readUInt32BE(cursor.offset);
    cursor.offset += 4;
    rings.beginRing();
    for (let point = 0; point < pointCount; point++) {
      const x = littleEndian ? bytes.readDoubleLE(cursor.offset) : bytes.readDoubleBE(cursor.offset);
      const y = littleEndian ? bytes.readDoubleLE(cursor.offset + 8) : bytes.readDoubleBE(cursor.offset + 8);
      cursor.offset += 8 * dimensions;
      rings.addVertex(x, y);
    }
    rings.endRing(ring === 0);
  }
}

/** Point blob → [x, y]; null for an empty point or another type. */
export function decodePointGeometry(bytes: Buffer): Position | null {
  const start = wkbStart(bytes);
  if (start < 0) return null;
  const cursor: Cursor = { bytes, offset: start };
  const header = readHeader(cursor);
  if (header.type !== WKB_POINT) return null;
  const x = header.littleEndian ? bytes.readDoubleLE(cursor.offset) : bytes.readDoubleBE(cursor.offset);
  const y = header.littleEndian ? bytes.readDoubleLE(cursor.offset + 8) : bytes.readDoubleBE(cursor.offset + 8);
  return Number.isNaN(x) ? null : [x, y];
}
