/**
 * `citygrid crs transform --from EPSG:A --to EPSG:B X Y` and `citygrid crs list`:
 * the registry's systems, computed with proj4 exactly as the renderer does.
 * X/Y are easting/longitude first; GCJ-02 is accepted as a display datum.
 */
import { buildCrsRegistry, type CrsRegistryData } from '../../core/crs/crs_registry.js';
import { GCJ02, transformPoint } from '../../core/crs/transform_coordinates.js';
import { CityGridError } from '../../core/api/errors.js';
import { readSchemaFile } from '../schemas/load_schemas.js';
import { parseCommandArgs, requireOption, UsageError } from './cli_args.js';
import type { Command } from './command.js';

export function loadCrsRegistry(): ReturnType<typeof buildCrsRegistry> {
  return buildCrsRegistry(readSchemaFile<CrsRegistryData>('crs-registry.json'));
}

export const crsCommand: Command = async (args) => {
  const [action, ...rest] = args;
  const registry = loadCrsRegistry();
  if (action === 'list') {
    for (const definition of registry.values()) process.stdout.write(`${definition.code.padEnd(10)} ${definition.name}\n`);
    process.stdout.write(`${GCJ02.padEnd(10)} GCJ-02 (Amap/Tencent display datum; never written to data)\n`);
    return 0;
  }
  if (action !== 'transform') throw new UsageError('crs: use "crs transform --from EPSG:A --to EPSG:B X Y" or "crs list"');
  const { values, positionals } = parseCommandArgs(rest, { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } }, true);
  const from = requireOption(values.from, 'from').toUpperCase();
  const to = requireOption(values.to, 'to').toUpperCase();
  const numbers = positionals.map(Number);
  if (numbers.length !== 2 || numbers.some((value) => !Number.isFinite(value))) throw new UsageError('give two numbers: X Y (easting/longitude first)');
  for (const code of [from, to]) {
    if (code !== GCJ02 && !registry.has(code)) throw new CityGridError('CRS_UNSUPPORTED', `unknown coordinate system ${code}; see "citygrid crs list"`);
  }
  const [x, y] = transformPoint(registry, from, to, [numbers[0]!, numbers[1]!]);
  const geographic = to === GCJ02 || registry.get(to)?.kind === 'geographic';
  if (values.json) process.stdout.write(`${JSON.stringify({ from, to, x, y })}\n`);
  else process.stdout.write(geographic ? `${x.toFixed(9)} ${y.toFixed(9)}\n` : `${x.toFixed(4)} ${y.toFixed(4)}\n`);
  return 0;
};
