import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import { CityGridError } from '../../src/core/api/errors.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { featuresInExtent, identifyAt } from '../../src/node/workspace/query_features.js';
import { tempDir } from '../helpers/paths.js';

const folder = tempDir('workspace');
after(() => folder.remove());

function component(sequence: number, x: number, y: number): FeatureRecord {
  return {
    geometry: { type: 'Point', coordinates: [x, y] },
    properties: { OBJCODE: `3713020118${String(sequence).padStart(6, '0')}`, OBJNAME: '路灯', OBJSTATE: '完好' },
  };
}

function newWorkspace(name: string): Workspace {
  return Workspace.create(join(folder.path, `${name}.gpkg`), { name: '测试', crs: 'EPSG:4527', taxonomy: 'legacy-cjt214-components' });
}

test('a new workspace is a GeoPackage with every schema layer that ogrinfo reads', () => {
  const workspace = newWorkspace('fresh');
  workspace.close();
  const ogrinfo = spawnSync('ogrinfo', ['-ro', '-q', join(folder.path, 'fresh.gpkg')], { encoding: 'utf8' });
  assert.equal(ogrinfo.status, 0, ogrinfo.stderr);
  for (const layer of ['grids (Polygon)', 'components (Point)', 'addresses (Point)', 'roads (Line String)', 'ownership (Polygon)', 'communities (Polygon)', 'streets (Polygon)']) {
    assert.ok(ogrinfo.stdout.includes(layer), `ogrinfo lists ${layer}:\n${ogrinfo.stdout}`);
  }
  const reopened = Workspace.open(join(folder.path, 'fresh.gpkg'));
  const info = reopened.info();
  assert.equal(info.crs.code, 'EPSG:4527');
  assert.match(info.crs.proj4, /\+proj=tmerc .*\+lon_0=117 .*\+x_0=39500000/);
  assert.equal(info.name, '测试');
  assert.equal(info.publishedVersion, 0);
  reopened.close();
});

test('features are written in one transaction and read back by extent and by identify', async () => {
  const workspace = newWorkspace('query');
  const written = await workspace.replaceFeatures('components', [component(1, 39620000, 3880000), component(2, 39620100, 3880000)]);
  assert.equal(written, 2);
  const page = featuresInExtent(workspace, { layer: 'components', extent: [39619990, 3879990, 39620010, 3880010] });
  assert.equal(page.features.length, 1);
  assert.equal(page.features[0]!.properties.OBJCODE, '3713020118000001');
  assert.deepEqual(page.features[0]!.geometry, { type: 'Point', coordinates: [39620000, 3880000] });
  const hit = identifyAt(workspace, { x: 39620101, y: 3880001, tolerance: 3, layers: ['components'] });
  assert.deepEqual(hit.hits.map((feature) => feature.properties.OBJCODE), ['3713020118000002']);
  assert.equal(identifyAt(workspace, { x: 39620050, y: 3880000, tolerance: 3, layers: ['components'] }).hits.length, 0);
  workspace.close();
});

test('a write that fails part-way leaves the layer exactly as it was', async () => {
  const workspace = newWorkspace('rollback');
  await workspace.replaceFeatures('components', [component(1, 39620000, 3880000)]);
  function* brokenSurvey(): Generator<FeatureRecord> {
    yield component(7, 39620010, 3880010);
    yield component(8, 39620020, 3880020);
    throw new Error('survey file ended in the middle of a record');
  }
  await assert.rejects(workspace.replaceFeatures('components', brokenSurvey()), /ended in the middle/);
  workspace.close();
  const reopened = Workspace.open(join(folder.path, 'rollback.gpkg'));
  const page = featuresInExtent(reopened, { layer: 'components', extent: [39600000, 3800000, 39700000, 3900000] });
  assert.deepEqual(page.features.map((feature) => feature.properties.OBJCODE), ['3713020118000001']);
  reopened.close();
});

test('files that are not workspaces are refused with the file and the reason', () => {
  const missing = join(folder.path, 'nope.gpkg');
  assert.throws(() => Workspace.open(missing), (error: CityGridError) => error.code === 'FILE_NOT_FOUND' && error.message.includes(missing));
  const text = join(folder.path, 'notes.gpkg');
  writeFileSync(text, 'this is not a GeoPackage');
  assert.throws(() => Workspace.open(text), (error: CityGridError) => error.code === 'WORKSPACE_INVALID' && error.message.includes(text));
  const geojson = join(folder.path, 'points.geojson');
  writeFileSync(geojson, JSON.stringify({ type: 'FeatureCollection', features: [] }));
  assert.throws(() => Workspace.open(geojson), (error: CityGridError) => error.code === 'WORKSPACE_INVALID' && /GeoJSON file, not a GeoPackage/.test(error.message));
  const plain = join(folder.path, 'plain.gpkg');
  spawnSync('ogr2ogr', ['-f', 'GPKG', plain, geojson]);
  assert.throws(() => Workspace.open(plain), (error: CityGridError) => error.code === 'WORKSPACE_INVALID' && /not a CityGrid workspace/.test(error.message));
  assert.throws(() => Workspace.open(folder.path), (error: CityGridError) => error.code === 'WORKSPACE_INVALID' && /is a folder/.test(error.message));
});

test('an unknown layer name is an error value naming the layers there are', () => {
  const workspace = newWorkspace('layers');
  assert.throws(() => workspace.layer('manholes'), (error: CityGridError) => error.code === 'LAYER_UNKNOWN' && /grids, components/.test(error.message));
  workspace.close();
});
