/**
 * GRID_AREA_OUTLIER: a grid far outside the usual size. The ~10,000 m²
 * "万米单元网格" is guidance, not a rule, so this is a warning with a wide,
 * configured band. The area is the polygon's, not the AREA attribute.
 */
import { labelPoint } from '../../geometry/point_in_polygon.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { gridPolygons } from '../qa_derived.js';
import { roundArea } from './find_grid_overlaps.js';

export const checkGridAreas: QaRuleFamily = {
  name: 'grid areas',
  ruleIds: ['GRID_AREA_OUTLIER'],
  needs: ['grids'],
  weight: 0.5,
  run(context) {
    const grids = context.input.grids;
    const minimum = context.parameter('GRID_AREA_OUTLIER', 'minimumSquareMetres');
    const maximum = context.parameter('GRID_AREA_OUTLIER', 'maximumSquareMetres');
    gridPolygons(context).forEach((polygon, grid) => {
      if (!polygon || (polygon.area >= minimum && polygon.area <= maximum)) return;
      const [x, y] = labelPoint(polygon);
      context.report('GRID_AREA_OUTLIER', {
        layer: 'grids', fid: grids.fids[grid]!, code: grids.codes[grid]!, x, y,
        values: { area: polygon.area, minimum, maximum },
        details: { area: roundArea(polygon.area), minimum, maximum },
      });
    });
  },
};
