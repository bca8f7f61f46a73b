/** ADDRESS_OUTSIDE_GRID: a door-plate address that no unit grid holds cannot be dispatched by grid. */
import type { QaRuleFamily } from '../qa_rule_family.js';
import { gridLocator } from './find_containing_grid.js';

export const locateAddresses: QaRuleFamily = {
  name: 'addresses in grids',
  ruleIds: ['ADDRESS_OUTSIDE_GRID'],
  needs: ['grids', 'addresses'],
  weight: 1,
  run(context) {
    const addresses = context.input.addresses;
    const locate = gridLocator(context);
    const tolerance = context.parameter('ADDRESS_OUTSIDE_GRID', 'boundaryToleranceMetres');
    for (let row = 0; row < addresses.count; row++) {
      const x = addresses.xs[row]!, y = addresses.ys[row]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (locate(x, y, tolerance) >= 0) continue;
      context.report('ADDRESS_OUTSIDE_GRID', { layer: 'addresses', fid: addresses.fids[row]!, code: addresses.codes.at(row), x, y });
    }
  },
};
