/**
 * Shared areas of two non-convex polygons by the triangles of one of them
 * (triangulate_ring.ts) instead of the general overlay: the same areas as
 * the overlay for simple rings with collinear and reflex vertices, and no
 * triangles for a ring that crosses itself (the overlay answers those).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position } from '../../src/core/api/geo_types.js';
import { flattenPolygon } from '../../src/core/geometry/flat_polygon.js';
import { intersectionArea } from '../../src/core/geometry/intersection_area.js';
import { intersectionParts } from '../../src/core/geometry/polygon_overlay.js';
import { triangulateRing } from '../../src/core/geometry/triangulate_ring.js';

import { flat, random, ring } from '../helpers/polygon_fixtures.js';

/** A star-shaped ring around (cx, cy): reflex vertices wherever the radius dips; clockwise when asked. */
function star(next: () => number, cx: number, cy: number, vertices: number, clockwise: boolean): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (let index = 0; index < vertices; index++) {
    const angle = (index / vertices) * Math.PI * 2 * (clockwise ? -1 : 1), radius = 20 + next() * 80;
    points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  return points;
}

function overlayArea(a: Position[][][], b: Position[][][]): number {
  let area = 0;
  for (const part of intersectionParts(a, b)) area += flattenPolygon([part])?.area ?? 0;
  return area;
}

test('the triangles of a simple ring cover exactly its area, collinear vertices and either orientation included', () => {
  const next = random(11);
  for (let trial = 0; trial < 50; trial++) {
    const polygon = flat([[ring(star(next, 100, 100, 5 + (trial % 12), trial % 2 === 1))]]);
    const triangles = triangulateRing(polygon);
    assert.ok(triangles, `trial ${trial}`);
    assert.equal(triangles.length, polygon.ringStarts[1]! - 2);
    const sum = triangles.reduce((total, triangle) => total + triangle.area, 0);
    assert.ok(Math.abs(sum - polygon.area) < 1e-6 * polygon.area, `trial ${trial}: ${sum} vs ${polygon.area}`);
  }
  // An L with a vertex in the middle of an edge and a zigzag of axis-parallel edges.
  const ell = flat([[ring([[0, 0], [50, 0], [100, 0], [100, 50], [50, 50], [50, 100], [0, 100]])]]);
  const ellTriangles = triangulateRing(ell);
  assert.ok(ellTriangles);
  assert.ok(Math.abs(ellTriangles.reduce((total, triangle) => total + triangle.area, 0) - 7500) < 1e-6);
});

test('a ring that crosses itself, or a polygon with a hole, gives no triangles', () => {
  assert.equal(triangulateRing(flat([[ring([[0, 0], [200, 0], [0, 100], [100, 100]])]])), null);
  const holed = flat([[ring([[0, 0], [100, 0], [100, 100], [0, 100]]), ring([[10, 10], [10, 20], [20, 20], [20, 10]])]]);
  assert.equal(triangulateRing(holed), null);
});

test('two non-convex polygons share the area the general overlay finds, with or without a hole in one of them', () => {
  const next = random(23);
  let checked = 0;
  for (let trial = 0; trial < 80; trial++) {
    const aParts = [[ring(star(next, 100, 100, 6 + (trial % 9), false))]];
    // The hole around the star's centre, inside every ray of it (20 or more long).
    const cx = 140 + next() * 20, cy = 100 + next() * 20;
    const hole = trial % 3 === 0 ? [ring([[cx - 5, cy - 5], [cx - 5, cy + 5], [cx + 5, cy + 5], [cx + 5, cy - 5]])] : [];
    const bParts = [[ring(star(next, cx, cy, 7 + (trial % 5), trial % 2 === 0)), ...hole]];
    const a = flat(aParts), b = flat(bParts);
    // A convex star goes by plain convex clipping: not what this test is about.
    if (a.convex || b.convex) continue;
    checked++;
    const expected = overlayArea(aParts, bParts);
    const found = intersectionArea(a, b);
    assert.ok(Math.abs(found - expected) < 1e-6 * Math.max(1, expected), `trial ${trial}: ${found} vs ${expected}`);
    assert.ok(Math.abs(intersectionArea(b, a) - expected) < 1e-6 * Math.max(1, expected));
  }
  assert.ok(checked >= 40, `${checked} pairs of non-convex polygons`);
  // Neighbours sharing an edge share no area.
  const left = flat([[ring([[0, 0], [100, 0], [100, 50], [60, 50], [60, 100], [0, 100]])]]);
  const right = flat([[ring([[100, 0], [200, 0], [200, 100], [60, 100], [60, 50], [100, 50]])]]);
  assert.ok(Math.abs(intersectionArea(left, right)) < 1e-6);
});
