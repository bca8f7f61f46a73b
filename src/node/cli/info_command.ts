/** `citygrid info --workspace FILE [--json]`: the workspace's layers, geometry types, CRS and feature counts. */
import { resolve } from 'node:path';
import { requireRegularFile } from '../files/require_regular_file.js';
import { Workspace } from '../workspace/workspace.js';
import { parseCommandArgs, requireOption } from './cli_args.js';
import type { Command } from './command.js';

export const infoCommand: Command = async (args) => {
  const { values } = parseCommandArgs(args, { workspace: { type: 'string' }, json: { type: 'boolean' } });
  const path = resolve(requireOption(values.workspace, 'workspace'));
  requireRegularFile(path);
  const workspace = Workspace.open(path);
  try {
    const details = workspace.info();
    if (values.json) {
      process.stdout.write(JSON.stringify(details, null, 2) + '\n');
      return 0;
    }
    process.stdout.write(`${details.name}\n  file ${details.path}\n  CRS  ${details.crs.code} ${details.crs.name}\n  published version ${details.publishedVersion}\n`);
    for (const layer of details.layers) {
      process.stdout.write(`  ${layer.name.padEnd(12)} ${layer.geometryKind.padEnd(11)} ${String(layer.featureCount).padStart(8)}  ${layer.title.zh}\n`);
    }
  } finally {
    workspace.close();
  }
  return 0;
};
