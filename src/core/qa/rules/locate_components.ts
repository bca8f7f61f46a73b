/**
 * COMPONENT_OUTSIDE_GRID and COMPONENT_GRID_MISMATCH. The recorded grid
 * (BGCODE) is tested first — one point-in-polygon for almost every
 * component — and only when it does not hold the point is the grid that
 * does looked up in the index.
 */
import { pointInOrNearPolygon } from '../geometry/point_in_polygon.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { gridPolygons, gridsByCode } from '../qa_derived.js';
import { gridLocator } from './find_containing_grid.js';

export const locateComponents: QaRuleFamily = {
  name: 'components in grids',
  ruleIds: ['COMPONENT_OUTSIDE_GRID', 'COMPONENT_GRID_MISMATCH'],
  needs: ['grids', 'componentCodes', 'componentPoints'],
  weight: 3,
  run(context) {
    const components = context.input.components;
    const grids = context.input.grids;
    const polygons = gridPolygons(context);
    const byCode = gridsByCode(context);
    const locate = gridLocator(context);
    const inAnyGrid = (rows: number[], x: number, y: number): boolean => {
      for (const grid of rows) if (polygons[grid] && pointInOrNearPolygon(polygons[grid]!, x, y, mismatchTolerance)) return true;
      return false;
    };
    const outsideTolerance = context.parameter('COMPONENT_OUTSIDE_GRID', 'boundaryToleranceMetres');
    const mismatchTolerance = context.parameter('COMPONENT_GRID_MISMATCH', 'boundaryToleranceMetres');
    // Components come in runs of one grid (surveyed grid by grid): keep the last lookup.
    let lastCode: string | null = null;
    let recordedRows: number[] | undefined;
    for (let row = 0; row < components.count; row++) {
      const x = components.xs[row]!, y = components.ys[row]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const recorded = components.gridCodes[row]!;
      if (recorded !== lastCode) {
        lastCode = recorded;
        recordedRows = recorded === '' ? undefined : byCode.get(recorded);
      }
      if (recordedRows && inAnyGrid(recordedRows, x, y)) continue;
      const actual = locate(x, y, outsideTolerance);
      const draft = { layer: 'components', fid: components.fids[row]!, code: components.codes[row]!, x, y };
      if (actual < 0) {
        context.report('COMPONENT_OUTSIDE_GRID', { ...draft, details: { recorded } });
      } else if (recorded !== '') {
        // An empty BGCODE is a missing mandatory attribute, reported by the attribute check.
        context.report('COMPONENT_GRID_MISMATCH', {
          ...draft,
          values: { recorded, actual: grids.codes[actual]! },
          details: { recorded, actual: grids.codes[actual]!, actualFid: grids.fids[actual]!, recordedExists: recordedRows !== undefined },
        });
      }
    }
  },
};
