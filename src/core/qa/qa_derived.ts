/**
 * Values several rules need, computed once per run through the context's
 * cache: flattened polygons, bucket indexes, grids by code, grid overlaps
 * and how much of each grid lies in which community.
 */
import type { QaContext } from './qa_context.js';
import type { AreaLayerInput } from './qa_input.js';
import type { BucketIndex } from '../geometry/bucket_index.js';
import { intersectionArea } from '../geometry/intersection_area.js';
import { flattenPolygons, indexPolygons, rowsByCode, type GridSet, type Polygons } from '../grids/grid_set.js';

export { indexPolygons, type Polygons };

/** The reader's flat polygons when it made them, else the geometries flattened here. */
function flatPolygonsOf(layer: AreaLayerInput): Polygons {
  return layer.polygons ?? flattenPolygons(layer.geometries);
}

export const gridPolygons = (context: QaContext): Polygons => context.memo('gridPolygons', () => flatPolygonsOf(context.input.grids));
export const communityPolygons = (context: QaContext): Polygons => context.memo('communityPolygons', () => flatPolygonsOf(context.input.communities));
export const streetPolygons = (context: QaContext): Polygons => context.memo('streetPolygons', () => flatPolygonsOf(context.input.streets));
export const ownershipPolygons = (context: QaContext): Polygons => context.memo('ownershipPolygons', () => flatPolygonsOf(context.input.ownership));

export const gridIndex = (context: QaContext): BucketIndex => context.memo('gridIndex', () => indexPolygons(gridPolygons(context)));
export const communityIndex = (context: QaContext): BucketIndex => context.memo('communityIndex', () => indexPolygons(communityPolygons(context)));

/** Grid rows by recorded code (several when a code repeats). */
export function gridsByCode(context: QaContext): ReadonlyMap<string, readonly number[]> {
  return context.memo('gridsByCode', () => rowsByCode(context.input.grids.codes));
}

/** The grids ready for point lookups, shared with the grid assignment (src/core/grids). */
export function gridSet(context: QaContext): GridSet {
  return context.memo('gridSet', () => ({ codes: context.input.grids.codes, polygons: gridPolygons(context), index: gridIndex(context), byCode: gridsByCode(context) }));
}

export interface AreaOverlap { a: number; b: number; area: number }

/**
 * Pairs of polygons (of the same `group`, when given) sharing more than
 * `tolerance`: candidates from the bucket index, box arithmetic first (two
 * neighbours sharing an edge have boxes that only touch), then the exact area.
 */
export function findAreaOverlaps(polygons: Polygons, index: BucketIndex, tolerance: number, group?: (item: number) => string): AreaOverlap[] {
  const overlaps: AreaOverlap[] = [];
  index.forEachOverlappingPair((a, b, boxArea) => {
    if (boxArea <= tolerance) return;
    if (group && group(a) !== group(b)) return;
    const area = intersectionArea(polygons[a]!, polygons[b]!);
    if (area > tolerance) overlaps.push({ a, b, area });
  });
  overlaps.sort((first, second) => first.a - second.a || first.b - second.b);
  return overlaps;
}

export function gridOverlaps(context: QaContext): AreaOverlap[] {
  return context.memo('gridOverlaps', () => findAreaOverlaps(gridPolygons(context), gridIndex(context), context.parameter('GRID_OVERLAP', 'toleranceSquareMetres')));
}

/** For each grid, the communities it shares area with and how much. */
export interface GridCoverage {
  communities: number[][];
  areas: number[][];
}

export function gridCoverage(context: QaContext): GridCoverage {
  return context.memo('gridCoverage', () => {
    const grids = gridPolygons(context);
    const communities = communityPolygons(context);
    const index = communityIndex(context);
    const coverage: GridCoverage = { communities: [], areas: [] };
    grids.forEach((grid) => {
      const found: number[] = [];
      const areas: number[] = [];
      if (grid) {
        for (const community of index.itemsInBox(grid.minX, grid.minY, grid.maxX, grid.maxY)) {
          const area = intersectionArea(grid, communities[community]!);
          if (area > 0) { found.push(community); areas.push(area); }
        }
      }
      coverage.communities.push(found);
      coverage.areas.push(areas);
    });
    return coverage;
  });
}
