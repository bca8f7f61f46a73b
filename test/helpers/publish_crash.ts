/**
 * A publish that dies hard right after its package folder was renamed into
 * place, before the workspace records the version: run as
 * `node publish_crash.js WORKSPACE OUTDIR`, it publishes and, when the
 * publish goes to write the workspace's meta, has itself killed with
 * SIGKILL (no cleanup, as a power cut would). The next publish must take its
 * version from the folder and the workspace together.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { publishPackage } from '../../src/node/publish/publish_package.js';
import { Workspace } from '../../src/node/workspace/workspace.js';

export const publishCrashScript = (): string => fileURLToPath(import.meta.url);

async function main(workspacePath: string, outDir: string): Promise<void> {
  const workspace = Workspace.open(resolve(workspacePath));
  // Another process sends the kill: Node's own process.kill would run the at-exit hooks first.
  workspace.writeMeta = async () => { spawnSync('kill', ['-KILL', String(process.pid)]); };
  await publishPackage(workspace, { outDir: resolve(outDir) }, SILENT_FEEDBACK);
  // Reaching this line means the kill never came: the test sees exit code 3.
  process.exit(3);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main(process.argv[2]!, process.argv[3]!);
