/**
 * Which grid a point lies in, for the rules: the grid assignment's locator
 * (src/core/grids/grid_set.ts) over this run's grids. -1 when none.
 */
import { createGridLocator, type GridLocator } from '../../grids/grid_set.js';
import type { QaContext } from '../qa_context.js';
import { gridSet } from '../qa_derived.js';

export function gridLocator(context: QaContext): GridLocator {
  return createGridLocator(gridSet(context));
}
