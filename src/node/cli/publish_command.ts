/**
 * `citygrid publish --workspace FILE --out DIR [--json] [--allow-errors]`:
 * writes the next version of the data package, DIR/<name>-<version>/.
 */
import { resolve } from 'node:path';
import { publishPackage } from '../publish/publish_package.js';
import { Workspace } from '../workspace/workspace.js';
import { parseCommandArgs, requireOption } from './cli_args.js';
import { createCliFeedback } from './cli_feedback.js';
import type { Command } from './command.js';

export const publishCommand: Command = async (args) => {
  const { values } = parseCommandArgs(args, { workspace: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, 'allow-errors': { type: 'boolean' } });
  const outDir = resolve(requireOption(values.out, 'out'));
  const workspace = Workspace.open(resolve(requireOption(values.workspace, 'workspace')));
  const feedback = createCliFeedback(values.json === true, 'zh');
  try {
    const result = await publishPackage(workspace, { outDir, allowErrors: values['allow-errors'] === true }, feedback);
    feedback.done();
    if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else process.stdout.write(`${result.directory}\n  ${result.name} version ${result.version}\n`);
  } finally {
    workspace.close();
  }
  return 0;
};
