/**
 * A process that dies hard in the middle of `citygrid assign --write`: run
 * as `node grid_write_crash.js WORKSPACE`, it starts the write and, once the
 * first update statement has run inside the open transaction, kills itself
 * with SIGKILL (no cleanup, no rollback: as a power cut would). The test
 * then checks that the workspace is as it was before.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feedback } from '../../src/core/jobs/feedback.js';
import { assignWorkspaceComponents } from '../../src/node/grids/assign_workspace_components.js';
import { Workspace } from '../../src/node/workspace/workspace.js';

export const crashScript = (): string => fileURLToPath(import.meta.url);

async function main(path: string): Promise<void> {
  const workspace = Workspace.open(resolve(path));
  const feedback: Feedback = {
    reportProgress(_fraction, message) {
      // Another process sends the kill: Node's own process.kill(process.pid) first runs the
      // at-exit hooks, where gdal-async closes the datasets and SQLite rolls back politely.
      if (message.en.startsWith('writing grid codes')) spawnSync('kill', ['-KILL', String(process.pid)]);
    },
    canceled: false,
  };
  await assignWorkspaceComponents(workspace, { write: true }, feedback);
  // Reaching this line means the kill never came: the test sees exit code 3.
  process.exit(3);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main(process.argv[2]!);
