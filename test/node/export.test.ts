/**
 * `citygrid export` through the real GDAL: each format read back by ogrinfo
 * as a recipient would, street/community filters checked against SQL
 * counts on the committed sample city, and the output rules (no silent
 * overwrite, unwritable paths named, nothing left by a failed or canceled
 * export, the workspace never touched).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CityGridError } from '../../src/core/api/errors.js';
import { SILENT_FEEDBACK, type Feedback } from '../../src/core/jobs/feedback.js';
import { exportLayer, type ExportOptions } from '../../src/node/export/export_layer.js';
import { tempDir } from '../helpers/paths.js';
import { runCli, runTool } from '../helpers/run_cli.js';
import { copyOfSample } from '../helpers/sample_workspace.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';
import { bytesOf } from './import_fixtures.js';

const folder = tempDir('export');
const sample = copyOfSample('export-sample');
after(() => { folder.remove(); sample.remove(); });
let tiny: string;
let tinyBytes: Buffer;
const path = (name: string): string => join(folder.path, name);

before(async () => {
  tiny = await createTinyWorkspace(folder.path);
  tinyBytes = bytesOf(tiny);
});

function exportTiny(options: Partial<ExportOptions> & Pick<ExportOptions, 'format' | 'outPath'>, feedback: Feedback = SILENT_FEEDBACK): ReturnType<typeof exportLayer> {
  return exportLayer({ workspacePath: tiny, layer: 'components', ...options }, feedback);
}

function ogrinfo(args: string[]): string {
  const result = runTool('ogrinfo', ['-ro', ...args]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test('Shapefile: GBK by default with a .cpg saying so, UTF-8 on request; GDAL reads the Chinese names back', async () => {
  const report = await exportTiny({ format: 'shp', outPath: path('gbk.shp') });
  assert.equal(report.count, 3);
  assert.deepEqual(report.files.map((file) => file.slice(folder.path.length + 1)).sort(), ['gbk.cpg', 'gbk.dbf', 'gbk.prj', 'gbk.shp', 'gbk.shx']);
  assert.equal(readFileSync(path('gbk.cpg'), 'utf8').trim(), 'GBK');
  assert.ok(readFileSync(path('gbk.dbf')).includes(Buffer.from([0xc2, 0xb7, 0xb5, 0xc6])), '路灯 is stored as GBK bytes');
  assert.match(ogrinfo(['-al', '-q', path('gbk.shp')]), /OBJNAME \(String\) = 路灯/);
  await exportTiny({ format: 'shp', outPath: path('utf8.shp'), encoding: 'UTF-8' });
  assert.equal(readFileSync(path('utf8.cpg'), 'utf8').trim(), 'UTF-8');
  assert.ok(readFileSync(path('utf8.dbf')).includes(Buffer.from('路灯')));
  assert.match(ogrinfo(['-so', '-al', path('utf8.shp')]), /ID\["EPSG",4527\]/);
});

test('GeoPackage in another CRS; GeoJSON is RFC 7946 lon/lat by default', async () => {
  await exportTiny({ format: 'gpkg', outPath: path('cgcs2000.gpkg'), crs: 'EPSG:4490' });
  const gpkg = ogrinfo(['-so', path('cgcs2000.gpkg'), 'components']);
  assert.match(gpkg, /Feature Count: 3/);
  assert.match(gpkg, /ID\["EPSG",4490\]/);
  const report = await exportTiny({ format: 'geojson', outPath: path('components.geojson') });
  assert.equal(report.crs, 'EPSG:4326');
  const geojson = JSON.parse(readFileSync(path('components.geojson'), 'utf8')) as { crs?: unknown; features: Array<{ properties: { OBJCODE: string }; geometry: { coordinates: [number, number] } }> };
  assert.equal(geojson.crs, undefined, 'RFC 7946 has no crs member: it is always WGS 84');
  const light = geojson.features.find((feature) => feature.properties.OBJCODE === TINY.light)!;
  const [longitude, latitude] = light.geometry.coordinates;
  assert.ok(longitude > 118 && longitude < 118.5 && latitude > 35 && latitude < 35.1, `lon/lat in 临沂: ${longitude}, ${latitude}`);
});

test('KML names placemarks by the layer\'s label field; CSV has X/Y for points and WKT for polygons; DXF puts geometry on a CAD layer', async () => {
  await exportLayer({ workspacePath: tiny, layer: 'grids', format: 'kml', outPath: path('grids.kml') }, SILENT_FEEDBACK);
  const kml = readFileSync(path('grids.kml'), 'utf8');
  assert.match(kml, new RegExp(`<name>${TINY.westGrid}</name>`));
  await exportTiny({ format: 'csv', outPath: path('components.csv') });
  const csv = readFileSync(path('components.csv'), 'utf8');
  assert.ok(csv.startsWith('\uFEFFX,Y,OBJCODE'), 'a BOM so that Excel shows the Chinese text, then X/Y columns');
  assert.match(csv, new RegExp(`${TINY.lightPosition[0]},${TINY.lightPosition[1]},"${TINY.light}",路灯`));
  await exportLayer({ workspacePath: tiny, layer: 'grids', format: 'csv', outPath: path('grids.csv') }, SILENT_FEEDBACK);
  assert.match(readFileSync(path('grids.csv'), 'utf8'), /^\uFEFFWKT,BGCODE/);
  await assert.rejects(exportLayer({ workspacePath: tiny, layer: 'grids', format: 'csv', outPath: path('grids-xy.csv'), csvGeometry: 'xy' }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'INVALID_REQUEST' && /X\/Y columns hold points only/.test(error.message));
  await exportLayer({ workspacePath: tiny, layer: 'roads', format: 'dxf', outPath: path('roads.dxf') }, SILENT_FEEDBACK);
  const dxf = ogrinfo(['-al', '-q', path('roads.dxf')]);
  assert.match(dxf, /Layer \(String\) = roads/);
  assert.match(dxf, /LINESTRING \(39620000 3880000,39620200 3880000\)/);
  assert.ok(bytesOf(tiny).equals(tinyBytes), 'exporting never changes the workspace');
});

test('--where street=/community= selects by the code fields or the boundary, matching SQL counts on the sample city', async () => {
  const workspacePath = sample.workspacePath;
  const before = bytesOf(workspacePath);
  const sqlCount = (sql: string): number => Number(/= (\d+)/.exec(ogrinfo(['-q', '-sql', sql, workspacePath]))![1]);
  const exportCount = async (layer: string, where: string): Promise<number> => {
    const out = join(sample.dir, `${layer}-${where.replace(/\W/g, '-')}.gpkg`);
    const report = await exportLayer({ workspacePath, layer, format: 'gpkg', outPath: out, where }, SILENT_FEEDBACK);
    assert.match(ogrinfo(['-so', out, layer]), new RegExp(`Feature Count: ${report.count}\\b`));
    return report.count;
  };
  assert.equal(await exportCount('grids', 'street=371302001'), sqlCount("SELECT count(*) FROM grids WHERE JDCODE = '371302001'"));
  assert.equal(await exportCount('components', 'street=371302001'), sqlCount("SELECT count(*) FROM components WHERE BGCODE LIKE '371302001%'"));
  const community = sqlCount("SELECT count(*) FROM addresses WHERE SQCODE = '371302001001'");
  assert.ok(community > 0);
  assert.equal(await exportCount('addresses', 'community=371302001001'), community);
  const roads = await exportCount('roads', 'street=371302001');
  const allRoads = sqlCount('SELECT count(*) FROM roads');
  assert.ok(roads > 0 && roads < allRoads, `roads touching the street: ${roads} of ${allRoads}`);
  // The same question asked of SpatiaLite, where this GDAL has it (Debian's does).
  const spatial = runTool('ogrinfo', ['-ro', '-q', '-sql', "SELECT count(*) FROM roads r, streets s WHERE s.code = '371302001' AND ST_Intersects(r.geom, s.geom)", workspacePath]);
  const spatialCount = /= (\d+)/.exec(spatial.stdout)?.[1];
  if (spatial.status === 0 && spatialCount) assert.equal(roads, Number(spatialCount));
  await assert.rejects(exportLayer({ workspacePath, layer: 'roads', format: 'gpkg', outPath: join(sample.dir, 'none.gpkg'), where: 'street=371302999' }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'INVALID_REQUEST' && /no street 371302999 in layer streets/.test(error.message));
  await assert.rejects(exportLayer({ workspacePath, layer: 'grids', format: 'gpkg', outPath: join(sample.dir, 'bad.gpkg'), where: 'district=371302' }, SILENT_FEEDBACK),
    (error: CityGridError) => /unknown key "district" \(schemas\/export-filters\.json defines street, community\)/.test(error.message));
  assert.ok(bytesOf(workspacePath).equals(before), 'the workspace is unchanged');
});

test('an existing output is refused unless --force, which also drops stale side files', async () => {
  const out = path('again.shp');
  await exportTiny({ format: 'shp', outPath: out });
  const first = bytesOf(out);
  await assert.rejects(exportTiny({ format: 'shp', outPath: out }),
    (error: CityGridError) => error.code === 'OUTPUT_UNWRITABLE' && error.message.includes(out) && /already exists .*use --force/.test(error.message));
  assert.ok(bytesOf(out).equals(first));
  writeFileSync(path('again.cpg'), 'stale');
  const cli = runCli(['export', '--workspace', tiny, '--layer', 'components', '--format', 'shp', '--out', out, '--force', '--encoding', 'utf8']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /exported 3 features of components as shp/);
  assert.equal(readFileSync(path('again.cpg'), 'utf8').trim(), 'UTF-8');
});

test('an unwritable output path is OUTPUT_UNWRITABLE naming it; a failed or canceled export leaves nothing', async () => {
  writeFileSync(path('plain-file'), '');
  const blocked = join(path('plain-file'), 'out.gpkg');
  const cli = runCli(['export', '--workspace', tiny, '--layer', 'components', '--format', 'gpkg', '--out', blocked]);
  assert.equal(cli.status, 1);
  assert.match(cli.stderr, /OUTPUT_UNWRITABLE/);
  assert.ok(cli.stderr.includes(blocked));
  const missingFolder = join(folder.path, 'no', 'such', 'out.geojson');
  await assert.rejects(exportTiny({ format: 'geojson', outPath: missingFolder }), (error: CityGridError) => error.code === 'OUTPUT_UNWRITABLE' && error.message.includes(missingFolder));
  const before = readdirSync(folder.path).sort();
  const canceled: Feedback = { reportProgress() {}, canceled: true };
  await assert.rejects(exportTiny({ format: 'gpkg', outPath: path('canceled.gpkg') }, canceled), (error: CityGridError) => error.code === 'CANCELED');
  assert.deepEqual(readdirSync(folder.path).sort(), before, 'no output and no hidden folder left');
  await assert.rejects(exportTiny({ format: 'kml', outPath: path('x.kml'), crs: 'EPSG:4527' }), (error: CityGridError) => /always EPSG:4326/.test(error.message));
  await assert.rejects(exportTiny({ format: 'gpkg', outPath: path('x.shp') }), (error: CityGridError) => /must be named \*\.gpkg/.test(error.message));
  assert.equal(existsSync(path('x.kml')) || existsSync(path('x.shp')), false);
  const usage = runCli(['export', '--workspace', tiny, '--layer', 'components', '--format', 'xlsx', '--out', path('x.xlsx')]);
  assert.equal(usage.status, 2);
});
