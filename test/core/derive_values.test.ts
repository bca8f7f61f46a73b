/**
 * Values the workspace can offer instead of asking: a grid's SQCODE and
 * JDCODE from its code, its AREA from its polygon, a component's BGCODE
 * from the grid that holds it — only where the field is empty (or AREA
 * wrong), as (layer, fid, field, old, new) for the store to apply.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position } from '../../src/core/api/geo_types.js';
import { planComponentGridCodes } from '../../src/core/derive/plan_component_grid_codes.js';
import { planGridValues } from '../../src/core/derive/plan_grid_values.js';
import { flattenPolygon } from '../../src/core/geometry/flat_polygon.js';
import { assignComponentsToGrids } from '../../src/core/grids/assign_components_to_grids.js';
import { buildGridSet } from '../../src/core/grids/grid_set.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { codeLayouts } from '../helpers/code_fixtures.js';

const X = 39620000, Y = 3880000;
const square = (minX: number, size: number): Position[][][] =>
  [[[[X + minX, Y], [X + minX + size, Y], [X + minX + size, Y + size], [X + minX, Y + size], [X + minX, Y]]]];

test('grid SQCODE and JDCODE come from the grid code where empty, AREA from the polygon where empty or wrong', () => {
  const geometries = [square(0, 100), square(100, 100), square(200, 50), square(300, 100)];
  const planned = planGridValues({
    fids: [1, 2, 3, 4],
    codes: ['37130200100101', '371302001001002', 'not-a-code', '37130200100104'],
    communityCodes: ['', '', '', '371302001009'],
    streetCodes: ['371302001', '', '', ''],
    areas: [10000, null, 2500.4, 9000],
    polygons: geometries.map((geometry) => flattenPolygon(geometry)),
  }, codeLayouts());
  assert.deepEqual(planned.map((value) => `${value.layer}#${value.fid} ${value.field} ${value.old} → ${value.new}`), [
    'grids#1 SQCODE null → 371302001001',
    'grids#2 SQCODE null → 371302001001',
    'grids#2 JDCODE null → 371302001',
    'grids#2 AREA null → 10000',
    // A recorded community code that disagrees is the user's to judge (GRID_CODE_INVALID); a wrong area is not.
    'grids#4 JDCODE null → 371302001',
    'grids#4 AREA 9000 → 10000',
  ]);
});

test('component BGCODE comes from the one grid that holds it, only where none is recorded', () => {
  const grids = buildGridSet(['37130200100101', '37130200100102'], [square(0, 100), square(100, 100)]);
  const points = { count: 4, xs: [X + 50, X + 150, X + 150, X + 500], ys: [Y + 50, Y + 50, Y + 50, Y + 50], recordedCodes: ['', '37130200100101', '', ''] };
  const assignment = assignComponentsToGrids(grids, points, { recordedToleranceMetres: 0.001, outsideToleranceMetres: 0.001 }, SILENT_FEEDBACK);
  const planned = planComponentGridCodes([11, 12, 13, 14], assignment, grids.codes);
  assert.deepEqual(planned, [
    { layer: 'components', fid: 11, field: 'BGCODE', old: null, new: '37130200100101' },
    { layer: 'components', fid: 13, field: 'BGCODE', old: null, new: '37130200100102' },
  ]);
});
