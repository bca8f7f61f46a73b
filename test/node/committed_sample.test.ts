/**
 * The committed sample city is exactly what the seeded generator makes: the
 * same features, attribute for attribute and vertex for vertex, layer by layer.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { publishPackage } from '../../src/node/publish/publish_package.js';
import { writeSample } from '../../src/node/sample/write_sample.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { tempDir } from '../helpers/paths.js';
import { copyOfSample } from '../helpers/sample_workspace.js';

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
