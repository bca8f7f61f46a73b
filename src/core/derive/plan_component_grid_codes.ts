/**
 * BGCODE of components from the grid that holds them (the grid assignment,
 * src/core/grids/): offered where the component records no grid code and
 * exactly one grid holds it. A recorded code that names another grid is a
 * finding (COMPONENT_GRID_MISMATCH) the user judges; `citygrid assign
 * --write` is the way to overwrite those.
 */
import { ASSIGNED_UNRECORDED, type GridAssignment } from '../grids/assign_components_to_grids.js';
import type { DerivedValue } from './derived_value.js';

export function planComponentGridCodes(fids: ArrayLike<number>, assignment: Pick<GridAssignment, 'gridOf' | 'status'>, gridCodes: readonly string[]): DerivedValue[] {
  const planned: DerivedValue[] = [];
  for (let component = 0; component < assignment.status.length; component++) {
    if (assignment.status[component] !== ASSIGNED_UNRECORDED) continue;
    const code = gridCodes[assignment.gridOf[component]!];
    if (code) planned.push({ layer: 'components', fid: fids[component]!, field: 'BGCODE', old: null, new: code });
  }
  return planned;
}
