/**
 * The point shapefiles the sample writes itself (write_point_shapefile.ts)
 * are the files GDAL writes from the same features: byte for byte in .shp,
 * .shx, .prj and .cpg, and in the .dbf but for the date GDAL stamps in its
 * header; GDAL reads them back to the same text; a value longer than its
 * field (which the sample never makes; GDAL would widen the field) is cut
 * before a whole character, never through one.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import type { LayerSchema } from '../../src/core/schema/layer_schema.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { translateCsvToShapefile } from '../../sample-city/node/load_csv_layers.js';
import { writeLayerCsv } from '../../sample-city/node/write_layer_csv.js';
import { isPlainPointLayer, PointShapefileWriter } from '../../sample-city/node/write_point_shapefile.js';
import { tempDir } from '../helpers/paths.js';

const folder = tempDir('sample-shapefile');
after(() => folder.remove());

const SCHEMA: LayerSchema = {
  name: 'lights', title: '路灯', role: 'base', geometry: 'Point', labelField: 'CODE',
  fields: [
    { name: 'CODE', label: '编码', type: 'String', width: 17 },
    { name: 'NAME', label: '名称', type: 'String', width: 12 },
    { name: 'NOTE', label: '备注', type: 'String', width: 254 },
  ],
} as unknown as LayerSchema;

function* lights(count: number): Generator<FeatureRecord> {
  for (let index = 0; index < count; index++) {
    yield {
      geometry: { type: 'Point', coordinates: [39620000 + index * 0.37, 3880000 - index * 1.13] },
      properties: {
        CODE: String(3713020118000000 + index),
        NAME: ['路灯', '上水井盖', 'Lamp "A", N', ''][index % 4]!,
        NOTE: index % 3 === 0 ? null : `第${index}号 — 兰山区`,
      },
    };
  }
}

test('a point shapefile written directly is the one GDAL writes from the same features', async () => {
  assert.ok(isPlainPointLayer(SCHEMA));
  // More records than one write buffer holds, so that several buffers are written at their places.
  const count = 20000;
  const direct = join(folder.path, 'direct');
  const viaGdal = join(folder.path, 'gdal');
  for (const path of [direct, viaGdal]) mkdirSync(path);
  const writer = await PointShapefileWriter.create(join(direct, 'lights'), SCHEMA, 'EPSG:4527');
  await writeLayerCsv(SCHEMA, lights(count), join(direct, 'lights-csv'), false, SILENT_FEEDBACK, writer);
  const files = await writeLayerCsv(SCHEMA, lights(count), join(viaGdal, 'lights-csv'), true, SILENT_FEEDBACK);
  await translateCsvToShapefile(files.gbk!, true, join(viaGdal, 'lights.shp'), SCHEMA, 'EPSG:4527');
  for (const extension of ['shp', 'shx', 'prj', 'cpg']) {
    assert.ok(readFileSync(join(direct, `lights.${extension}`)).equals(readFileSync(join(viaGdal, `lights.${extension}`))), `.${extension} byte for byte`);
  }
  const [ours, theirs] = [direct, viaGdal].map((path) => readFileSync(join(path, 'lights.dbf')));
  // Bytes 1–3: the date of writing.
  assert.ok(ours!.subarray(4).equals(theirs!.subarray(4)) && ours![0] === theirs![0], '.dbf byte for byte but the date');
  const dataset = gdal.open(join(direct, 'lights.shp'));
  try {
    const layer = dataset.layers.get(0);
    assert.equal(layer.features.count(), count);
    const second = layer.features.get(1);
    assert.equal(second.fields.get('NAME'), '上水井盖');
    assert.equal(second.fields.get('NOTE'), '第1号 — 兰山区');
  } finally {
    dataset.close();
  }
});

test('text longer than its field is cut before a whole character', async () => {
  const path = join(folder.path, 'long');
  const writer = await PointShapefileWriter.create(path, SCHEMA, 'EPSG:4527');
  // 12 bytes of room: "AB" and five two-byte characters fill it; after "ABC" the fifth would need bytes 12–13, so it stops at 11.
  writer.add({ geometry: { type: 'Point', coordinates: [1, 2] }, properties: { CODE: '1', NAME: 'AB兰山区城市管理局', NOTE: null } });
  writer.add({ geometry: { type: 'Point', coordinates: [3, 4] }, properties: { CODE: '2', NAME: 'ABC兰山区城市管理局', NOTE: null } });
  await writer.finish();
  const dataset = gdal.open(`${path}.shp`);
  try {
    const layer = dataset.layers.get(0);
    assert.equal(layer.features.get(0).fields.get('NAME'), 'AB兰山区城市');
    assert.equal(layer.features.get(1).fields.get('NAME'), 'ABC兰山区城');
    const extent = layer.getExtent();
    assert.deepEqual([extent.minX, extent.minY, extent.maxX, extent.maxY], [1, 2, 3, 4]);
  } finally {
    dataset.close();
  }
});
