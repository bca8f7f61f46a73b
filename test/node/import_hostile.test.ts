/**
 * Hostile and degenerate shapefiles: a .dbf whose header contradicts
 * itself, a .prj in a system no EPSG code matches, a layer of 0 features,
 * and "huge" files that claim 2 GB (sparse, so nothing is really on disk).
 * Each is refused with the file and the problem, or handled, quickly and
 * without reading the claimed gigabytes; none changes a workspace it is
 * refused from, and a refused import creates no workspace.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CityGridError } from '../../src/core/api/errors.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { inspectSource } from '../../src/node/import/inspect_source.js';
import { tempDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run_cli.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';
import { assertImportRefused, bytesOf, ogr2ogr, writeZip } from './import_fixtures.js';

const folder = tempDir('import-hostile');
after(() => folder.remove());
let tiny: string;
const path = (name: string): string => join(folder.path, name);
const SIDE_FILES = ['shp', 'shx', 'dbf', 'prj', 'cpg'];

before(async () => {
  tiny = await createTinyWorkspace(folder.path);
  ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', path('good.shp'), tiny, 'components']);
});

/** A copy of the good shapefile under another name, for one test to damage. */
function copyOfGood(name: string): string {
  for (const extension of SIDE_FILES) copyFileSync(path(`good.${extension}`), path(`${name}.${extension}`));
  return path(`${name}.shp`);
}


test('a .dbf whose header gives a record length shorter than its fields is refused, naming the .dbf', async () => {
  const source = copyOfGood('short-records');
  const dbf = readFileSync(path('short-records.dbf'));
  dbf.writeUInt16LE(dbf.readUInt16LE(10) - 7, 10);
  writeFileSync(path('short-records.dbf'), dbf);
  await assertImportRefused(folder.path, source, 'FILE_CORRUPT', /each record is \d+ bytes, but its 14 fields need \d+/, path('short-records.dbf'));
});

test('a .dbf cut short of the records its header declares is refused', async () => {
  const source = copyOfGood('cut-dbf');
  const dbf = readFileSync(path('cut-dbf.dbf'));
  writeFileSync(path('cut-dbf.dbf'), dbf.subarray(0, dbf.length - 100));
  await assertImportRefused(folder.path, source, 'FILE_CORRUPT', /declares 3 records .* it is truncated/, path('cut-dbf.dbf'));
});

test('a .prj in a system no EPSG code matches is refused, not guessed; --crs can name it', async () => {
  const source = copyOfGood('local-grid');
  writeFileSync(path('local-grid.prj'), 'PROJCS["Lanshan local grid",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",50000.0],PARAMETER["False_Northing",-3800000.0],PARAMETER["Central_Meridian",118.35],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]');
  await assertImportRefused(folder.path, source, 'CRS_UNSUPPORTED', /cannot be matched to an EPSG code .*lon_0=118\.35.*CityGrid does not guess/);
  const inspection = await inspectSource({ source }, SILENT_FEEDBACK);
  assert.equal(inspection.crs, null);
  const workspacePath = await createTinyWorkspace(folder.path, 'told.gpkg');
  const report = await importLayer({ workspacePath, layer: 'components', source, crs: 'EPSG:4527' }, SILENT_FEEDBACK);
  assert.equal(report.sourceCrs, 'EPSG:4527');
  assert.match(report.crsNote!, /taken as EPSG:4527 as --crs says/);
});

test('a layer of 0 features imports 0 and says so', async () => {
  ogr2ogr(['-f', 'ESRI Shapefile', '-where', '1 = 0', path('empty.shp'), tiny, 'components']);
  const inspection = await inspectSource({ source: path('empty.shp') }, SILENT_FEEDBACK);
  assert.equal(inspection.featureCount, 0);
  const workspacePath = await createTinyWorkspace(folder.path, 'emptied.gpkg');
  const refused = runCli(['import', '--workspace', workspacePath, '--layer', 'components', path('empty.shp')]);
  assert.equal(refused.status, 1, 'emptying a layer needs --allow-shrink');
  const cli = runCli(['import', '--workspace', workspacePath, '--layer', 'components', '--allow-shrink', path('empty.shp')]);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /imported 0 features into components \(replaced 3\)/);
  assert.match(cli.stdout, /the source has no features: the layer is now empty/);
});

test('an .shx claiming 2 GB (sparse) is refused at once, naming it, without reading it', async () => {
  const source = copyOfGood('huge-index');
  const shx = path('huge-index.shx');
  const header = readFileSync(shx);
  header.writeUInt32BE((2 ** 31 - 2) / 2, 24);
  writeFileSync(shx, header);
  truncateSync(shx, 2 ** 31 - 2);
  const started = Date.now();
  const memoryBefore = process.memoryUsage().rss;
  await assertImportRefused(folder.path, source, 'FILE_CORRUPT', /the index lists 268435443 records .* can hold at most \d+; the \.shx is damaged/, shx);
  assert.ok(Date.now() - started < 5000, `refused in ${Date.now() - started} ms`);
  assert.ok(process.memoryUsage().rss - memoryBefore < 200 * 1024 * 1024, 'the 2 GB were not read into memory');
});

test('a .dbf that really is 2 GB (sparse) is sampled, not read: the 3 features of the .shp import quickly', async () => {
  const source = copyOfGood('huge-table');
  const dbfPath = path('huge-table.dbf');
  const dbf = readFileSync(dbfPath);
  const headerLength = dbf.readUInt16LE(8);
  const recordLength = dbf.readUInt16LE(10);
  const records = Math.floor((2 ** 31 - headerLength) / recordLength);
  dbf.writeUInt32LE(records, 4);
  writeFileSync(dbfPath, dbf);
  truncateSync(dbfPath, headerLength + records * recordLength);
  const started = Date.now();
  const memoryBefore = process.memoryUsage().rss;
  const workspacePath = await createTinyWorkspace(folder.path, 'huge-table.gpkg');
  const report = await importLayer({ workspacePath, layer: 'components', source }, SILENT_FEEDBACK);
  assert.equal(report.imported, 3);
  assert.ok(Date.now() - started < 10_000, `imported in ${Date.now() - started} ms`);
  assert.ok(process.memoryUsage().rss - memoryBefore < 200 * 1024 * 1024, 'the 2 GB were not read into memory');
});

test('an import refused after reading creates no workspace', async () => {
  ogr2ogr(['-f', 'GeoJSON', path('points.geojson'), tiny, 'components']);
  const workspacePath = path('would-be-new.gpkg');
  await assert.rejects(importLayer({ workspacePath, layer: 'roads', source: path('points.geojson') }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'INVALID_REQUEST');
  assert.equal(existsSync(workspacePath), false);
});

test('a zip cut short (no central directory) is refused as a damaged zip, naming it; so is a text file called .zip', async () => {
  writeZip(path('cut.zip'), Object.fromEntries(SIDE_FILES.map((extension) => [`good.${extension}`, path(`good.${extension}`)])));
  const whole = readFileSync(path('cut.zip'));
  writeFileSync(path('cut.zip'), whole.subarray(0, Math.floor(whole.length / 2)));
  await assertImportRefused(folder.path, path('cut.zip'), 'FILE_CORRUPT', /not a readable zip archive: it has no end-of-central-directory record/);
  writeFileSync(path('notes.zip'), '这不是压缩包 / not a zip\n');
  await assertImportRefused(folder.path, path('notes.zip'), 'FILE_CORRUPT', /not a readable zip archive/);
});
