/** The standards check of a workspace file, silently, as `citygrid validate` runs it. */
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import type { QaReport } from '../../src/core/qa/qa_finding.js';
import { validateWorkspace } from '../../src/node/qa/validate_workspace.js';
import { Workspace } from '../../src/node/workspace/workspace.js';

export async function validateFile(path: string): Promise<QaReport> {
  const workspace = Workspace.open(path);
  try {
    return await validateWorkspace(workspace, SILENT_FEEDBACK);
  } finally {
    workspace.close();
  }
}
