/** The `citygrid` commands: each parses its arguments and calls one service. */
import { resolve } from 'node:path';
import { CityGridServices } from '../services/citygrid_services.js';
import { importLayer } from '../import/import_layer.js';
import { publishPackage } from '../publish/publish_package.js';
import { writeSample } from '../sample/write_sample.js';
import { uiBuildDir } from '../schemas/repo_paths.js';
import { startWebHost } from '../web/web_host.js';
import { Workspace } from '../workspace/workspace.js';
import { parseCommandArgs, requireOption, UsageError } from './cli_args.js';
import { createCliFeedback } from './cli_feedback.js';
import { codeCommand } from './code_command.js';
import { crsCommand } from './crs_command.js';

export type Command = (args: string[]) => Promise<number>;

export function usage(): string {
  return `城市网格工作台 CityGrid Studio — command line

  citygrid sample  --out DIR [--scale small|full] [--seed N]
        generate the sample city: DIR/workspace.gpkg and shapefiles in DIR/source/
  citygrid import  --workspace FILE --layer NAME SOURCE
        import a Shapefile (.shp or .zip), GeoPackage or GeoJSON into a layer
        (replaces its features; creates the workspace if missing)
  citygrid info    --workspace FILE [--json]
        layers, geometry types, CRS and feature counts
  citygrid publish --workspace FILE --out DIR [--json]
        write DIR/<name>-<version>/ (package.gpkg, datapackage.json, SHA256SUMS)
  citygrid serve   [--port N] [--workspace FILE]
        serve the app on 127.0.0.1; prints the URL (with its token) first
  citygrid code parse CODE [--kind K] [--taxonomy ID | --workspace FILE] [--json]
        explain a grid, component, matter or event code segment by segment, or why it is invalid (exit 1)
  citygrid code migrate --workspace FILE [--dry-run] [--json]
        rewrite 16-digit component codes as 17-digit ones; unmapped classes are kept and reported
  citygrid crs transform --from EPSG:A --to EPSG:B X Y   |   citygrid crs list
        transform a point (easting/longitude first; GCJ-02 for display base maps)

Layers: streets communities grids components addresses roads ownership blocks water green
`;
}

const sample: Command = async (args) => {
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

const importCommand: Command = async (args) => {
  const { values, positionals } = parseCommandArgs(args, { workspace: { type: 'string' }, layer: { type: 'string' }, json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one SOURCE file');
  const feedback = createCliFeedback(values.json === true, 'zh');
  try {
    const report = await importLayer({
      workspacePath: resolve(requireOption(values.workspace, 'workspace')),
      layer: requireOption(values.layer, 'layer'),
      source: resolve(positionals[0]!),
    }, feedback);
    if (values.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    } else {
      process.stdout.write(`imported ${report.imported} features into ${report.layer} (replaced ${report.replaced}) from ${report.source}\n`);
      process.stdout.write(`  CRS ${report.sourceCrs} → ${report.workspaceCrs}\n`);
      process.stdout.write(`  fields: ${Object.entries(report.mapping).map(([field, column]) => field === column ? field : `${column}→${field}`).join(', ') || '(none)'}\n`);
      if (report.unmatchedSources.length) process.stdout.write(`  columns not imported: ${report.unmatchedSources.join(', ')}\n`);
    }
  } finally {
    feedback.done();
  }
  return 0;
};

const info: Command = async (args) => {
  const { values } = parseCommandArgs(args, { workspace: { type: 'string' }, json: { type: 'boolean' } });
  const workspace = Workspace.open(resolve(requireOption(values.workspace, 'workspace')));
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

const publish: Command = async (args) => {
  const { values } = parseCommandArgs(args, { workspace: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
  const outDir = resolve(requireOption(values.out, 'out'));
  const workspace = Workspace.open(resolve(requireOption(values.workspace, 'workspace')));
  const feedback = createCliFeedback(values.json === true, 'zh');
  try {
    const result = await publishPackage(workspace, { outDir }, feedback);
    feedback.done();
    if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else process.stdout.write(`${result.directory}\n  ${result.name} version ${result.version}\n`);
  } finally {
    workspace.close();
  }
  return 0;
};

const serve: Command = async (args) => {
  const { values } = parseCommandArgs(args, { port: { type: 'string' }, workspace: { type: 'string' } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0-65535');
  const services = new CityGridServices();
  if (values.workspace) await services.openWorkspace({ path: resolve(values.workspace) });
  const host = await startWebHost({ services, staticDir: uiBuildDir(), port });
  process.stdout.write(`${host.url}\n`);
  process.stderr.write('城市网格工作台 web host: open the URL above in a browser; Ctrl-C stops it.\n');
  await new Promise<void>((resolveStop) => {
    const stop = (): void => { resolveStop(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await services.dispose();
  return 0;
};

export const COMMANDS: Record<string, Command> = { sample, import: importCommand, info, publish, serve, crs: crsCommand, code: codeCommand };
