/**
 * `citygrid assign`: assigns every component of a workspace to the unit
 * grid that holds it (src/core/grids/), reports how many fall in each grid,
 * those in no grid and those whose recorded grid code (BGCODE / SZDYWGBSM)
 * differs, and with `write` records the assigned code in the latter, in one
 * transaction. Tolerances are the standards check's (schemas/qa-rules.json),
 * so a written workspace passes COMPONENT_GRID_MISMATCH.
 */
import { resolve } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import { subFeedback, type Feedback } from '../../core/jobs/feedback.js';
import { ASSIGNED_OTHER_GRID, ASSIGNED_UNRECORDED, IN_NO_GRID, type GridAssignment } from '../../core/grids/assign_components_to_grids.js';
import { numberParameter } from '../../core/qa/qa_rules_config.js';
import { loadQaRules } from '../qa/load_qa_references.js';
import type { Workspace } from '../workspace/workspace.js';
import { readAndAssignComponents, type AssignedWorkspace } from './read_and_assign_components.js';
import { readComponentCodes } from './read_grid_assignment_input.js';
import { writeAssignedGridCodes, type GridCodeChange } from './write_assigned_grid_codes.js';

export interface AssignOptions {
  /** Record the assigned grid code in every component whose recorded one differs. */
  write?: boolean;
}

export interface ListedComponent {
  fid: number;
  code: string;
  x: number;
  y: number;
  /** The grid code the component records ('' when none). */
  recorded: string;
  /** The code of the grid that holds it; null when none does. */
  assigned: string | null;
}

export interface GridAssignmentReport {
  workspace: string;
  counts: {
    components: number;
    grids: number;
    /** In the grid they record. */
    asRecorded: number;
    /** In another grid than the one they record. */
    otherGrid: number;
    /** In a grid, with no grid code recorded. */
    unrecorded: number;
    inNoGrid: number;
    withoutPosition: number;
  };
  /** Components per grid, every grid (also those with none). */
  grids: Array<{ fid: number; code: string; components: number }>;
  /** The components to change (other grid or unrecorded), at most `listLimit` of them. */
  changes: ListedComponent[];
  /** Components in no grid, at most `listLimit` of them. */
  inNoGrid: ListedComponent[];
  listLimit: number;
  /** Components whose grid code was written; 0 without `write`. */
  written: number;
  tolerances: { recordedMetres: number; outsideMetres: number };
  /** Milliseconds: reading, the assignment itself (the two overlap: see read_and_assign_components.ts), writing. */
  timings: Record<string, number>;
}

export async function assignWorkspaceComponents(workspace: Workspace, options: AssignOptions, feedback: Feedback): Promise<GridAssignmentReport> {
  const path = resolve(workspace.path);
  const rules = loadQaRules();
  const tolerances = {
    recordedMetres: numberParameter(rules, 'COMPONENT_GRID_MISMATCH', 'boundaryToleranceMetres'),
    outsideMetres: numberParameter(rules, 'COMPONENT_OUTSIDE_GRID', 'boundaryToleranceMetres'),
  };
  const write = options.write === true;
  // Read and assigned together: the assignment takes the components chunk by chunk as they are read.
  const input = await readAndAssignComponents(path, {
    recordedToleranceMetres: tolerances.recordedMetres,
    outsideToleranceMetres: tolerances.outsideMetres,
  }, subFeedback(feedback, 0, write ? 0.7 : 1));
  const { assignment } = input;
  const timings: Record<string, number> = { ...input.timings };

  const changes = plannedChanges(input, assignment);
  let written = 0;
  if (write && changes.length > 0) {
    if (!input.componentsHaveGridCode) {
      throw new CityGridError('WORKSPACE_INVALID', 'the components layer has no BGCODE field to record grid codes in', path);
    }
    const writeStarted = performance.now();
    written = await writeAssignedGridCodes(workspace, changes, subFeedback(feedback, 0.7, 1));
    timings.write = Math.round(performance.now() - writeStarted);
  }
  const listLimit = rules.limits.findingsPerRule;
  const listedChanges = changes.slice(0, listLimit).map((change) => change.row);
  const listedOutside: number[] = [];
  for (let row = 0; row < input.components.count && listedOutside.length < listLimit; row++) {
    if (assignment.status[row] === IN_NO_GRID) listedOutside.push(row);
  }
  const codes = await readComponentCodes(path, [...listedChanges, ...listedOutside].map((row) => input.components.fids[row]!));
  const listed = (row: number): ListedComponent => {
    const fid = input.components.fids[row]!;
    const grid = assignment.gridOf[row]!;
    return {
      fid, code: codes.get(fid) ?? '', x: input.components.xs[row]!, y: input.components.ys[row]!,
      recorded: input.components.recordedCodeAt(row), assigned: grid >= 0 ? input.grids.codes[grid]! : null,
    };
  };
  return {
    workspace: path,
    counts: {
      components: input.components.count,
      grids: input.grids.codes.length,
      asRecorded: assignment.counts.asRecorded,
      otherGrid: assignment.counts.otherGrid,
      unrecorded: assignment.counts.unrecorded,
      inNoGrid: assignment.counts.inNoGrid,
      withoutPosition: assignment.counts.noPosition,
    },
    grids: input.grids.codes.map((code, grid) => ({ fid: input.grids.fids[grid]!, code, components: assignment.componentsPerGrid[grid]! })),
    changes: listedChanges.map(listed),
    inNoGrid: listedOutside.map(listed),
    listLimit,
    written,
    tolerances,
    timings,
  };
}

/**
 * Components that record another grid code than the one holding them, or
 * none, in fid order; not those in a grid without a code (GRID_CODE_INVALID
 * says so), whose code would be erased.
 */
function plannedChanges(input: AssignedWorkspace, assignment: GridAssignment): Array<GridCodeChange & { row: number }> {
  const changes: Array<GridCodeChange & { row: number }> = [];
  for (let row = 0; row < input.components.count; row++) {
    const status = assignment.status[row];
    if (status !== ASSIGNED_OTHER_GRID && status !== ASSIGNED_UNRECORDED) continue;
    const code = input.grids.codes[assignment.gridOf[row]!]!;
    if (code !== '') changes.push({ row, fid: input.components.fids[row]!, code });
  }
  return changes;
}
