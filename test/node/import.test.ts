import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CityGridError } from '../../src/core/api/errors.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { corpusDir, tempDir } from '../helpers/paths.js';
import { runTool } from '../helpers/run_cli.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';

const folder = tempDir('import');
after(() => folder.remove());
let survey: string;

/** A survey delivery as a census company hands it over: GBK shapefile, current (GB/T 47678.5) column names. */
before(async () => {
  const tiny = await createTinyWorkspace(folder.path);
  survey = join(folder.path, 'survey.shp');
  const sql = 'SELECT geom, OBJCODE AS GLBJBSM, OBJNAME AS GLBJMC, BGCODE AS SZDYWGBSM, OBJSTATE AS GLBJZT, DEPTNAME1 AS ZGBMMC FROM components';
  const result = runTool('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', '-sql', sql, survey, tiny]);
  assert.equal(result.status, 0, result.stderr);
});

function componentCodes(path: string): string[] {
  const workspace = Workspace.open(path);
  try {
    const layer = workspace.layer('components');
    const codes: string[] = [];
    for (let feature = layer.features.first(); feature; feature = layer.features.next()) codes.push(String(feature.fields.get('OBJCODE')));
    return codes.sort();
  } finally {
    workspace.close();
  }
}

test('a GBK shapefile with current field names lands in the standard fields, creating the workspace', async () => {
  const workspacePath = join(folder.path, 'new.gpkg');
  const report = await importLayer({ workspacePath, layer: 'components', source: survey }, SILENT_FEEDBACK);
  assert.equal(report.createdWorkspace, true);
  assert.equal(report.imported, 3);
  assert.equal(report.mapping.OBJCODE, 'GLBJBSM');
  assert.equal(report.mapping.BGCODE, 'SZDYWGBSM');
  assert.equal(report.sourceCrs, 'EPSG:4527');
  assert.deepEqual(componentCodes(workspacePath), [TINY.manhole, TINY.light, TINY.bin].sort());
  const workspace = Workspace.open(workspacePath);
  const names: string[] = [];
  const layer = workspace.layer('components');
  for (let feature = layer.features.first(); feature; feature = layer.features.next()) names.push(String(feature.fields.get('OBJNAME')));
  workspace.close();
  assert.deepEqual(names.sort(), ['上水井盖', '垃圾箱', '路灯'].sort(), 'GBK text decodes to the same Chinese names');
});

test('a GeoJSON in lon/lat is reprojected into the workspace CRS, replacing the layer', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'reproject.gpkg');
  const geojson = join(folder.path, 'lonlat.geojson');
  const converted = runTool('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', geojson, survey]);
  assert.equal(converted.status, 0, converted.stderr);
  const report = await importLayer({ workspacePath, layer: 'components', source: geojson }, SILENT_FEEDBACK);
  assert.equal(report.imported, 3);
  assert.equal(report.replaced, 3);
  const workspace = Workspace.open(workspacePath);
  const light = workspace.layer('components');
  light.setAttributeFilter(`OBJCODE = '${TINY.light}'`);
  const point = light.features.first()!.getGeometry()!.toObject() as { coordinates: [number, number] };
  workspace.close();
  assert.ok(Math.abs(point.coordinates[0] - TINY.lightPosition[0]) < 0.01 && Math.abs(point.coordinates[1] - TINY.lightPosition[1]) < 0.01,
    `round trip through lon/lat lands within 1 cm: ${point.coordinates}`);
});

test('importing into an existing workspace keeps it a valid GeoPackage whose spatial index finds the new features', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'existing.gpkg');
  const moved = join(folder.path, 'moved.shp');
  const shifted = runTool('ogr2ogr', ['-f', 'ESRI Shapefile', '-dialect', 'SQLite', '-sql', 'SELECT ST_Translate(geometry, 5000, 0, 0) AS geometry, GLBJBSM FROM survey', moved, survey]);
  assert.equal(shifted.status, 0, shifted.stderr);
  await importLayer({ workspacePath, layer: 'components', source: moved }, SILENT_FEEDBACK);
  const validator = runTool('python3', ['/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py', workspacePath]);
  assert.equal(validator.status, 0, validator.stdout + validator.stderr);
  const workspace = Workspace.open(workspacePath);
  const layer = workspace.layer('components');
  layer.setSpatialFilter(TINY.lightPosition[0] + 4990, TINY.lightPosition[1] - 10, TINY.lightPosition[0] + 5010, TINY.lightPosition[1] + 10);
  const found = layer.features.first();
  const atOldPlace = (() => { layer.setSpatialFilter(TINY.lightPosition[0] - 10, TINY.lightPosition[1] - 10, TINY.lightPosition[0] + 10, TINY.lightPosition[1] + 10); return layer.features.first(); })();
  const code = found ? String(found.fields.get('OBJCODE')) : null;
  workspace.close();
  assert.equal(code, TINY.light, 'the R-tree finds the imported street light where it now stands');
  assert.equal(atOldPlace, null, 'and nothing where the replaced one stood');
});

test('a truncated shapefile is refused with the file and the reason, and the workspace is unchanged', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'truncated-target.gpkg');
  const before = readFileSync(workspacePath);
  for (const extension of ['shp', 'shx', 'dbf', 'prj', 'cpg']) copyFileSync(survey.replace(/shp$/, extension), join(folder.path, `broken.${extension}`));
  const broken = join(folder.path, 'broken.shp');
  truncateSync(broken, statSync(broken).size - 30);
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: broken }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'FILE_CORRUPT' && error.message.includes(broken));
  assert.deepEqual(componentCodes(workspacePath), [TINY.manhole, TINY.light, TINY.bin].sort());
  assert.ok(readFileSync(workspacePath).equals(before), 'the workspace file is byte-for-byte unchanged');
});

test('a source without a CRS is refused rather than guessed', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'nocrs-target.gpkg');
  for (const extension of ['shp', 'shx', 'dbf', 'cpg']) copyFileSync(survey.replace(/shp$/, extension), join(folder.path, `nocrs.${extension}`));
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: join(folder.path, 'nocrs.shp') }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'CRS_MISSING' && error.message.includes('nocrs.shp'));
  assert.equal(componentCodes(workspacePath).length, 3);
});

test('a file that is not a shapefile at all is refused', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'garbage-target.gpkg');
  const garbage = join(folder.path, 'garbage.shp');
  writeFileSync(garbage, Buffer.from('PK\u0003\u0004 this is not a shapefile header'.repeat(10)));
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: garbage }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'FILE_CORRUPT' && error.message.includes(garbage));
});

test('the corrupt shapefile of the shapefile-js corpus is refused without touching the workspace', async (context) => {
  const corpus = corpusDir();
  if (!corpus || !existsSync(join(corpus, 'shapefile-js', 'bad.shp'))) {
    context.skip('../shared/corpus is not beside this clone');
    return;
  }
  const workspacePath = await createTinyWorkspace(folder.path, 'corpus-target.gpkg');
  const source = join(corpus, 'shapefile-js', 'bad.shp');
  // GDAL itself refuses this file (ogrinfo -ro -so -al), so the import must refuse it too.
  assert.notEqual(runTool('ogrinfo', ['-ro', '-so', '-al', source]).status, 0);
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'FILE_CORRUPT' && error.message.includes(source));
  assert.equal(componentCodes(workspacePath).length, 3);
});
