/**
 * A polygon without holes cut into triangles by ear clipping, so that the
 * area it shares with any other polygon is a sum of convex clippings
 * (clip_to_convex.ts) instead of a call to the general overlay (~0.3 ms a
 * pair through turf). The triangles' interiors are disjoint and their union
 * is the polygon, so the sum is the exact shared area.
 *
 * Ear clipping is only right for a simple ring; a ring it cannot cut (no ear
 * found, or triangles whose areas do not add up to the ring's, as when the
 * ring crosses itself) gives null, and the caller keeps the general overlay.
 */
import { ringSignedArea, type FlatPolygon } from './flat_polygon.js';

/** Triangles, as convex flat polygons, or null when the ring is not one this can cut. */
export function triangulateRing(polygon: FlatPolygon): FlatPolygon[] | null {
  if (polygon.ringStarts.length !== 2) return null;
  const count = polygon.ringStarts[1]!;
  const source = polygon.coordinates;
  // Local coordinates: cross products of Gauss-Krüger magnitudes lose the small triangles.
  const originX = polygon.minX, originY = polygon.minY;
  const xs = new Float64Array(count), ys = new Float64Array(count);
  for (let vertex = 0; vertex < count; vertex++) {
    xs[vertex] = source[vertex * 2]! - originX;
    ys[vertex] = source[vertex * 2 + 1]! - originY;
  }
  const ringArea = ringSignedArea(source, 0, count, originX, originY);
  if (ringArea === 0) return null;
  // Counter-clockwise order makes an ear's turn positive.
  const order = ringArea > 0 ? 1 : -1;
  const next = new Int32Array(count), previous = new Int32Array(count);
  for (let vertex = 0; vertex < count; vertex++) {
    next[vertex] = (vertex + 1) % count;
    previous[vertex] = (vertex + count - 1) % count;
  }
  const cross = (a: number, b: number, c: number): number => order * ((xs[b]! - xs[a]!) * (ys[c]! - ys[a]!) - (ys[b]! - ys[a]!) * (xs[c]! - xs[a]!));
  const triangles: FlatPolygon[] = [];
  let remaining = count, vertex = 0, sinceLastEar = 0, trianglesArea = 0;
  while (remaining > 3) {
    // A full round without an ear: not a simple ring this can cut.
    if (sinceLastEar > remaining) return null;
    const before = previous[vertex]!, after = next[vertex]!;
    const turn = cross(before, vertex, after);
    if (turn > 0 && isEar(before, vertex, after, next, cross)) {
      triangles.push(triangle(source, before, vertex, after));
      trianglesArea += turn / 2;
    } else if (turn === 0 && onSegment(xs, ys, before, vertex, after)) {
      // A vertex on the straight line between its neighbours bounds no area: dropped.
    } else {
      vertex = after;
      sinceLastEar++;
      continue;
    }
    next[before] = after;
    previous[after] = before;
    remaining--;
    sinceLastEar = 0;
    vertex = after;
  }
  const before = previous[vertex]!, after = next[vertex]!;
  const last = cross(before, vertex, after);
  if (last < 0) return null;
  if (last > 0) {
    triangles.push(triangle(source, before, vertex, after));
    trianglesArea += last / 2;
  }
  // Only a simple ring's ears add up to its area.
  if (Math.abs(trianglesArea - Math.abs(ringArea)) > 1e-9 * Math.abs(ringArea)) return null;
  return triangles;
}

/** No other remaining vertex inside or on the triangle (before, vertex, after). */
function isEar(before: number, vertex: number, after: number, next: Int32Array, cross: (a: number, b: number, c: number) => number): boolean {
  for (let other = next[after]!; other !== before; other = next[other]!) {
    if (cross(before, vertex, other) >= 0 && cross(vertex, after, other) >= 0 && cross(after, before, other) >= 0) return false;
  }
  return true;
}

/** `vertex` lies between `before` and `after` on their line (not a spike going back). */
function onSegment(xs: Float64Array, ys: Float64Array, before: number, vertex: number, after: number): boolean {
  const dot = (xs[vertex]! - xs[before]!) * (xs[after]! - xs[vertex]!) + (ys[vertex]! - ys[before]!) * (ys[after]! - ys[vertex]!);
  return dot > 0;
}

function triangle(source: Float64Array, a: number, b: number, c: number): FlatPolygon {
  const coordinates = Float64Array.of(source[a * 2]!, source[a * 2 + 1]!, source[b * 2]!, source[b * 2 + 1]!, source[c * 2]!, source[c * 2 + 1]!);
  const minX = Math.min(coordinates[0]!, coordinates[2]!, coordinates[4]!), maxX = Math.max(coordinates[0]!, coordinates[2]!, coordinates[4]!);
  const minY = Math.min(coordinates[1]!, coordinates[3]!, coordinates[5]!), maxY = Math.max(coordinates[1]!, coordinates[3]!, coordinates[5]!);
  const area = Math.abs(ringSignedArea(coordinates, 0, 3, minX, minY));
  return { coordinates, ringStarts: Uint32Array.of(0, 3), outer: Uint8Array.of(1), minX, minY, maxX, maxY, area, convex: true, rectangle: false };
}
