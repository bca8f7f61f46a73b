/**
 * `citygrid sample --out DIR [--scale small|full] [--seed N]`: writes the
 * seeded sample city, DIR/workspace.gpkg and its shapefiles in DIR/source/.
 */
import { resolve } from 'node:path';
import { writeSample } from './write_sample.js';
import { parseCommandArgs, requireOption, UsageError } from '../../src/node/cli/cli_args.js';
import { createCliFeedback } from '../../src/node/cli/cli_feedback.js';
import type { Command } from '../../src/node/cli/command.js';

export const sampleCommand: Command = async (args) => {
  const { values } = parseCommandArgs(args, { out: { type: 'string' }, scale: { type: 'string', default: 'small' }, seed: { type: 'string' } });
  const scale = values.scale;
  if (scale !== 'small' && scale !== 'full') throw new UsageError('--scale must be small or full');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const feedback = createCliFeedback(false, 'zh');
  try {
    const result = await writeSample({ outDir: resolve(requireOption(values.out, 'out')), scale, ...(seed === undefined ? {} : { seed }) }, feedback);
    process.stdout.write(`${result.workspacePath}\n`);
    for (const [layer, count] of Object.entries(result.counts)) process.stdout.write(`  ${layer.padEnd(12)} ${count}\n`);
    if (result.sourceDir) process.stdout.write(`${result.sourceDir}/*.shp (GBK)\n`);
  } finally {
    feedback.done();
  }
  return 0;
};
