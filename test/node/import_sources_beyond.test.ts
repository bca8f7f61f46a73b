/**
 * Sources that reach beyond the file the user gave: a VRT naming a local CSV
 * or a URL, GDAL connection strings and /vsicurl/ paths, a KML linking to a
 * server, a GeoPackage with attacker triggers and views, one whose layer is
 * a recursive view (which hung an import past 130 s), and a pipe named like a
 * shapefile. Each is refused naming the file and why, or read without
 * reaching out; no workspace changes, no request reaches the test's server.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { tempDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run_cli.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';
import { assertImportRefused, bytesOf, ogr2ogr } from './import_fixtures.js';

const folder = tempDir('import-beyond');
const path = (name: string): string => join(folder.path, name);
let tiny: string;
let server: Server;
let serverUrl: string;
const requests: string[] = [];

before(async () => {
  tiny = await createTinyWorkspace(folder.path);
  ogr2ogr(['-f', 'CSV', '-lco', 'GEOMETRY=AS_XY', path('secret.csv'), tiny, 'components']);
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end('X,Y,OBJCODE\n39620050,3880050,3713020118000009\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  folder.remove();
});

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');


const vrt = (datasource: string): string => `<OGRVRTDataSource><OGRVRTLayer name="components"><SrcDataSource>${datasource}</SrcDataSource>`
  + '<GeometryType>wkbPoint</GeometryType><LayerSRS>EPSG:4527</LayerSRS><GeometryField encoding="PointFromColumns" x="X" y="Y"/></OGRVRTLayer></OGRVRTDataSource>';

test('a VRT naming a local CSV is refused, naming the VRT and why; the CSV is not read into the layer', async () => {
  writeFileSync(path('local.vrt'), vrt(path('secret.csv')));
  await assertImportRefused(folder.path, path('local.vrt'), 'FORMAT_UNSUPPORTED', /virtual format \(VRT\) names other files or URLs/);
  // The same description under another name is recognised by its content.
  writeFileSync(path('disguised.xml'), `<?xml version="1.0"?>\n${vrt(path('secret.csv'))}`);
  await assertImportRefused(folder.path, path('disguised.xml'), 'FORMAT_UNSUPPORTED', /<OGRVRTDataSource>\) names other files or URLs/);
});

test('a VRT naming an http:// URL is refused and nothing is fetched', async () => {
  writeFileSync(path('remote.vrt'), vrt(`/vsicurl/${serverUrl}/points.csv`));
  await assertImportRefused(folder.path, path('remote.vrt'), 'FORMAT_UNSUPPORTED', /names other files or URLs/);
  assert.deepEqual(requests, []);
});

test('connection strings and virtual file system paths are refused as not files', async () => {
  await assertImportRefused(folder.path, `/vsicurl/${serverUrl}/points.csv`, 'FORMAT_UNSUPPORTED', /virtual file system path/);
  await assertImportRefused(folder.path, `${serverUrl}/points.geojson`, 'FORMAT_UNSUPPORTED', /"http:" is a GDAL connection string or URL/);
  await assertImportRefused(folder.path, 'PG:dbname=citygrid host=127.0.0.1', 'FORMAT_UNSUPPORTED', /"PG:" is a GDAL connection string/);
  await assertImportRefused(folder.path, `WFS:${serverUrl}/wfs`, 'FORMAT_UNSUPPORTED', /"WFS:" is a GDAL connection string/);
  assert.deepEqual(requests, []);
});

test('GDAL itself is told never to fetch: /vsicurl/ opened directly reaches no server', () => {
  assert.throws(() => gdal.open(`/vsicurl/${serverUrl}/points.geojson`));
  assert.deepEqual(requests, []);
});

test('a KML with a NetworkLink to a server imports its own placemark and fetches nothing', async () => {
  writeFileSync(path('linked.kml'), `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<NetworkLink><name>more</name><Link><href>${serverUrl}/more.kml</href></Link></NetworkLink>
<Placemark><name>路灯</name><ExtendedData><Data name="OBJCODE"><value>3713020118000001</value></Data></ExtendedData>
<Point><coordinates>118.35,35.06</coordinates></Point></Placemark>
</Document></kml>`);
  const report = await importLayer({ workspacePath: path('kml-target.gpkg'), layer: 'components', source: path('linked.kml') }, SILENT_FEEDBACK);
  assert.equal(report.imported, 1);
  assert.deepEqual(requests, []);
});

/** A GeoPackage source made by GDAL from the tiny workspace, then given SQL of an attacker's. */
function hostileGeoPackage(name: string, sql: string): string {
  const file = path(name);
  ogr2ogr(['-f', 'GPKG', file, tiny, 'components']);
  execFileSync('sqlite3', [file, sql]);
  return file;
}

