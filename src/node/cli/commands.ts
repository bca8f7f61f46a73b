/** The `citygrid` commands: each parses its arguments and calls one service. */
import { resolve } from 'node:path';
import { CityGridServices } from '../services/citygrid_services.js';
import { publishPackage } from '../publish/publish_package.js';
import { writeSample } from '../sample/write_sample.js';
import { uiBuildDir } from '../schemas/repo_paths.js';
import { startWebHost } from '../web/web_host.js';
import { Workspace } from '../workspace/workspace.js';
import { parseCommandArgs, requireOption, UsageError } from './cli_args.js';
import { createCliFeedback } from './cli_feedback.js';
import { codeCommand } from './code_command.js';
import { validateCommand } from './validate_command.js';
import { assignCommand } from './assign_command.js';
import { crsCommand } from './crs_command.js';
import { exportCommand } from './export_command.js';
import { runImportCommand } from './import_command.js';

export type Command = (args: string[]) => Promise<number>;

export function usage(): string {
  return `城市网格工作台 CityGrid Studio — command line

  citygrid sample  --out DIR [--scale small|full] [--seed N]
        generate the sample city: DIR/workspace.gpkg and shapefiles in DIR/source/
  citygrid import  --workspace FILE --layer NAME SOURCE [--encoding UTF-8|GBK|GB18030] [--crs EPSG:N]
                   [--mapping PRESET.json] [--save-mapping PRESET.json] [--source-layer NAME] [--dry-run] [--json]
        import a Shapefile (.shp or .zip), GeoPackage, GeoJSON, FileGDB, KML, CSV (X/Y or WKT) or DXF
        into a layer (replaces its features; creates the workspace if missing); --crs for sources
        without one; --dry-run reports what would be imported and changes nothing
  citygrid import  --dry-run SOURCE [--encoding E] [--crs EPSG:N] [--source-layer NAME] [--json]
        inspect a source: layers, feature count, CRS, encoding guess with samples, columns
  citygrid export  --workspace FILE --layer NAME --format shp|gpkg|geojson|kml|csv|dxf --out PATH
                   [--crs EPSG:N] [--encoding UTF-8|GBK] [--where street=CODE|community=CODE]
                   [--csv-geometry xy|wkt] [--force] [--json]
        write one layer (or a street's or community's part of it) to a file; GeoJSON and KML in
        EPSG:4326, others in the workspace CRS unless --crs; Shapefile text GBK unless --encoding
  citygrid info    --workspace FILE [--json]
        layers, geometry types, CRS and feature counts
  citygrid validate --workspace FILE [--json]
        check the workspace against the standards (schemas/qa-rules.json); exit 1 on any error finding
  citygrid publish --workspace FILE --out DIR [--json] [--allow-errors]
        write DIR/<name>-<version>/ (package.gpkg, qa-report.json, datapackage.json, SHA256SUMS);
        refuses a workspace with error findings (see validate) unless --allow-errors
  citygrid serve   [--port N] [--workspace FILE]
        serve the app on 127.0.0.1; prints the URL (with its token) first
  citygrid code parse CODE [--kind K] [--taxonomy ID | --workspace FILE] [--json]
        explain a grid, component, matter or event code segment by segment, or why it is invalid (exit 1)
  citygrid code migrate --workspace FILE [--dry-run] [--json] [--report FILE.csv|.json] [--leave-unmigratable]
        the whole workspace from legacy to current codes in one transaction: grids 14→15, components
        16→17 and every reference to them; codes that cannot migrate are listed and refuse it (exit 1)
        unless --leave-unmigratable
  citygrid assign  --workspace FILE [--write] [--json]
        every component to the grid that holds it: counts per grid, wrong or missing grid codes,
        components in no grid; --write records the right codes (one transaction)
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
  const { values, positionals } = parseCommandArgs(args, {
    workspace: { type: 'string' }, layer: { type: 'string' }, json: { type: 'boolean' }, encoding: { type: 'string' }, crs: { type: 'string' },
    mapping: { type: 'string' }, 'save-mapping': { type: 'string' }, 'source-layer': { type: 'string' }, 'dry-run': { type: 'boolean' },
  }, true);
  if (positionals.length !== 1) throw new UsageError('give exactly one SOURCE file');
  return runImportCommand(values, positionals[0]!);
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

export const COMMANDS: Record<string, Command> = { sample, import: importCommand, info, publish, serve, crs: crsCommand, code: codeCommand, validate: validateCommand, export: exportCommand, assign: assignCommand };
