/**
 * Every `citygrid` command: its name, its usage lines and the handler (one
 * file per command, `<name>_command.ts`). `citygrid --help` is generated from
 * this list, so a new command is one file and one entry here.
 */
import { assignCommand } from './assign_command.js';
import { codeCommand } from './code_command.js';
import type { Command } from './command.js';
import { crsCommand } from './crs_command.js';
import { exportCommand } from './export_command.js';
import { importCommand } from './import_command.js';
import { infoCommand } from './info_command.js';
import { publishCommand } from './publish_command.js';
import { serveCommand } from './serve_command.js';
import { validateCommand } from './validate_command.js';

/** One form of a command in the help: the synopsis (after `citygrid `; continuation lines as printed) and what it does. */
export interface CommandUsage {
  synopsis: readonly string[];
  summary: readonly string[];
}

export interface CommandEntry {
  name: string;
  usage: readonly CommandUsage[];
  run: Command;
}

/**
 * `citygrid sample` lives in the sample-city project (sample-city/node), which builds on
 * src/node and so cannot be imported by it: its module is loaded when the command runs,
 * from where `tsc -b` writes it beside build/src.
 */
const sampleCommand: Command = async (args) => {
  const module = new URL('../../../sample-city/node/sample_command.js', import.meta.url);
  const { sampleCommand: run } = await import(module.href) as { sampleCommand: Command };
  return run(args);
};

const CONTINUATION = ' '.repeat('  citygrid import  '.length);

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'sample', run: sampleCommand, usage: [{
    synopsis: ['sample  --out DIR [--scale small|full] [--seed N]'],
    summary: ['generate the sample city: DIR/workspace.gpkg and shapefiles in DIR/source/'],
  }] },
  { name: 'import', run: importCommand, usage: [{
    synopsis: [
      'import  --workspace FILE --layer NAME SOURCE [--encoding UTF-8|GBK|GB18030] [--crs EPSG:N]',
      '[--mapping PRESET.json] [--save-mapping PRESET.json] [--source-layer NAME] [--dry-run] [--json]',
      '[--allow-shrink]',
    ],
    summary: [
      'import a Shapefile (.shp or .zip), GeoPackage, GeoJSON, FileGDB, KML, CSV (X/Y or WKT) or DXF',
      'into a layer (replaces its features; creates the workspace if missing); --crs for sources',
      'without one; --dry-run reports what would be imported and changes nothing; an import that',
      'would empty a layer or leave less than half of its features is refused unless --allow-shrink',
    ],
  }, {
    synopsis: ['import  --dry-run SOURCE [--encoding E] [--crs EPSG:N] [--source-layer NAME] [--json]'],
    summary: ['inspect a source: layers, feature count, CRS, encoding guess with samples, columns'],
  }] },
  { name: 'export', run: exportCommand, usage: [{
    synopsis: [
      'export  --workspace FILE --layer NAME --format shp|gpkg|geojson|kml|csv|dxf --out PATH',
      '[--crs EPSG:N] [--encoding UTF-8|GBK] [--where street=CODE|community=CODE]',
      '[--csv-geometry xy|wkt] [--force] [--json]',
    ],
    summary: [
      "write one layer (or a street's or community's part of it) to a file; GeoJSON and KML in",
      'EPSG:4326, others in the workspace CRS unless --crs; Shapefile text GBK unless --encoding',
    ],
  }] },
  { name: 'info', run: infoCommand, usage: [{
    synopsis: ['info    --workspace FILE [--json]'],
    summary: ['layers, geometry types, CRS and feature counts'],
  }] },
  { name: 'validate', run: validateCommand, usage: [{
    synopsis: ['validate --workspace FILE [--json] [--findings-csv FILE]'],
    summary: [
      'check the workspace against the standards (schemas/qa-rules.json); exit 1 on any error finding;',
      'findings of one rule on one field are grouped, the first listed; --findings-csv writes every one',
    ],
  }] },
  { name: 'publish', run: publishCommand, usage: [{
    synopsis: ['publish --workspace FILE --out DIR [--json] [--allow-errors]'],
    summary: [
      'write DIR/<name>-<version>/ (package.gpkg, qa-report.json, datapackage.json, SHA256SUMS);',
      'refuses a workspace with error findings (see validate) unless --allow-errors',
    ],
  }] },
  { name: 'serve', run: serveCommand, usage: [{
    synopsis: ['serve   [--port N] [--workspace FILE]'],
    summary: ['serve the app on 127.0.0.1; prints the URL (with its token) first'],
  }] },
  { name: 'code', run: codeCommand, usage: [{
    synopsis: ['code parse CODE [--kind K] [--taxonomy ID | --workspace FILE] [--json]'],
    summary: ['explain a grid, component, matter or event code segment by segment, or why it is invalid (exit 1)'],
  }, {
    synopsis: ['code migrate --workspace FILE [--dry-run] [--json] [--report FILE.csv|.json] [--leave-unmigratable]'],
    summary: [
      'the whole workspace from legacy to current codes in one transaction: grids 14→15, components',
      '16→17 and every reference to them; codes that cannot migrate are listed and refuse it (exit 1)',
      'unless --leave-unmigratable',
    ],
  }] },
  { name: 'assign', run: assignCommand, usage: [{
    synopsis: ['assign  --workspace FILE [--write] [--json]'],
    summary: [
      'every component to the grid that holds it: counts per grid, wrong or missing grid codes,',
      'components in no grid; --write records the right codes (one transaction)',
    ],
  }] },
  { name: 'crs', run: crsCommand, usage: [{
    synopsis: ['crs transform --from EPSG:A --to EPSG:B X Y   |   citygrid crs list'],
    summary: ['transform a point (easting/longitude first; GCJ-02 for display base maps)'],
  }] },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((entry) => entry.name === name);
}

export function usage(): string {
  const forms = COMMANDS.flatMap((entry) => entry.usage).map(({ synopsis, summary }) => [
    `  citygrid ${synopsis[0]}`,
    ...synopsis.slice(1).map((line) => `${CONTINUATION}${line}`),
    ...summary.map((line) => `        ${line}`),
  ].join('\n'));
  return `城市网格工作台 CityGrid Studio — command line\n\n${forms.join('\n')}\n\nLayers: streets communities grids components addresses roads ownership blocks water green\n`;
}
