/**
 * Every source format through the real GDAL: files written by ogr2ogr from
 * the tiny workspace, imported back into a fresh copy, and compared feature
 * by feature. For each format a damaged file is refused with its path and
 * leaves the workspace byte-for-byte as it was.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CityGridError } from '../../src/core/api/errors.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { importLayer, type ImportOptions } from '../../src/node/import/import_layer.js';
import { tempDir } from '../helpers/paths.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';
import { assertSameFeatures, bytesOf, ogr2ogr, readLayer, writeZip } from './import_fixtures.js';

const folder = tempDir('import-formats');
after(() => folder.remove());
let tiny: string;
let counter = 0;

const COMPONENT_FIELDS = ['OBJCODE', 'OBJNAME', 'BGCODE', 'OBJSTATE', 'DEPTNAME1'];
const GRID_FIELDS = ['BGCODE', 'BGNAME', 'AREA', 'SQCODE', 'JDCODE'];
const ROAD_FIELDS = ['ROADCODE', 'ROADNAME', 'ROADCLASS', 'WIDTH'];

before(async () => {
  tiny = await createTinyWorkspace(folder.path);
});

async function freshWorkspace(): Promise<string> {
  return createTinyWorkspace(folder.path, `target-${++counter}.gpkg`);
}

function path(name: string): string {
  return join(folder.path, name);
}

async function importInto(workspacePath: string, layer: string, source: string, extra: Partial<ImportOptions> = {}): Promise<ReturnType<typeof importLayer>> {
  return importLayer({ workspacePath, layer, source, ...extra }, SILENT_FEEDBACK);
}

/** The damaged source is refused naming it, and the workspace file keeps every byte. */
async function assertRefusedUnchanged(layer: string, source: string, extra: Partial<ImportOptions> = {}, code = 'FILE_CORRUPT'): Promise<void> {
  const workspacePath = await freshWorkspace();
  const before = bytesOf(workspacePath);
  await assert.rejects(importInto(workspacePath, layer, source, extra), (error: CityGridError) => {
    assert.equal(error.code, code, error.message);
    assert.ok(error.message.includes(source), `the message names the file: ${error.message}`);
    return true;
  });
  assert.ok(bytesOf(workspacePath).equals(before), 'the workspace file is byte-for-byte unchanged');
}

