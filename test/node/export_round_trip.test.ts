/**
 * Export, then import the file into a fresh workspace: the same features
 * with the same attributes, and every coordinate within 1 mm after the
 * reprojections on the way (GeoJSON goes through WGS 84 lon/lat). Shapefile
 * in GBK, GeoPackage, GeoJSON and CSV (X/Y for points, WKT for polygons).
 */
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import type { ExportFormat } from '../../src/node/export/export_formats.js';
import { exportLayer } from '../../src/node/export/export_layer.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { tempDir } from '../helpers/paths.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';
import { assertSameFeatures, readLayer } from './import_fixtures.js';

const folder = tempDir('round-trip');
after(() => folder.remove());
let tiny: string;
let counter = 0;
const MILLIMETRE = 0.001;

const LAYERS = [
  { name: 'components', key: 'OBJCODE', fields: ['OBJCODE', 'OBJNAME', 'DEPTCODE1', 'DEPTNAME1', 'BGCODE', 'OBJSTATE', 'ORDATE', 'NOTE'] },
  { name: 'grids', key: 'BGCODE', fields: ['BGCODE', 'BGNAME', 'AREA', 'SQCODE', 'JDCODE', 'NOTE'] },
  { name: 'roads', key: 'ROADCODE', fields: ['ROADCODE', 'ROADNAME', 'ROADCLASS', 'WIDTH'] },
];

const FORMATS: Array<{ format: ExportFormat; extension: string; encoding?: 'GBK'; importCrs?: string }> = [
  { format: 'shp', extension: 'shp', encoding: 'GBK' },
  { format: 'gpkg', extension: 'gpkg' },
  { format: 'geojson', extension: 'geojson' },
  { format: 'csv', extension: 'csv', importCrs: 'EPSG:4527' },
];

before(async () => {
  tiny = await createTinyWorkspace(folder.path);
});

for (const { format, extension, encoding, importCrs } of FORMATS) {
  test(`${format}${encoding ? ` (${encoding})` : ''}: export then import gives back every feature, attribute and coordinate (≤ 1 mm)`, async () => {
    const target = await createTinyWorkspace(folder.path, `target-${++counter}.gpkg`);
    for (const layer of LAYERS) {
      const out = join(folder.path, `${layer.name}-${format}.${extension}`);
      const exported = await exportLayer({ workspacePath: tiny, layer: layer.name, format, outPath: out, encoding }, SILENT_FEEDBACK);
      const imported = await importLayer({ workspacePath: target, layer: layer.name, source: out, crs: importCrs }, SILENT_FEEDBACK);
      assert.equal(imported.imported, exported.count);
      assert.equal(imported.unmatchedSources.length, 0, `no column left over: ${imported.unmatchedSources.join(', ')}`);
      assertSameFeatures(readLayer(target, layer.name, layer.key), readLayer(tiny, layer.name, layer.key), layer.fields, MILLIMETRE, `${format} ${layer.name}`);
    }
  });
}
