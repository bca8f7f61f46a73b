/**
 * The import's options as a user meets them on the command line: --dry-run
 * (reports, changes nothing), --mapping / --save-mapping presets, --crs for
 * sources without one (never overriding one they declare), --source-layer.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CityGridError } from '../../src/core/api/errors.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { resolveSourceCrs } from '../../src/node/import/resolve_source_crs.js';
import { tempDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run_cli.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';
import { bytesOf, ogr2ogr, readLayer } from './import_fixtures.js';

const folder = tempDir('import-options');
after(() => folder.remove());
let tiny: string;
let survey: string;
let counter = 0;

const path = (name: string): string => join(folder.path, name);
const freshWorkspace = (): Promise<string> => createTinyWorkspace(folder.path, `target-${++counter}.gpkg`);

/** A census company's delivery with its own column names: BH (编号), MC (名称), ZT (状态), BEIZHU. */
before(async () => {
  tiny = await createTinyWorkspace(folder.path);
  survey = path('survey.shp');
  ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', '-sql', 'SELECT geom, OBJCODE AS BH, OBJNAME AS MC, OBJSTATE AS ZT, BGCODE AS SZDYWGBSM, NOTE AS BEIZHU FROM components', survey, tiny]);
});

test('--dry-run reports count, CRS, encoding, mapping and unmatched columns, and leaves the workspace byte-for-byte as it was', () => {
  const workspacePath = path('tiny-copy.gpkg');
  writeFileSync(workspacePath, bytesOf(tiny));
  const before = bytesOf(workspacePath);
  const text = runCli(['import', '--dry-run', '--workspace', workspacePath, '--layer', 'components', survey]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /dry run: would import 3 features into components of .*tiny-copy\.gpkg \(replacing 3\).*nothing was changed/);
  assert.match(text.stdout, /CRS EPSG:4527 → EPSG:4527/);
  assert.match(text.stdout, /encoding: GBK \(\.cpg\)/);
  assert.match(text.stdout, /fields: SZDYWGBSM→BGCODE/);
  assert.match(text.stdout, /columns not imported: BH, MC, ZT, BEIZHU/);
  const json = JSON.parse(runCli(['import', '--dry-run', '--json', '--workspace', workspacePath, '--layer', 'components', survey]).stdout) as { imported: number; dryRun: boolean; encoding: { guess: { encoding: string; candidates: Array<{ encoding: string; samples: string[] }> } } };
  assert.equal(json.imported, 3);
  assert.equal(json.dryRun, true);
  assert.equal(json.encoding.guess.encoding, 'GBK');
  assert.ok(json.encoding.guess.candidates.find((candidate) => candidate.encoding === 'GBK')!.samples.includes('路灯'));
  assert.ok(bytesOf(workspacePath).equals(before), 'the workspace file is byte-for-byte unchanged');
  const missing = path('never-created.gpkg');
  const wouldCreate = runCli(['import', '--dry-run', '--workspace', missing, '--layer', 'components', survey]);
  assert.equal(wouldCreate.status, 0, wouldCreate.stderr);
  assert.match(wouldCreate.stdout, /never-created\.gpkg \(new\)/);
  assert.equal(existsSync(missing), false, 'a dry run creates no workspace');
});

test('--dry-run without --layer inspects the source alone: layers, count, CRS, columns, first feature', () => {
  const inspection = runCli(['import', '--dry-run', survey]);
  assert.equal(inspection.status, 0, inspection.stderr);
  assert.match(inspection.stdout, /ESRI Shapefile, layer "survey"/);
  assert.match(inspection.stdout, /3 features \(Point\)/);
  assert.match(inspection.stdout, /columns: BH, MC, ZT, SZDYWGBSM, BEIZHU/);
  assert.match(inspection.stdout, /first feature: BH=\d{16}, MC=(路灯|上水井盖|垃圾箱)/);
});

test('a mapping preset maps the delivery\'s own columns; --save-mapping writes one that reproduces the mapping', async () => {
  const preset = path('census.json');
  writeFileSync(preset, JSON.stringify({ layer: 'components', fields: { OBJCODE: 'BH', OBJNAME: 'MC', OBJSTATE: 'zt', NOTE: null } }));
  const workspacePath = await freshWorkspace();
  const saved = path('saved.json');
  const report = await importLayer({ workspacePath, layer: 'components', source: survey, mappingPreset: preset, saveMapping: saved }, SILENT_FEEDBACK);
  assert.deepEqual(report.mapping, { OBJCODE: 'BH', OBJNAME: 'MC', BGCODE: 'SZDYWGBSM', OBJSTATE: 'ZT' }, 'preset fields first, the rest by the alias table');
  assert.deepEqual(report.unmatchedSources, ['BEIZHU']);
  const light = readLayer(workspacePath, 'components', 'OBJCODE').get(TINY.light)!;
  assert.equal(light.properties.OBJNAME, '路灯');
  assert.equal(light.properties.OBJSTATE, '完好');
  const written = JSON.parse(readFileSync(saved, 'utf8')) as { layer: string; fields: Record<string, string | null> };
  assert.equal(written.layer, 'components');
  assert.equal(written.fields.OBJCODE, 'BH');
  assert.equal(written.fields.NOTE, null);
  const again = await importLayer({ workspacePath: await freshWorkspace(), layer: 'components', source: survey, mappingPreset: saved }, SILENT_FEEDBACK);
  assert.deepEqual(again.mapping, report.mapping, 'the saved preset gives the same mapping');
});

