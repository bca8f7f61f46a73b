/**
 * GRID_OVERLAP: two unit grids sharing more than the tolerance. One finding
 * per pair, at the grid with the lower fid, carrying the shared area's shape.
 */
import { labelPoint } from '../../geometry/point_in_polygon.js';
import { flattenPolygon, toMultiPolygon } from '../../geometry/flat_polygon.js';
import { intersectionParts } from '../../geometry/polygon_overlay.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { gridOverlaps, gridPolygons, type AreaOverlap, type Polygons } from '../qa_derived.js';

export const findGridOverlaps: QaRuleFamily = {
  name: 'grid overlaps',
  ruleIds: ['GRID_OVERLAP'],
  needs: ['grids'],
  weight: 2,
  run(context) {
    const grids = context.input.grids;
    const polygons = gridPolygons(context);
    for (const overlap of gridOverlaps(context)) {
      const [first, second] = grids.fids[overlap.a]! <= grids.fids[overlap.b]! ? [overlap.a, overlap.b] : [overlap.b, overlap.a];
      const shape = context.isListing('GRID_OVERLAP') ? overlapShape(polygons, overlap) : { x: NaN, y: NaN };
      context.report('GRID_OVERLAP', {
        layer: 'grids', fid: grids.fids[first]!, code: grids.codes[first]!, x: shape.x, y: shape.y,
        values: { otherCode: grids.codes[second]!, otherFid: String(grids.fids[second]!), area: overlap.area },
        details: { otherCode: grids.codes[second]!, otherFid: grids.fids[second]!, area: roundArea(overlap.area) },
        ...(shape.geometry ? { geometry: shape.geometry } : {}),
      });
    }
  },
};

export function roundArea(area: number): number {
  return Math.round(area * 100) / 100;
}

/** The shared area as a shape and a point inside it (only for reported pairs: the overlay is slow). */
export function overlapShape(polygons: Polygons, overlap: AreaOverlap): { x: number; y: number; geometry?: { type: 'MultiPolygon'; coordinates: ReturnType<typeof intersectionParts> } } {
  const parts = intersectionParts(toMultiPolygon(polygons[overlap.a]!), toMultiPolygon(polygons[overlap.b]!));
  const flat = parts.length > 0 ? flattenPolygon(parts) : null;
  if (!flat) {
    const [x, y] = labelPoint(polygons[overlap.a]!);
    return { x, y };
  }
  const [x, y] = labelPoint(flat);
  return { x, y, geometry: { type: 'MultiPolygon', coordinates: roundParts(parts) } };
}

export function roundParts(parts: ReturnType<typeof intersectionParts>): ReturnType<typeof intersectionParts> {
  return parts.map((part) => part.map((ring) => ring.map(([x, y]) => [Math.round(x! * 1000) / 1000, Math.round(y! * 1000) / 1000])));
}
