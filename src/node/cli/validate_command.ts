/**
 * `citygrid validate --workspace FILE [--json] [--findings-csv FILE]`: checks
 * the workspace against the standards (schemas/qa-rules.json) and prints the
 * report; with --findings-csv, every finding (also those the report only
 * counts) goes to a CSV file as well.
 * Exit 1 when any error-severity finding exists, 0 otherwise (warnings
 * alone pass), so that scripts can gate on it.
 */
import { resolve } from 'node:path';
import { hasErrors, type QaReport } from '../../core/qa/qa_finding.js';
import { formatQaReport } from '../qa/format_qa_report.js';
import { validateWithFindingsCsv, validateWorkspace } from '../qa/validate_workspace.js';
import { Workspace } from '../workspace/workspace.js';
import { parseCommandArgs, requireOption } from './cli_args.js';
import { createCliFeedback } from './cli_feedback.js';
import type { Command } from './command.js';

export const validateCommand: Command = async (args) => {
  const { values } = parseCommandArgs(args, { workspace: { type: 'string' }, json: { type: 'boolean' }, 'findings-csv': { type: 'string' } });
  const workspace = Workspace.open(resolve(requireOption(values.workspace, 'workspace')));
  const feedback = createCliFeedback(values.json === true, 'zh');
  const csvPath = values['findings-csv'];
  let report: QaReport;
  try {
    report = csvPath ? await validateWithFindingsCsv(workspace, resolve(csvPath), feedback) : await validateWorkspace(workspace, feedback);
  } finally {
    feedback.done();
    workspace.close();
  }
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatQaReport(report));
  return hasErrors(report) ? 1 : 0;
};
