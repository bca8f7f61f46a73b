/**
 * OWNERSHIP_OVERLAP: two responsibility zones of the same type (主管, 权属,
 * 养护) sharing more than the tolerance, which makes dispatch ambiguous.
 * Zones of different types overlap by design (a street's 主管 zone holds
 * everything in it). One finding per pair, at the zone with the lower fid.
 */
import type { QaRuleFamily } from '../qa_rule_family.js';
import { findAreaOverlaps, indexPolygons, ownershipPolygons } from '../qa_derived.js';
import { overlapShape, roundArea } from './find_grid_overlaps.js';

export const findOwnershipOverlaps: QaRuleFamily = {
  name: 'ownership overlaps',
  ruleIds: ['OWNERSHIP_OVERLAP'],
  needs: ['ownership'],
  weight: 2,
  run(context) {
    const zones = context.input.ownership;
    const polygons = ownershipPolygons(context);
    const tolerance = context.parameter('OWNERSHIP_OVERLAP', 'toleranceSquareMetres');
    const overlaps = findAreaOverlaps(polygons, indexPolygons(polygons), tolerance, (zone) => zones.zoneTypes[zone]!);
    for (const overlap of overlaps) {
      const [first, second] = zones.fids[overlap.a]! <= zones.fids[overlap.b]! ? [overlap.a, overlap.b] : [overlap.b, overlap.a];
      const shape = context.isListing('OWNERSHIP_OVERLAP') ? overlapShape(polygons, overlap) : { x: NaN, y: NaN };
      context.report('OWNERSHIP_OVERLAP', {
        layer: 'ownership', fid: zones.fids[first]!, code: zones.codes[first]!, x: shape.x, y: shape.y,
        values: { zoneType: zones.zoneTypes[first]!, otherCode: zones.codes[second]!, otherFid: String(zones.fids[second]!), area: overlap.area },
        details: { zoneType: zones.zoneTypes[first]!, otherCode: zones.codes[second]!, otherFid: zones.fids[second]!, area: roundArea(overlap.area) },
        ...(shape.geometry ? { geometry: shape.geometry } : {}),
      });
    }
  },
};