test('a GeoPackage source with attacker triggers and a view: imported, and none of its SQL runs or reaches the workspace', async () => {
  const source = hostileGeoPackage('triggers.gpkg', `
    CREATE TABLE fired (what TEXT);
    CREATE TRIGGER on_insert AFTER INSERT ON components BEGIN INSERT INTO fired VALUES ('insert'); END;
    CREATE TRIGGER on_update AFTER UPDATE ON components BEGIN INSERT INTO fired VALUES ('update'); END;
    CREATE TRIGGER on_delete AFTER DELETE ON components BEGIN INSERT INTO fired VALUES ('delete'); END;
    CREATE TRIGGER on_contents AFTER UPDATE ON gpkg_ogr_contents BEGIN INSERT INTO fired VALUES ('contents'); END;
    CREATE VIEW planted AS SELECT * FROM components;`);
  const sourceHash = sha256(source);
  const workspacePath = await createTinyWorkspace(folder.path, 'from-triggers.gpkg');
  const report = await importLayer({ workspacePath, layer: 'components', source }, SILENT_FEEDBACK);
  assert.equal(report.imported, 3);
  assert.equal(sha256(source), sourceHash, 'the source file is unchanged: opened read-only, nothing fired');
  assert.equal(execFileSync('sqlite3', [source, 'SELECT count(*) FROM fired']).toString().trim(), '0');
  const planted = execFileSync('sqlite3', [workspacePath, "SELECT name FROM sqlite_master WHERE name IN ('fired', 'on_insert', 'on_update', 'on_delete', 'on_contents', 'planted')"]).toString().trim();
  assert.equal(planted, '', 'no object of the source is in the workspace');
});

test('a GeoPackage layer that is a view is refused naming it; a recursive one within a time bound, from the CLI', async () => {
  const source = hostileGeoPackage('recursive.gpkg', `
    CREATE VIEW endless AS WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter) SELECT n AS fid, NULL AS geom, 'x' AS OBJCODE FROM counter;
    INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('endless', 'features', 'endless', 4527);
    INSERT INTO gpkg_geometry_columns VALUES ('endless', 'geom', 'POINT', 4527, 0, 0);`);
  const workspacePath = await createTinyWorkspace(folder.path, 'recursive-target.gpkg');
  const before = bytesOf(workspacePath);
  // A child process with a 60 s limit: a hang fails the test (status null) instead of hanging it.
  const cli = runCli(['import', '--workspace', workspacePath, '--layer', 'components', '--source-layer', 'endless', source], 60_000);
  assert.notEqual(cli.status, null, 'the import ended by itself, within 60 s');
  assert.equal(cli.status, 1, cli.stderr);
  assert.match(cli.stderr, /FORMAT_UNSUPPORTED/);
  assert.ok(cli.stderr.includes(source));
  assert.match(cli.stderr, /layer "endless" is a SQL view, not a table/);
  assert.ok(bytesOf(workspacePath).equals(before));
  // The table beside it still imports.
  const report = await importLayer({ workspacePath, layer: 'components', source, sourceLayer: 'components' }, SILENT_FEEDBACK);
  assert.equal(report.imported, 3);
});

test('a GeoPackage whose own tables are recursive views is refused within the time bound', () => {
  const source = hostileGeoPackage('stalling.gpkg', `
    ALTER TABLE gpkg_contents RENAME TO real_contents;
    CREATE VIEW gpkg_contents AS WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter)
      SELECT c.* FROM real_contents c, counter WHERE n < 0;`);
  const workspacePath = path('stalling-target.gpkg');
  const cli = runCli(['import', '--workspace', workspacePath, '--layer', 'components', source], 60_000);
  assert.notEqual(cli.status, null, 'the import ended by itself, within 60 s');
  assert.equal(cli.status, 1, cli.stderr);
  assert.ok(cli.stderr.includes(source));
  assert.match(cli.stderr, /took longer than \d+ s and was stopped|gpkg_contents is a view/);
});

test('a pipe named like a shapefile is refused at once, not waited on', () => {
  execFileSync('mkfifo', [path('pipe.shp')]);
  const cli = runCli(['import', '--workspace', path('pipe-target.gpkg'), '--layer', 'components', path('pipe.shp')], 60_000);
  assert.equal(cli.status, 1, cli.stderr);
  assert.match(cli.stderr, /FILE_UNREADABLE.*not a regular file/);
});
