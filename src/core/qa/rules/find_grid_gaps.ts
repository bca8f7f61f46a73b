/**
 * GRID_GAP: land inside the management boundary that no unit grid covers.
 * Per community: its area minus what its grids cover (plus what they cover
 * twice) is the uncovered area, exactly, without any overlay; only a
 * community with a deficit above the tolerance gets the slow overlay
 * (community minus the union of its grids) to find each gap's shape. When
 * there are streets, the land of a street that no community covers is
 * checked the same way, so the boundary is the union of the streets.
 */
import type { LocalizedText, Position } from '../../api/geo_types.js';
import { flattenPolygon, toMultiPolygon, type FlatPolygon } from '../../geometry/flat_polygon.js';
import { intersectionArea } from '../../geometry/intersection_area.js';
import { labelPoint } from '../../geometry/point_in_polygon.js';
import { uncoveredParts } from '../../geometry/polygon_overlay.js';
import type { QaContext } from '../qa_context.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { communityIndex, communityPolygons, findAreaOverlaps, gridCoverage, gridIndex, gridOverlaps, gridPolygons, streetPolygons, type Polygons } from '../qa_derived.js';
import { roundArea, roundParts } from './find_grid_overlaps.js';

const COMMUNITY: LocalizedText = { zh: '社区', en: 'community' };
const STREET: LocalizedText = { zh: '街道', en: 'street' };

export const findGridGaps: QaRuleFamily = {
  name: 'grid gaps',
  ruleIds: ['GRID_GAP'],
  needs: ['grids', 'communities', 'streets'],
  weight: 3,
  skipReason(context) {
    const { communities, streets } = context.input;
    return communities.fids.length === 0 && streets.fids.length === 0
      ? { zh: '工作空间没有街道和社区要素，无法确定管理范围', en: 'the workspace has no streets or communities to take the management boundary from' }
      : null;
  },
  run(context) {
    const tolerance = context.parameter('GRID_GAP', 'minimumAreaSquareMetres');
    const grids = gridPolygons(context);
    if (context.input.communities.fids.length > 0) checkCommunities(context, grids, tolerance);
    const streets = streetPolygons(context);
    const hasCommunities = context.input.communities.fids.length > 0;
    const covers = hasCommunities ? communityPolygons(context) : grids;
    const coverIndex = hasCommunities ? communityIndex(context) : gridIndex(context);
    const coverOverlaps = hasCommunities ? findAreaOverlaps(covers, coverIndex, 0) : gridOverlaps(context);
    streets.forEach((street, row) => {
      if (!street) return;
      const candidates = coverIndex.itemsInBox(street.minX, street.minY, street.maxX, street.maxY);
      const shares = candidates.map((cover) => intersectionArea(street, covers[cover]!));
      const inside = candidates.filter((_cover, index) => shares[index]! > 0);
      const covered = shares.reduce((sum, share) => sum + share, 0);
      if (street.area - covered + twiceCovered(coverOverlaps, new Set(inside)) <= tolerance) return;
      for (const piece of uncoveredParts(toMultiPolygon(street), inside.map((cover) => toMultiPolygon(covers[cover]!)))) {
        // Land outside every community may still have grids (themselves reported as outside a community).
        const parts = hasCommunities ? subtractGrids(context, piece, grids, tolerance) : [piece];
        for (const part of parts) reportGap(context, 'streets', row, STREET, part, tolerance);
      }
    });
  },
};

function checkCommunities(context: QaContext, grids: Polygons, tolerance: number): void {
  const communities = communityPolygons(context);
  const coverage = gridCoverage(context);
  const gridsOf: number[][] = communities.map(() => []);
  const coveredOf = new Float64Array(communities.length);
  coverage.communities.forEach((list, grid) => list.forEach((community, index) => {
    gridsOf[community]!.push(grid);
    coveredOf[community]! += coverage.areas[grid]![index]!;
  }));
  const overlaps = gridOverlaps(context);
  communities.forEach((community, row) => {
    if (!community) return;
    const members = gridsOf[row]!;
    // Overlaps are counted twice in the covered sum; add them back.
    if (community.area - coveredOf[row]! + twiceCovered(overlaps, new Set(members)) <= tolerance) return;
    for (const part of uncoveredParts(toMultiPolygon(community), members.map((grid) => toMultiPolygon(grids[grid]!)))) {
      reportGap(context, 'communities', row, COMMUNITY, part, tolerance);
    }
  });
}

function twiceCovered(overlaps: Array<{ a: number; b: number; area: number }>, members: Set<number>): number {
  let sum = 0;
  for (const overlap of overlaps) if (members.has(overlap.a) && members.has(overlap.b)) sum += overlap.area;
  return sum;
}

function subtractGrids(context: QaContext, piece: Position[][], grids: Polygons, tolerance: number): Position[][][] {
  const flat = flattenPolygon([piece]);
  if (!flat || flat.area <= tolerance) return [];
  const near = gridIndex(context).itemsInBox(flat.minX, flat.minY, flat.maxX, flat.maxY).filter((grid) => intersectionArea(flat, grids[grid]!) > 0);
  return near.length === 0 ? [piece] : uncoveredParts([piece], near.map((grid) => toMultiPolygon(grids[grid]!)));
}

function reportGap(context: QaContext, layer: 'communities' | 'streets', row: number, kind: LocalizedText, part: Position[][], tolerance: number): void {
  const flat: FlatPolygon | null = flattenPolygon([part]);
  if (!flat || flat.area <= tolerance) return;
  const [x, y] = labelPoint(flat);
  const features = layer === 'communities' ? context.input.communities : context.input.streets;
  context.report('GRID_GAP', {
    layer, fid: features.fids[row]!, code: features.codes[row]!, x, y,
    values: { areaKind: kind, area: flat.area },
    details: { area: roundArea(flat.area), areaKind: kind.en },
    geometry: { type: 'Polygon', coordinates: roundParts([part])[0]! },
  });
}
