/**
 * Importing a surveyor's delivery as a user does it in the browser: a zipped
 * GBK shapefile without .cpg dropped on the map is previewed with shpjs (the
 * right count, Chinese text read right after the guess, mojibake when
 * switched to UTF-8), and so are a shapefile's loose parts chosen together; a column no table knows is mapped by hand and saved as
 * a preset, and the import puts its values in the right field; a source
 * without a CRS asks for one; a corrupt zip names the file and the reason and
 * changes nothing. Deliveries are cut from the sample city with ogr2ogr.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { startBrowserApp, type BrowserApp } from '../helpers/browser_app.js';
import { copyOfSample } from '../helpers/sample_workspace.js';
import { sqlRows } from '../helpers/sql_rows.js';

const sample = copyOfSample('browser-import-preview');
const deliveries = join(sample.dir, 'deliveries');
const COUNT = 40;
let app: BrowserApp;
let page: Page;
let expectedNames: string[];

/** A zipped shapefile of the first COUNT components, GBK text, OBJNAME under a name no alias table knows. */
function makeDelivery(name: string, keepPrj: boolean): string {
  const folder = join(deliveries, name);
  mkdirSync(folder, { recursive: true });
  const made = spawnSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', '-nln', name, '-sql',
    `SELECT geom, OBJCODE, OBJNAME AS MC_X, DEPTNAME1, BGCODE FROM components ORDER BY fid LIMIT ${COUNT}`, join(folder, `${name}.shp`), sample.workspacePath], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  rmSync(join(folder, `${name}.cpg`), { force: true });
  if (!keepPrj) rmSync(join(folder, `${name}.prj`), { force: true });
  const zipped = spawnSync('zip', ['-q', '-j', join(deliveries, `${name}.zip`), ...['shp', 'shx', 'dbf', ...(keepPrj ? ['prj'] : [])].map((extension) => join(folder, `${name}.${extension}`))], { encoding: 'utf8' });
  assert.equal(zipped.status, 0, zipped.stderr);
  return join(deliveries, `${name}.zip`);
}

function componentNames(): string[] {
  const dataset = gdal.open(sample.workspacePath);
  try {
    return sqlRows(dataset)(`SELECT OBJNAME FROM components ORDER BY fid LIMIT 5`).map((row) => String(row.OBJNAME));
  } finally {
    dataset.close();
  }
}

before(async () => {
  expectedNames = componentNames();
  makeDelivery('survey', true);
  makeDelivery('nocrs', false);
  writeFileSync(join(deliveries, 'broken-delivery.zip'), Buffer.alloc(3000, 7));
  app = await startBrowserApp(sample.workspacePath);
  page = app.page;
  await page.getByTestId('workspace-name').getByText('兰山区').waitFor({ timeout: 30_000 });
  // The target layer is chosen once; the dialog keeps it.
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-layer').selectOption('components');
  await page.getByTestId('import-close').click();
});

after(async () => {
  await app?.close();
  sample.remove();
});

/** Drops a file on the map as a user dragging it from the file manager would (a synthetic DataTransfer). */
async function dropOnMap(path: string, name: string): Promise<void> {
  const base64 = readFileSync(path).toString('base64');
  await page.evaluate(({ base64, name }) => {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: 'application/zip' }));
    const target = document.querySelector('.ol-viewport')!;
    for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { base64, name });
}

const previewTable = () => page.getByTestId('import-preview-table');

test('a zipped GBK shapefile without .cpg dropped on the map is previewed with its count and readable Chinese text', async () => {
  await dropOnMap(join(deliveries, 'survey.zip'), 'survey.zip');
  await page.getByTestId('import-dialog').waitFor({ state: 'visible', timeout: 10_000 });
  await page.getByTestId('import-encoding-guess').getByText('GBK').first().waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('import-preview-count').innerText(), new RegExp(`^${COUNT} `));
  const table = await previewTable().innerText();
  for (const name of expectedNames) assert.ok(table.includes(name), `the preview reads ${name}:\n${table}`);
  const samples = await page.getByTestId('import-encoding-samples').innerText();
  assert.ok(samples.includes(expectedNames[0]!), `the GBK samples read right:\n${samples}`);
  const drawn = await page.evaluate(() => {
    const map = (window as unknown as { citygridDebug: { map: { getLayers(): { getArray(): Array<{ get(key: string): unknown; getSource(): { getFeatures(): unknown[] } }> } } } }).citygridDebug.map;
    return map.getLayers().getArray().find((layer) => layer.get('preview') === true)?.getSource().getFeatures().length ?? 0;
  });
  assert.equal(drawn, COUNT, 'every feature is drawn on the map as a preview');
  await app.screenshot('import-preview');
});

