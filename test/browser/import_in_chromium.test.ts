/**
 * Import and bad output folders in the browser, as a user meets them: a
 * corrupt shapefile and an unwritable publish folder are reported with the
 * file and the reason; a good file lands in its layer.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser_app.js';
import { copyOfSample } from '../helpers/sample_workspace.js';

const sample = copyOfSample('browser-import');
let app: BrowserApp;
let page: Page;

before(async () => {
  app = await startBrowserApp(sample.workspacePath);
  page = app.page;
  await page.getByTestId('workspace-name').getByText('兰山区').waitFor({ timeout: 30_000 });
});

after(async () => {
  await app?.close();
  sample.remove();
});

async function runImport(layer: string, source: string): Promise<string> {
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-layer').selectOption(layer);
  await page.getByTestId('import-source').fill(source);
  await page.getByTestId('import-start').click();
  const result = page.getByTestId('import-result');
  await result.waitFor({ state: 'visible', timeout: 60_000 });
  const text = await result.innerText();
  await page.getByTestId('import-close').click();
  return text;
}

test('a corrupt shapefile is refused with the file and the reason, and the layer keeps its features', async () => {
  const before = await page.getByTestId('layer-count-roads').innerText();
  const corrupt = join(sample.dir, 'survey-roads.shp');
  writeFileSync(corrupt, Buffer.alloc(300, 9));
  const text = await runImport('roads', corrupt);
  assert.match(text, /FILE_CORRUPT/);
  assert.ok(text.includes(corrupt), `the result names the file:\n${text}`);
  assert.match(await page.getByTestId('message-bar').innerText(), /FILE_CORRUPT/);
  assert.equal(await page.getByTestId('layer-count-roads').innerText(), before);
});

test('a file that would leave less than half of a layer asks first, stating both counts; confirmed, it replaces the layer', async () => {
  const geojson = join(sample.dir, 'two-roads.geojson');
  const made = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', '-sql', 'SELECT * FROM roads ORDER BY fid LIMIT 2', geojson, sample.workspacePath], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const before = (await page.getByTestId('layer-count-roads').innerText()).trim();
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-layer').selectOption('roads');
  await page.getByTestId('import-source').fill(geojson);
  await page.getByTestId('import-inspect').click();
  await page.getByTestId('import-preview-count').getByText('2').waitFor({ timeout: 30_000 });
  await page.getByTestId('import-start').click();
  const confirm = page.getByTestId('import-shrink-confirm');
  await confirm.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await page.getByTestId('import-shrink-counts').innerText(), new RegExp(`图层 roads 现有 ${before} 个要素，导入后只剩 2 个`));
  assert.equal((await page.getByTestId('layer-count-roads').innerText()).trim(), before, 'nothing is imported before the user confirms');
  await page.getByTestId('import-shrink-accept').click();
  const result = page.getByTestId('import-result');
  await result.getByText('roads: 2').waitFor({ timeout: 60_000 });
  await page.getByTestId('import-close').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="layer-count-roads"]')?.textContent?.trim() === '2', undefined, { timeout: 15_000 });
});

test('a typed path the services refuse as shrinking the layer offers the same confirmation', async () => {
  // A shapefile keeps its columns when it has no records (a GeoJSON of none has no columns either).
  const shapefile = join(sample.dir, 'no-roads.shp');
  const made = spawnSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-where', '1 = 0', shapefile, sample.workspacePath, 'roads'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-layer').selectOption('roads');
  await page.getByTestId('import-source').fill(shapefile);
  await page.getByTestId('import-start').click();
  const result = page.getByTestId('import-result');
  await result.getByText('LAYER_WOULD_SHRINK', { exact: false }).waitFor({ timeout: 60_000 });
  assert.match(await result.innerText(), /图层 roads 现有 2 个要素，导入后只剩 0 个/);
  await page.getByTestId('import-shrink-accept').click();
  await result.getByText('roads: 0').waitFor({ timeout: 60_000 });
  await page.getByTestId('import-close').click();
});

test('publishing into a folder that cannot be written names the folder and the reason', async () => {
  const blocker = join(sample.dir, 'a-file');
  writeFileSync(blocker, '');
  await page.getByTestId('publish-button').click();
  await page.getByTestId('publish-outdir').fill(join(blocker, 'packages'));
  await page.getByTestId('publish-start').click();
  const result = page.getByTestId('publish-result');
  await result.getByText('OUTPUT_UNWRITABLE').first().waitFor({ timeout: 60_000 });
  assert.ok((await result.innerText()).includes(join(blocker, 'packages')));
});
