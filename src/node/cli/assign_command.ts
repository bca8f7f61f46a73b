/**
 * `citygrid assign --workspace FILE [--write] [--json]`: assigns every
 * component to the unit grid that holds it and reports the differences from
 * the recorded grid codes; --write records the assigned codes (one
 * transaction). Exit 0 done, 1 failed, 2 wrong usage.
 */
import { resolve } from 'node:path';
import { assignWorkspaceComponents, type GridAssignmentReport } from '../grids/assign_workspace_components.js';
import { formatGridAssignment } from '../grids/format_grid_assignment.js';
import { Workspace } from '../workspace/workspace.js';
import { parseCommandArgs, requireOption } from './cli_args.js';
import { createCliFeedback } from './cli_feedback.js';
import type { Command } from './command.js';

export const assignCommand: Command = async (args) => {
  const { values } = parseCommandArgs(args, { workspace: { type: 'string' }, write: { type: 'boolean' }, json: { type: 'boolean' } });
  const workspace = Workspace.open(resolve(requireOption(values.workspace, 'workspace')));
  const feedback = createCliFeedback(values.json === true, 'zh');
  let report: GridAssignmentReport;
  try {
    report = await assignWorkspaceComponents(workspace, { write: values.write === true }, feedback);
  } finally {
    feedback.done();
    workspace.close();
  }
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatGridAssignment(report, values.write === true));
  return 0;
};
