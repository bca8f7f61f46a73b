/**
 * Area shared by two polygons, by the cheapest exact method the shapes
 * allow: box arithmetic for two axis-aligned rectangles, convex clipping when
 * either is convex, the general overlay otherwise.
 */
import { areaInsideConvex } from './clip_to_convex.js';
import { boxesOverlapArea, flattenPolygon, toMultiPolygon, type FlatPolygon } from './flat_polygon.js';
import { intersectionParts } from './polygon_overlay.js';

export function intersectionArea(a: FlatPolygon, b: FlatPolygon): number {
  const boxArea = boxesOverlapArea(a, b);
  if (boxArea === 0) return 0;
  if (a.rectangle && b.rectangle) return boxArea;
  if (a.convex) return areaInsideConvex(b, a);
  if (b.convex) return areaInsideConvex(a, b);
  let area = 0;
  for (const part of intersectionParts(toMultiPolygon(a), toMultiPolygon(b))) {
    area += flattenPolygon([part])?.area ?? 0;
  }
  return area;
}
