/**
 * COMPONENT_OUTSIDE_GRID and COMPONENT_GRID_MISMATCH: the grid assignment
 * (src/core/grids/assign_components_to_grids.ts) with the rules'
 * tolerances, so that `citygrid assign --write` clears exactly these findings.
 */
import { ASSIGNED_OTHER_GRID, assignComponentsToGrids, IN_NO_GRID } from '../../grids/assign_components_to_grids.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { gridSet } from '../qa_derived.js';

export const locateComponents: QaRuleFamily = {
  name: 'components in grids',
  ruleIds: ['COMPONENT_OUTSIDE_GRID', 'COMPONENT_GRID_MISMATCH'],
  needs: ['grids', 'componentCodes', 'componentPoints'],
  weight: 3,
  run(context) {
    const components = context.input.components;
    const grids = context.input.grids;
    const set = gridSet(context);
    // The engine reports progress per family; the assignment only listens for a cancel.
    const feedback = { reportProgress() {}, get canceled() { return context.feedback.canceled; } };
    const assignment = assignComponentsToGrids(set, { count: components.count, xs: components.xs, ys: components.ys, recordedCodes: components.gridCodes }, {
      recordedToleranceMetres: context.parameter('COMPONENT_GRID_MISMATCH', 'boundaryToleranceMetres'),
      outsideToleranceMetres: context.parameter('COMPONENT_OUTSIDE_GRID', 'boundaryToleranceMetres'),
    }, feedback);
    if (assignment.counts.otherGrid === 0 && assignment.counts.inNoGrid === 0) return;
    for (let row = 0; row < components.count; row++) {
      const status = assignment.status[row]!;
      if (status !== IN_NO_GRID && status !== ASSIGNED_OTHER_GRID) continue;
      const recorded = components.gridCodes.at(row);
      const draft = { layer: 'components', fid: components.fids[row]!, code: components.codes.at(row), x: components.xs[row]!, y: components.ys[row]! };
      if (status === IN_NO_GRID) {
        context.report('COMPONENT_OUTSIDE_GRID', { ...draft, details: { recorded } });
        continue;
      }
      // An empty BGCODE is a missing mandatory attribute, reported by the attribute check (ASSIGNED_UNRECORDED).
      const actual = assignment.gridOf[row]!;
      context.report('COMPONENT_GRID_MISMATCH', {
        ...draft,
        values: { recorded, actual: grids.codes[actual]! },
        details: { recorded, actual: grids.codes[actual]!, actualFid: grids.fids[actual]!, recordedExists: set.byCode.has(recorded) },
      });
    }
  },
};
