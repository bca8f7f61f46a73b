/**
 * What a grid's own code and shape say about its other fields: SQCODE and
 * JDCODE are the community and street segments of its code (where the code
 * reads in a grid layout), AREA is its polygon's area. Offered only where the
 * field is empty, or, for AREA, where it differs from the polygon by more than
 * the tolerance: a recorded code that disagrees with the grid code is a
 * finding for the user to judge (GRID_CODE_INVALID), not something to overwrite.
 */
import { layoutForCode, segmentEnd, type CodeLayouts } from '../codes/code_layout.js';
import type { FlatPolygon } from '../geometry/flat_polygon.js';
import type { DerivedValue, FieldValue } from './derived_value.js';

export interface GridValues {
  fids: readonly number[];
  /** BGCODE per grid. */
  codes: readonly string[];
  /** SQCODE and JDCODE as recorded, '' when empty. */
  communityCodes: readonly string[];
  streetCodes: readonly string[];
  /** AREA as recorded, null when empty. */
  areas: readonly (number | null)[];
  polygons: readonly (FlatPolygon | null)[];
}

/** Square metres AREA may differ from the polygon's area before a new value is offered. */
export const AREA_TOLERANCE_SQUARE_METRES = 1;

export function planGridValues(grids: GridValues, layouts: CodeLayouts): DerivedValue[] {
  const planned: DerivedValue[] = [];
  const offer = (grid: number, field: string, old: FieldValue, value: string | number) => {
    planned.push({ layer: 'grids', fid: grids.fids[grid]!, field, old, new: value });
  };
  grids.codes.forEach((code, grid) => {
    const layout = code === '' ? undefined : layoutForCode(layouts, 'grid', code);
    if (layout) {
      const community = segmentEnd(layout, 'community');
      const street = segmentEnd(layout, 'street');
      if (grids.communityCodes[grid] === '' && community > 0) offer(grid, 'SQCODE', null, code.slice(0, community));
      if (grids.streetCodes[grid] === '' && street > 0) offer(grid, 'JDCODE', null, code.slice(0, street));
    }
    const polygon = grids.polygons[grid];
    if (!polygon) return;
    const area = Math.round(polygon.area * 100) / 100;
    const recorded = grids.areas[grid] ?? null;
    if (recorded === null || !(Math.abs(recorded - polygon.area) <= AREA_TOLERANCE_SQUARE_METRES)) offer(grid, 'AREA', recorded, area);
  });
  return planned;
}
