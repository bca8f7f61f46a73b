/**
 * The committed sample city is exactly what the seeded generator makes: the
 * same features, attribute for attribute and vertex for vertex, layer by layer.
 * It stays small, and a sample that fails or is canceled leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SILENT_FEEDBACK, type Feedback } from '../../src/core/jobs/feedback.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';
import { publishPackage } from '../../src/node/publish/publish_package.js';
import { writeSample } from '../../sample-city/node/write_sample.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { tempDir } from '../helpers/paths.js';
import { COMMITTED_SAMPLE, copyOfSample } from '../helpers/sample_workspace.js';

const folder = tempDir('committed');
after(() => folder.remove());

async function layerHashes(workspacePath: string, outDir: string): Promise<Record<string, { count: number; sha256: string }>> {
  const workspace = Workspace.open(workspacePath);
  try {
    const result = await publishPackage(workspace, { outDir }, SILENT_FEEDBACK);
    const manifest = JSON.parse(readFileSync(join(result.directory, 'datapackage.json'), 'utf8')) as { layers: Array<{ name: string; count: number; sha256: string }> };
    return Object.fromEntries(manifest.layers.map((layer) => [layer.name, { count: layer.count, sha256: layer.sha256 }]));
  } finally {
    workspace.close();
  }
}

test('regenerating the sample with its default seed gives the committed workspace', async () => {
  const committed = copyOfSample('committed-copy');
  try {
    const regenerated = await writeSample({ outDir: join(folder.path, 'regenerated'), scale: 'small', writeSource: false }, SILENT_FEEDBACK);
    const expected = await layerHashes(committed.workspacePath, join(folder.path, 'out-committed'));
    const actual = await layerHashes(regenerated.workspacePath, join(folder.path, 'out-regenerated'));
    assert.deepEqual(actual, expected);
    assert.ok(expected.components!.count >= 5000, `≥ 5,000 components (${expected.components!.count})`);
    assert.ok(expected.cases!.count >= 1000 && expected.cases!.count <= 3000, `1,000–3,000 cases (${expected.cases!.count})`);
    assert.ok(expected.addresses!.count <= 3000, `a few thousand addresses (${expected.addresses!.count})`);
  } finally {
    committed.remove();
  }
});

test('another seed gives another city', async () => {
  const one = await writeSample({ outDir: join(folder.path, 'seed-1'), scale: 'small', seed: 1, writeSource: false }, SILENT_FEEDBACK);
  const two = await writeSample({ outDir: join(folder.path, 'seed-2'), scale: 'small', seed: 2, writeSource: false }, SILENT_FEEDBACK);
  const first = await layerHashes(one.workspacePath, join(folder.path, 'out-1'));
  const second = await layerHashes(two.workspacePath, join(folder.path, 'out-2'));
  assert.notEqual(first.grids!.sha256, second.grids!.sha256);
  assert.notEqual(first.components!.sha256, second.components!.sha256);
});

test('the committed sample stays small enough to keep in the repository', () => {
  const bytes = statSync(COMMITTED_SAMPLE()).size;
  assert.ok(bytes <= 4 * 1024 * 1024, `${(bytes / 1024 / 1024).toFixed(2)} MiB`);
});

test('a canceled sample leaves no workspace, no shapefiles and no staging files', async () => {
  const outDir = join(folder.path, 'canceled');
  let canceled = false;
  const feedback: Feedback = {
    reportProgress(_fraction, message) {
      // Cancel once the large layers are under way, with GDAL jobs running.
      if (message.en === 'generating components') canceled = true;
    },
    get canceled() { return canceled; },
  };
  await assert.rejects(writeSample({ outDir, scale: 'small' }, feedback), (thrown: Error & { code?: string }) => thrown.code === 'CANCELED');
  assert.ok(canceled, 'the cancel was requested');
  assert.equal(existsSync(join(outDir, 'workspace.gpkg')), false);
  assert.equal(existsSync(join(outDir, 'source')), false);
  assert.deepEqual(readdirSync(outDir), []);
});

/** The first value of a query's first row. */
function queryValue(dataset: gdal.Dataset, sql: string): unknown {
  return dataset.executeSQL(sql).features.first()?.fields.get(0) ?? null;
}

test('the spatial indexes the sample packs itself are sound, find what a scan finds and keep working on edits', async () => {
  const sample = await writeSample({ outDir: join(folder.path, 'indexes'), scale: 'small', writeSource: false }, SILENT_FEEDBACK);
  const dataset = gdal.open(sample.workspacePath, 'r+');
  try {
    for (const layer of Object.keys(sample.counts)) {
      assert.equal(queryValue(dataset, `SELECT rtreecheck('rtree_${layer}_geom')`), 'ok', `${layer} index`);
      assert.equal(Number(queryValue(dataset, `SELECT count(*) FROM rtree_${layer}_geom_rowid`)), sample.counts[layer], `${layer} indexed features`);
    }
    const components = dataset.layers.get('components');
    const points: Array<[number, number]> = [];
    for (let feature = components.features.first(); feature; feature = components.features.next()) {
      const point = feature.getGeometry() as gdal.Point;
      points.push([point.x, point.y]);
    }
    const xs = points.map(([x]) => x).sort((a, b) => a - b);
    const ys = points.map(([, y]) => y).sort((a, b) => a - b);
    for (const [fraction, size] of [[0.2, 150], [0.5, 400], [0.8, 60]] as const) {
      const [west, south] = [xs[Math.floor(xs.length * fraction)]!, ys[Math.floor(ys.length * (1 - fraction))]!];
      components.setSpatialFilter(west, south, west + size, south + size);
      let found = 0;
      for (let feature = components.features.first(); feature; feature = components.features.next()) found++;
      const expected = points.filter(([x, y]) => x >= west && x <= west + size && y >= south && y <= south + size).length;
      assert.ok(expected > 0, 'the window holds components');
      assert.equal(found, expected, `window at ${west}, ${south}`);
    }
    components.setSpatialFilter(null);
    // The insert trigger is back: an edit through GDAL reaches the index.
    runStatement(dataset, 'BEGIN');
    const added = new gdal.Feature(components);
    added.setGeometry(new gdal.Point(xs[10]!, ys[10]!));
    components.features.add(added);
    runStatement(dataset, 'COMMIT');
    assert.equal(Number(queryValue(dataset, 'SELECT count(*) FROM rtree_components_geom_rowid')), sample.counts.components! + 1);
    assert.equal(queryValue(dataset, "SELECT rtreecheck('rtree_components_geom')"), 'ok');
  } finally {
    dataset.close();
  }
});
