/** The geometry under the QA rules: flattened polygons, convex clipping, the bucket index, repeated codes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BucketIndex } from '../../src/core/geometry/bucket_index.js';
import { areaInsideConvex } from '../../src/core/geometry/clip_to_convex.js';
import { flattenPolygon } from '../../src/core/geometry/flat_polygon.js';
import { intersectionArea } from '../../src/core/geometry/intersection_area.js';
import { labelPoint, pointInOrNearPolygon, pointInPolygon } from '../../src/core/geometry/point_in_polygon.js';
import { intersectionParts, uncoveredParts } from '../../src/core/geometry/polygon_overlay.js';
import { CodeColumn } from '../../src/core/columns/code_column.js';
import { findRepeatedCodes } from '../../src/core/qa/rules/find_repeated_codes.js';
import { sortByPackedKey } from '../../src/core/qa/rules/sort_by_packed_key.js';

import { flat, random, ring, X, Y } from '../helpers/polygon_fixtures.js';

test('a flattened polygon knows its area (holes subtracted, at Gauss-Krüger magnitudes), box and shape', () => {
  const square = flat([[ring([[0, 0], [100, 0], [100, 100], [0, 100]])]]);
  assert.equal(square.area, 10000);
  assert.equal(square.rectangle, true);
  assert.equal(square.ringStarts.at(-1), 4, 'the closing vertex is dropped');
  const withHole = flat([[ring([[0, 0], [100, 0], [100, 100], [0, 100]]), ring([[10, 10], [10, 20], [20, 20], [20, 10]])]]);
  assert.equal(withHole.area, 9900);
  assert.equal(withHole.convex, false, 'a polygon with a hole is never treated as convex');
  const collinear = flat([[ring([[0, 0], [50, 0], [100, 0], [100, 100], [0, 100]])]]);
  assert.equal(collinear.rectangle, true, 'collinear vertices keep a rectangle a rectangle');
  const ell = flat([[ring([[0, 0], [100, 0], [100, 50], [50, 50], [50, 100], [0, 100]])]]);
  assert.deepEqual([ell.area, ell.convex], [7500, false]);
  assert.ok(pointInPolygon(ell, X + 25, Y + 75) && !pointInPolygon(ell, X + 75, Y + 75));
  const [lx, ly] = labelPoint(ell);
  assert.ok(pointInPolygon(ell, lx, ly), 'the label point of an L lies inside it');
  assert.ok(pointInOrNearPolygon(square, X + 100.0005, Y + 50, 0.001) && !pointInOrNearPolygon(square, X + 100.01, Y + 50, 0.001));
});

test('convex clipping gives the same shared area as the general overlay, for non-convex subjects with holes', () => {
  const next = random(7);
  for (let trial = 0; trial < 40; trial++) {
    // A star-shaped subject with a square hole, and a random convex quadrilateral.
    const points: Array<[number, number]> = [];
    for (let index = 0; index < 9; index++) {
      const angle = (index / 9) * Math.PI * 2, radius = 30 + next() * 70;
      points.push([100 + radius * Math.cos(angle), 100 + radius * Math.sin(angle)]);
    }
    const subjectParts = [[ring(points), ring([[95, 95], [95, 105], [105, 105], [105, 95]])]];
    const subject = flat(subjectParts);
    const cx = 60 + next() * 80, cy = 60 + next() * 80, size = 20 + next() * 80;
    const clipParts = [[ring([[cx - size, cy - size * 0.5], [cx + size * 0.7, cy - size], [cx + size, cy + size * 0.6], [cx - size * 0.4, cy + size]])]];
    const clip = flat(clipParts);
    assert.ok(clip.convex);
    let expected = 0;
    for (const part of intersectionParts(subjectParts, clipParts)) expected += flattenPolygon([part])?.area ?? 0;
    assert.ok(Math.abs(areaInsideConvex(subject, clip) - expected) < 1e-6, `trial ${trial}: ${areaInsideConvex(subject, clip)} vs ${expected}`);
    assert.ok(Math.abs(intersectionArea(subject, clip) - expected) < 1e-6);
  }
});

test('two non-convex polygons share the right area; what is left uncovered is found', () => {
  const a = flat([[ring([[0, 0], [100, 0], [100, 50], [50, 50], [50, 100], [0, 100]])]]);
  const b = flat([[ring([[25, 25], [125, 25], [125, 125], [75, 125], [75, 75], [25, 75]])]]);
  // The shared part is a 75×25 strip plus a 25×25 square.
  assert.ok(Math.abs(intersectionArea(a, b) - (75 * 25 + 25 * 25)) < 1e-6);
  const left = uncoveredParts([[ring([[0, 0], [200, 0], [200, 100], [0, 100]])]], [[[ring([[0, 0], [100, 0], [100, 100], [0, 100]])]], [[ring([[100, 0], [200, 0], [200, 90], [100, 90]])]]]);
  assert.equal(left.length, 1);
  assert.ok(Math.abs((flattenPolygon(left)?.area ?? 0) - 1000) < 1e-6);
});

test('the bucket index lists each pair of overlapping boxes exactly once', () => {
  const next = random(11);
  const boxes = Array.from({ length: 400 }, () => {
    const x = next() * 1000, y = next() * 1000, w = 5 + next() * 60, h = 5 + next() * 60;
    return [x, y, x + w, y + h] as const;
  });
  const index = new BucketIndex({ count: boxes.length, minX: (i) => boxes[i]![0], minY: (i) => boxes[i]![1], maxX: (i) => boxes[i]![2], maxY: (i) => boxes[i]![3] });
  const found: string[] = [];
  index.forEachOverlappingPair((a, b) => found.push(`${a}-${b}`));
  const expected: string[] = [];
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const [p, q] = [boxes[a]!, boxes[b]!];
      if (Math.min(p[2], q[2]) > Math.max(p[0], q[0]) && Math.min(p[3], q[3]) > Math.max(p[1], q[1])) expected.push(`${a}-${b}`);
    }
  }
  assert.deepEqual(found.sort(), expected.sort());
  const atPoint: number[] = [];
  index.forEachAtPoint(500, 500, 0, (item) => { atPoint.push(item); });
  assert.deepEqual(atPoint.sort((a, b) => a - b), boxes.flatMap((box, item) => (box[0] <= 500 && box[2] >= 500 && box[1] <= 500 && box[3] >= 500 ? [item] : [])));
});

test('repeated codes are found among digit codes (hashed) and others (a Map) alike', () => {
  const next = random(3);
  const codes: string[] = [];
  for (let row = 0; row < 20000; row++) {
    const pick = next();
    if (pick < 0.05 && row > 0) codes.push(codes[Math.floor(next() * row)]!);
    else if (pick < 0.08) codes.push(`X${Math.floor(next() * 50)}`);
    else if (pick < 0.09) codes.push('');
    else codes.push(`37130201${String(Math.floor(next() * 1e8)).padStart(8, '0')}`);
  }
  const firstOf = findRepeatedCodes(CodeColumn.fromCodes(codes));
  const seen = new Map<string, number>();
  codes.forEach((code, row) => {
    const first = seen.get(code);
    assert.equal(firstOf[row], code === '' || first === undefined ? -1 : first, `row ${row} (${code})`);
    if (code !== '' && first === undefined) seen.set(code, row);
  });
  // 16 and 17 digits with the same number value are different codes.
  assert.deepEqual([...findRepeatedCodes(CodeColumn.fromCodes(['0371302010100001', '371302010100001', '0371302010100001']))], [-1, -1, 0]);
});

test('the packed-key order sorts keys of any size up to 2^53 stably, and falls back for other keys', () => {
  const next = random(5);
  for (const scale of [10, 70_000, 2 ** 33, 2 ** 52]) {
    const keys = Array.from({ length: 5000 }, () => Math.floor(next() * scale));
    const expected = keys.map((_key, index) => index).sort((a, b) => keys[a]! - keys[b]! || a - b);
    assert.deepEqual([...sortByPackedKey(keys)], expected, `keys below ${scale}`);
    assert.deepEqual([...sortByPackedKey(Float64Array.from(keys))], expected, `typed keys below ${scale}`);
  }
  assert.deepEqual([...sortByPackedKey([2.5, 1, -1, 1])], [2, 1, 3, 0]);
  assert.deepEqual([...sortByPackedKey([])], []);
  assert.deepEqual([...sortByPackedKey([0, 0, 0])], [0, 1, 2]);
});
