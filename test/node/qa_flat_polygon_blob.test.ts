/**
 * Polygons decoded from GeoPackage blobs straight into the rules' flat form
 * (decodeFlatPolygon) are the same as decoding them into coordinates and
 * flattening those: repeated and closing vertices dropped, short rings
 * skipped, holes and parts kept, either byte order, Z values skipped, and
 * null for empty and non-polygon blobs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flattenPolygon } from '../../src/core/geometry/flat_polygon.js';
import { decodeAreaGeometry, decodeFlatPolygon } from '../../src/node/qa/decode_gpkg_geometry.js';

const X = 39614000, Y = 3877000;

type Ring = Array<[number, number]>;

function uint32(value: number, littleEndian: boolean): Buffer {
  const bytes = Buffer.alloc(4);
  if (littleEndian) bytes.writeUInt32LE(value); else bytes.writeUInt32BE(value);
  return bytes;
}

function double(value: number, littleEndian: boolean): Buffer {
  const bytes = Buffer.alloc(8);
  if (littleEndian) bytes.writeDoubleLE(value); else bytes.writeDoubleBE(value);
  return bytes;
}

function polygonWkb(rings: Ring[], littleEndian: boolean, withZ: boolean): Buffer {
  const parts = [Buffer.of(littleEndian ? 1 : 0), uint32(withZ ? 1003 : 3, littleEndian), uint32(rings.length, littleEndian)];
  for (const ring of rings) {
    parts.push(uint32(ring.length, littleEndian));
    for (const [x, y] of ring) parts.push(double(X + x, littleEndian), double(Y + y, littleEndian), ...(withZ ? [double(7, littleEndian)] : []));
  }
  return Buffer.concat(parts);
}

function blob(wkb: Buffer, empty = false): Buffer {
  return Buffer.concat([Buffer.of(0x47, 0x50, 0, empty ? 0x11 : 0x01), uint32(4527, true), wkb]);
}

function multiPolygon(polygons: Buffer[], littleEndian: boolean): Buffer {
  return Buffer.concat([Buffer.of(littleEndian ? 1 : 0), uint32(6, littleEndian), uint32(polygons.length, littleEndian), ...polygons]);
}

function sameAsFlattened(bytes: Buffer): void {
  const nested = decodeAreaGeometry(bytes);
  const expected = nested ? flattenPolygon(nested) : null;
  assert.deepEqual(decodeFlatPolygon(bytes), expected);
}

test('a blob decoded flat is the blob decoded and flattened', () => {
  const square: Ring = [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]];
  const repeated: Ring = [[0, 0], [0, 0], [100, 0], [100, 0], [100, 100], [0, 100], [0, 0], [0, 0]];
  const hole: Ring = [[10, 10], [10, 20], [20, 20], [20, 10], [10, 10]];
  const sliver: Ring = [[30, 30], [40, 40], [30, 30]];
  const ell: Ring = [[200, 0], [300, 0], [300, 50], [250, 50], [250, 100], [200, 100], [200, 0]];
  for (const littleEndian of [true, false]) {
    for (const withZ of [false, true]) {
      sameAsFlattened(blob(polygonWkb([square], littleEndian, withZ)));
      sameAsFlattened(blob(polygonWkb([repeated, hole, sliver], littleEndian, withZ)));
      sameAsFlattened(blob(multiPolygon([polygonWkb([square, hole], littleEndian, withZ), polygonWkb([ell], !littleEndian, withZ)], littleEndian)));
      // A part whose outer ring is too short keeps its holes as holes, as the flattening does.
      sameAsFlattened(blob(multiPolygon([polygonWkb([sliver, hole], littleEndian, withZ), polygonWkb([ell], littleEndian, withZ)], littleEndian)));
    }
  }
  const flat = decodeFlatPolygon(blob(polygonWkb([repeated, hole], true, false)));
  assert.ok(flat);
  assert.equal(flat.area, 9900);
  assert.equal(decodeFlatPolygon(blob(polygonWkb([sliver], true, false))), null, 'nothing with an area');
  assert.equal(decodeFlatPolygon(blob(Buffer.concat([Buffer.of(1), uint32(1, true), double(X, true), double(Y, true)]))), null, 'a point');
  assert.equal(decodeFlatPolygon(blob(polygonWkb([], true, false), true)), null, 'an empty geometry');
});