function cutShort(source: string, target: string, fraction: number): void {
  const bytes = readFileSync(source);
  writeFileSync(target, bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

test('a zip with several shapefiles, upper-case DOS names and a GBK .cpg: each layer by its name', async () => {
  ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', path('components.shp'), tiny, 'components']);
  ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', path('roads.shp'), tiny, 'roads']);
  const entries: Record<string, string> = {};
  for (const extension of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
    entries[`components.${extension}`] = path(`components.${extension}`);
    entries[`ROADS.${extension.toUpperCase()}`] = path(`roads.${extension}`);
  }
  writeZip(path('delivery.zip'), entries);
  const workspacePath = await freshWorkspace();
  const roads = await importInto(workspacePath, 'roads', path('delivery.zip'));
  assert.equal(roads.sourceLayer, 'ROADS');
  assert.equal(roads.imported, 1);
  const components = await importInto(workspacePath, 'components', path('delivery.zip'));
  assert.equal(components.imported, 3);
  assert.equal(components.encoding?.origin, 'cpg');
  assertSameFeatures(readLayer(workspacePath, 'components', 'OBJCODE'), readLayer(tiny, 'components', 'OBJCODE'), COMPONENT_FIELDS, 1e-6, 'zip components');
  assertSameFeatures(readLayer(workspacePath, 'roads', 'ROADCODE'), readLayer(tiny, 'roads', 'ROADCODE'), ROAD_FIELDS, 1e-6, 'zip roads');
  await assert.rejects(importInto(workspacePath, 'grids', path('delivery.zip')),
    (error: CityGridError) => error.code === 'INVALID_REQUEST' && /2 layers \(.*components.*ROADS.*\); choose one with --source-layer/.test(error.message));
});

test('a zip whose shapefile sits in a folder inside it is found there', async () => {
  const entries: Record<string, string> = {};
  for (const extension of ['shp', 'shx', 'dbf', 'prj', 'cpg']) entries[`export/成果/components.${extension}`] = path(`components.${extension}`);
  writeZip(path('foldered.zip'), entries);
  const workspacePath = await freshWorkspace();
  const report = await importInto(workspacePath, 'components', path('foldered.zip'));
  assert.equal(report.imported, 3);
  assertSameFeatures(readLayer(workspacePath, 'components', 'OBJCODE'), readLayer(tiny, 'components', 'OBJCODE'), COMPONENT_FIELDS, 1e-6, 'foldered zip');
});

test('a zipped shapefile cut short inside the zip is refused, unchanged', async () => {
  copyFileSync(path('components.shp'), path('short.shp'));
  truncateSync(path('short.shp'), statSync(path('short.shp')).size - 20);
  const entries: Record<string, string> = {};
  for (const extension of ['shx', 'dbf', 'prj', 'cpg']) entries[`components.${extension}`] = path(`components.${extension}`);
  entries['components.shp'] = path('short.shp');
  writeZip(path('short.zip'), entries);
  await assertRefusedUnchanged('components', path('short.zip'));
});

test('GeoPackage: the layer named like the target, or the one chosen with sourceLayer', async () => {
  ogr2ogr(['-f', 'GPKG', path('delivery.gpkg'), tiny, 'components', 'roads']);
  const workspacePath = await freshWorkspace();
  assert.equal((await importInto(workspacePath, 'components', path('delivery.gpkg'))).imported, 3);
  assertSameFeatures(readLayer(workspacePath, 'components', 'OBJCODE'), readLayer(tiny, 'components', 'OBJCODE'), COMPONENT_FIELDS, 1e-9, 'gpkg');
  const chosen = await importInto(workspacePath, 'roads', path('delivery.gpkg'), { sourceLayer: 'roads' });
  assert.equal(chosen.sourceLayer, 'roads');
  cutShort(path('delivery.gpkg'), path('damaged.gpkg'), 0.5);
  await assertRefusedUnchanged('components', path('damaged.gpkg'));
});

test('GeoJSON cut short is refused, unchanged', async () => {
  ogr2ogr(['-f', 'GeoJSON', path('components.geojson'), tiny, 'components']);
  cutShort(path('components.geojson'), path('damaged.geojson'), 0.6);
  await assertRefusedUnchanged('components', path('damaged.geojson'));
});

test('FileGDB (OpenFileGDB): one-part multi lines and polygons become single ones; a damaged table is refused', async (context) => {
  const driver = gdal.drivers.get('OpenFileGDB');
  if (driver.getMetadata().DCAP_CREATE !== 'YES') {
    context.skip(`GDAL ${gdal.version}'s OpenFileGDB driver cannot write, so no FileGDB can be made here`);
    return;
  }
  ogr2ogr(['-f', 'OpenFileGDB', path('delivery.gdb'), tiny, 'components', 'grids', 'roads']);
  const workspacePath = await freshWorkspace();
  const grids = await importInto(workspacePath, 'grids', path('delivery.gdb'));
  assert.equal(grids.imported, 2);
  assert.equal(grids.unwrappedMultiParts, 2, 'FileGDB stores polygons as multipolygons');
  assertSameFeatures(readLayer(workspacePath, 'grids', 'BGCODE'), readLayer(tiny, 'grids', 'BGCODE'), GRID_FIELDS, 1e-6, 'gdb grids');
  await importInto(workspacePath, 'roads', path('delivery.gdb'));
  assertSameFeatures(readLayer(workspacePath, 'roads', 'ROADCODE'), readLayer(tiny, 'roads', 'ROADCODE'), ROAD_FIELDS, 1e-6, 'gdb roads');
  // The first user table holds components; cut its rows short.
  cpSync(path('delivery.gdb'), path('damaged.gdb'), { recursive: true });
  const table = join(path('damaged.gdb'), 'a00000009.gdbtable');
  truncateSync(table, statSync(table).size - 300);
  await assertRefusedUnchanged('components', path('damaged.gdb'));
});

test('KML in WGS 84 lands in the workspace CRS within a millimetre; a cut-off KML is refused', async () => {
  ogr2ogr(['-f', 'KML', path('components.kml'), tiny, 'components']);
  const workspacePath = await freshWorkspace();
  const report = await importInto(workspacePath, 'components', path('components.kml'));
  assert.equal(report.sourceCrs, 'EPSG:4326');
  assertSameFeatures(readLayer(workspacePath, 'components', 'OBJCODE'), readLayer(tiny, 'components', 'OBJCODE'), COMPONENT_FIELDS, 0.001, 'kml');
  cutShort(path('components.kml'), path('damaged.kml'), 0.6);
  await assertRefusedUnchanged('components', path('damaged.kml'));
});

test('CSV with X/Y columns needs --crs; with it, the points land where they were', async () => {
  // Not components.csv: GDAL's CSV driver would read the shapefile's components.prj beside it.
  ogr2ogr(['-f', 'CSV', '-lco', 'GEOMETRY=AS_XY', path('points.csv'), tiny, 'components']);
  await assertRefusedUnchanged('components', path('points.csv'), {}, 'CRS_MISSING');
  const workspacePath = await freshWorkspace();
  const report = await importInto(workspacePath, 'components', path('points.csv'), { crs: 'EPSG:4527' });
  assert.equal(report.imported, 3);
  assertSameFeatures(readLayer(workspacePath, 'components', 'OBJCODE'), readLayer(tiny, 'components', 'OBJCODE'), COMPONENT_FIELDS, 1e-6, 'csv x/y');
  const lines = readFileSync(path('points.csv'), 'utf8').split('\n');
  lines[2] = lines[2]!.replace(/^[^,]+/, 'abc');
  writeFileSync(path('damaged.csv'), lines.join('\n'));
  await assertRefusedUnchanged('components', path('damaged.csv'), { crs: 'EPSG:4527' });
});

test('CSV with Chinese headers and lon/lat columns (经度/纬度) is matched by the alias table', async () => {
  const csv = '\uFEFF经度,纬度,部件编码,部件名称,部件状态\n118.3157001471,35.0420546747,3713020118000009,路灯,完好\n';
  writeFileSync(path('chinese.csv'), csv);
  const workspacePath = await freshWorkspace();
  const report = await importInto(workspacePath, 'components', path('chinese.csv'), { crs: 'EPSG:4326', allowShrink: true });
  assert.deepEqual([report.mapping.OBJCODE, report.mapping.OBJNAME, report.mapping.OBJSTATE], ['部件编码', '部件名称', '部件状态']);
  const light = readLayer(workspacePath, 'components', 'OBJCODE').get('3713020118000009')!;
  assert.equal(light.properties.OBJNAME, '路灯');
  assert.ok(Math.abs(light.coordinates[0]! - TINY.lightPosition[0]) < 1 && Math.abs(light.coordinates[1]! - TINY.lightPosition[1]) < 1,
    `lon/lat reprojected into zone 39 next to the street light: ${light.coordinates}`);
});

test('CSV with a WKT column imports polygons; an unreadable WKT row is refused', async () => {
  ogr2ogr(['-f', 'CSV', '-lco', 'GEOMETRY=AS_WKT', path('grids.csv'), tiny, 'grids']);
  const workspacePath = await freshWorkspace();
  assert.equal((await importInto(workspacePath, 'grids', path('grids.csv'), { crs: 'EPSG:4527' })).imported, 2);
  assertSameFeatures(readLayer(workspacePath, 'grids', 'BGCODE'), readLayer(tiny, 'grids', 'BGCODE'), GRID_FIELDS, 1e-6, 'csv wkt');
  writeFileSync(path('damaged-grids.csv'), readFileSync(path('grids.csv'), 'utf8').replace(/POLYGON(?![\s\S]*POLYGON)/, 'POLYGNO'));
  await assertRefusedUnchanged('grids', path('damaged-grids.csv'), { crs: 'EPSG:4527' });
});

test('DXF lines import as roads in the CRS given (DXF has none and no attributes); a cut-off DXF is refused', async () => {
  ogr2ogr(['-f', 'DXF', path('roads.dxf'), tiny, '-sql', "SELECT geom, 'roads' AS Layer FROM roads"]);
  const workspacePath = await freshWorkspace();
  const report = await importInto(workspacePath, 'roads', path('roads.dxf'), { crs: 'EPSG:4527' });
  assert.equal(report.imported, 1);
  assert.equal(report.crsNote, 'the source has no coordinate system; taken as --crs says');
  const [road] = [...readLayer(workspacePath, 'roads', 'ROADCODE').values()];
  const [original] = [...readLayer(tiny, 'roads', 'ROADCODE').values()];
  assert.deepEqual(road!.coordinates, original!.coordinates);
  cutShort(path('roads.dxf'), path('damaged.dxf'), 0.5);
  await assertRefusedUnchanged('roads', path('damaged.dxf'), { crs: 'EPSG:4527' });
});

test('points offered to a line layer are refused by kind, naming the features', async () => {
  await assertRefusedUnchanged('roads', path('components.geojson'), {}, 'INVALID_REQUEST');
  const workspacePath = await freshWorkspace();
  await assert.rejects(importInto(workspacePath, 'roads', path('components.geojson')),
    (error: CityGridError) => /features 0, 1, 2 are each a Point; layer roads holds single LineStrings/.test(error.message));
});
