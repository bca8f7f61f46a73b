/**
 * Hand-made polygons for the geometry tests: rings given in metres from a
 * point in the sample city's Gauss-Krüger zone (so the coordinates are as
 * large as real ones, which is where rounding bites), and a seeded generator
 * so a failing random case can be reproduced.
 */
import assert from 'node:assert/strict';
import type { Position } from '../../src/core/api/geo_types.js';
import { flattenPolygon, type FlatPolygon } from '../../src/core/geometry/flat_polygon.js';

export const X = 39614000, Y = 3877000;

/** A closed ring from offsets in metres. */
export function ring(points: Array<[number, number]>): Position[] {
  const positions = points.map(([x, y]) => [X + x, Y + y] as Position);
  return [...positions, positions[0]!];
}

export function flat(parts: Position[][][]): FlatPolygon {
  const polygon = flattenPolygon(parts);
  assert.ok(polygon);
  return polygon;
}

/** A seeded generator, so a failure can be reproduced. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