test('a preset naming an unknown field or a column the source lacks is refused, naming the preset file, before anything changes', async () => {
  const workspacePath = await freshWorkspace();
  const before = bytesOf(workspacePath);
  const wrong = path('wrong.json');
  writeFileSync(wrong, JSON.stringify({ layer: 'components', fields: { OBJCODE: 'BH', COLOUR: 'MC', OBJNAME: 'NAME_CN' } }));
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: survey, mappingPreset: wrong }, SILENT_FEEDBACK), (error: CityGridError) => {
    assert.equal(error.code, 'INVALID_REQUEST');
    assert.ok(error.message.startsWith(`${wrong}: `), error.message);
    assert.match(error.message, /unknown field "COLOUR"/);
    assert.match(error.message, /column "NAME_CN" is not in the source \(its columns: BH, MC, ZT, SZDYWGBSM, BEIZHU\)/);
    return true;
  });
  writeFileSync(wrong, JSON.stringify({ layer: 'grids', fields: {} }));
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: survey, mappingPreset: wrong }, SILENT_FEEDBACK),
    (error: CityGridError) => error.message.includes(wrong) && /made for layer "grids", not "components"/.test(error.message));
  writeFileSync(wrong, '{ "fields": ');
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: survey, mappingPreset: wrong }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'FILE_CORRUPT' && error.message.includes(wrong));
  assert.ok(bytesOf(workspacePath).equals(before));
});

test('--crs names the CRS of a source without one, and is refused when it contradicts the one a source declares', async () => {
  ogr2ogr(['-f', 'GeoJSON', path('lonlat.geojson'), tiny, 'components', '-t_srs', 'EPSG:4326']);
  const workspacePath = await freshWorkspace();
  const before = bytesOf(workspacePath);
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: path('lonlat.geojson'), crs: 'EPSG:4490' }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'INVALID_REQUEST' && /declares EPSG:4326, --crs says EPSG:4490/.test(error.message));
  assert.ok(bytesOf(workspacePath).equals(before));
  const agreeing = await importLayer({ workspacePath, layer: 'components', source: path('lonlat.geojson'), crs: 'epsg:4326' }, SILENT_FEEDBACK);
  assert.equal(agreeing.sourceCrs, 'EPSG:4326');
  const cli = runCli(['import', '--workspace', workspacePath, '--layer', 'components', '--crs', '4527', survey]);
  assert.equal(cli.status, 2, 'a malformed --crs is a usage error');
  assert.match(cli.stderr, /--crs must be EPSG:N/);
});

test('--source-layer picks a layer of a multi-layer source; an unknown one is named', async () => {
  ogr2ogr(['-f', 'GPKG', path('two.gpkg'), tiny, 'components', 'roads']);
  const workspacePath = await freshWorkspace();
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: path('two.gpkg'), sourceLayer: 'lamps' }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'LAYER_UNKNOWN' && /no layer "lamps" in it \(layers: components, roads\)/.test(error.message));
  const cli = runCli(['import', '--workspace', workspacePath, '--layer', 'components', '--source-layer', 'components', path('two.gpkg')]);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /imported 3 features into components \(replaced 3\)/);
});

test('a bad --encoding value is a usage error; --encoding on a format that declares its own is refused', () => {
  const usage = runCli(['import', '--workspace', path('x.gpkg'), '--layer', 'components', '--encoding', 'latin9', survey]);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--encoding must be UTF-8, GBK or GB18030/);
  const geojson = runCli(['import', '--dry-run', '--encoding', 'GBK', path('lonlat.geojson')]);
  assert.equal(geojson.status, 1);
  assert.match(geojson.stderr, /INVALID_REQUEST: .*lonlat\.geojson: --encoding applies to shapefiles/);
});

test('the source CRS is read right even just after other files were closed (gdal-async reuses stale SRS wrappers)', () => {
  const lonlat = path('lonlat-again.geojson');
  ogr2ogr(['-f', 'GeoJSON', lonlat, tiny, 'components', '-t_srs', 'EPSG:4326']);
  let wrong = 0;
  for (let round = 0; round < 250; round++) {
    const workspace = gdal.open(tiny);
    void workspace.layers.get('components').srs;
    workspace.close();
    const source = gdal.open(lonlat);
    try {
      if (resolveSourceCrs(source.layers.get(0), undefined, lonlat).code !== 'EPSG:4326') wrong++;
    } finally {
      source.close();
    }
  }
  assert.equal(wrong, 0, `${wrong} of 250 reads named another file's CRS`);
});

test('a canceled import stops before the workspace is touched', async () => {
  const workspacePath = await freshWorkspace();
  const before = bytesOf(workspacePath);
  const canceled = { reportProgress() {}, canceled: true };
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: survey }, canceled), (error: CityGridError) => error.code === 'CANCELED');
  assert.ok(bytesOf(workspacePath).equals(before));
  assert.deepEqual(readdirSync(folder.path).filter((name) => name.startsWith('.citygrid-import-')), [], 'no staging file left');
});

test('a workspace path in a folder that does not exist is OUTPUT_UNWRITABLE naming it, not blamed on the source', async () => {
  const workspacePath = path(join('no-such-folder', 'new.gpkg'));
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: survey }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'OUTPUT_UNWRITABLE' && error.message.startsWith(`${workspacePath}: `));
});