test('switching the encoding to UTF-8 shows the text garbled at once, and back to GBK reads it right', async () => {
  await page.getByTestId('import-encoding').selectOption('UTF-8');
  const garbled = await previewTable().innerText();
  assert.ok(!garbled.includes(expectedNames[0]!) && garbled.includes('\uFFFD'), `UTF-8 does not read GBK text:\n${garbled}`);
  await page.getByTestId('import-encoding').selectOption('GBK');
  assert.ok((await previewTable().innerText()).includes(expectedNames[0]!));
});

test('an unrecognised column is mapped by hand, saved as a preset, and the import puts its values in the right field', async () => {
  const mapping = page.getByTestId('import-mapping');
  assert.equal(await mapping.getByTestId('import-map-OBJCODE').inputValue(), 'OBJCODE', 'a standard name is recognised');
  assert.equal(await mapping.getByTestId('import-map-OBJNAME').inputValue(), '', 'MC_X is no name any table knows');
  await mapping.getByTestId('import-map-OBJNAME').selectOption('MC_X');
  await page.getByTestId('import-preset-name').fill('测绘院部件');
  await page.getByTestId('import-preset-save').click();
  await page.getByTestId('import-preset-status').getByText('测绘院部件.json').waitFor({ timeout: 15_000 });
  const presetPath = join(sample.dir, 'mapping-presets', '测绘院部件.json');
  const preset = JSON.parse(readFileSync(presetPath, 'utf8')) as { layer: string; fields: Record<string, string | null> };
  assert.equal(preset.layer, 'components');
  assert.equal(preset.fields.OBJNAME, 'MC_X');
  assert.equal(preset.fields.OBJCODE, 'OBJCODE');
  await page.getByTestId('import-start').click();
  // A survey extract of the city's components would leave far fewer than the layer has: the dialog asks first.
  await page.getByTestId('import-shrink-counts').getByText(`导入后只剩 ${COUNT} 个`).waitFor({ timeout: 15_000 });
  await page.getByTestId('import-shrink-accept').click();
  const result = page.getByTestId('import-result');
  await result.getByText(`components: ${COUNT}`).first().waitFor({ timeout: 120_000 });
  await page.waitForFunction((count) => document.querySelector('[data-testid="layer-count-components"]')?.textContent?.trim() === String(count), COUNT, { timeout: 15_000 });
  assert.deepEqual(componentNames(), expectedNames, 'the names sit in OBJNAME, read as GBK');
});

test('a source without a coordinate system asks for one, and Import waits for it', async () => {
  await page.getByTestId('import-file').setInputFiles(join(deliveries, 'nocrs.zip'));
  const prompt = page.getByTestId('import-crs-prompt');
  await prompt.waitFor({ state: 'visible', timeout: 60_000 });
  assert.match(await prompt.innerText(), /没有坐标系/);
  assert.equal(await page.getByTestId('import-start').isDisabled(), true);
  await page.getByTestId('import-crs').fill('EPSG:4527');
  assert.equal(await page.getByTestId('import-start').isDisabled(), false);
  assert.match(await page.getByTestId('import-preview').innerText(), /已在地图上/);
});

test('the parts of a loose shapefile chosen together are uploaded side by side and previewed', async () => {
  const parts = ['shp', 'shx', 'dbf', 'prj'].map((extension) => join(deliveries, 'survey', `survey.${extension}`));
  await page.getByTestId('import-file').setInputFiles(parts);
  await page.getByTestId('import-source-name').getByText('survey.shp').waitFor({ timeout: 15_000 });
  await page.getByTestId('import-encoding-guess').getByText('GBK').first().waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('import-preview-count').innerText(), new RegExp(`^${COUNT} `));
  assert.ok((await previewTable().innerText()).includes(expectedNames[0]!));
  assert.equal(await page.getByTestId('import-crs-prompt').isVisible(), false, 'its .prj was found beside the .shp');
});

test('a corrupt zip names the file and the reason, and changes nothing', async () => {
  const before = await page.getByTestId('layer-count-components').innerText();
  await page.getByTestId('import-file').setInputFiles(join(deliveries, 'broken-delivery.zip'));
  const refused = page.getByTestId('import-source-error');
  await refused.waitFor({ state: 'visible', timeout: 60_000 });
  const text = await refused.innerText();
  assert.ok(text.includes('broken-delivery.zip'), text);
  assert.match(text, /FILE_CORRUPT/);
  assert.match(await page.getByTestId('import-preview').innerText(), /预览失败.*zip/);
  assert.equal(await page.getByTestId('import-start').isDisabled(), true);
  assert.equal(await page.getByTestId('layer-count-components').innerText(), before);
  assert.ok(existsSync(sample.workspacePath));
  await app.screenshot('import-corrupt');
});

test('the import dialog follows the language switch', async () => {
  await page.getByTestId('language-toggle').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByText('Import data').first().waitFor({ timeout: 10_000 });
  assert.match(await dialog.innerText(), /The source cannot be read; nothing was changed/);
  await page.getByTestId('language-toggle').click();
  await dialog.getByText('导入数据').first().waitFor({ timeout: 10_000 });
});
