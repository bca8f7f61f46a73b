/**
 * Area shared by two polygons, by the cheapest exact method the shapes
 * allow: box arithmetic for two axis-aligned rectangles, convex clipping when
 * either is convex, convex clipping by the triangles of one of them when
 * either has no holes, the general overlay otherwise.
 */
import { areaInsideConvex } from './clip_to_convex.js';
import { boxesOverlapArea, flattenPolygon, toMultiPolygon, type FlatPolygon } from './flat_polygon.js';
import { intersectionParts } from './polygon_overlay.js';
import { triangulateRing } from './triangulate_ring.js';

/** Each polygon is cut once however many pairs it is in (null: it cannot be cut). */
const triangulations = new WeakMap<FlatPolygon, FlatPolygon[] | null>();

function trianglesOf(polygon: FlatPolygon): FlatPolygon[] | null {
  let triangles = triangulations.get(polygon);
  if (triangles === undefined) {
    triangles = triangulateRing(polygon);
    triangulations.set(polygon, triangles);
  }
  return triangles;
}

export function intersectionArea(a: FlatPolygon, b: FlatPolygon): number {
  const boxArea = boxesOverlapArea(a, b);
  if (boxArea === 0) return 0;
  if (a.rectangle && b.rectangle) return boxArea;
  if (a.convex) return areaInsideConvex(b, a);
  if (b.convex) return areaInsideConvex(a, b);
  // The one with fewer vertices makes fewer triangles to clip the other by.
  const [first, second] = a.coordinates.length <= b.coordinates.length ? [a, b] : [b, a];
  const triangles = trianglesOf(first) ?? trianglesOf(second);
  if (triangles) {
    const other = triangles === trianglesOf(first) ? second : first;
    let shared = 0;
    for (const triangle of triangles) {
      if (boxesOverlapArea(triangle, other) > 0) shared += areaInsideConvex(other, triangle);
    }
    return shared;
  }
  let area = 0;
  for (const part of intersectionParts(toMultiPolygon(a), toMultiPolygon(b))) {
    area += flattenPolygon([part])?.area ?? 0;
  }
  return area;
}
