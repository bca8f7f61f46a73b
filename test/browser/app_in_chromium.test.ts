/**
 * The app as a user sees it: the real `citygrid serve` on a copy of the
 * sample city, driven in Debian's Chromium. The map draws, a click on a
 * component shows its code, Publish completes and the package is on disk.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { startBrowserApp, type BrowserApp } from '../helpers/browser_app.js';
import { copyOfSample } from '../helpers/sample_workspace.js';

const sample = copyOfSample('browser');
let app: BrowserApp;
let page: Page;

interface KnownComponent { code: string; name: string; x: number; y: number }
let component: KnownComponent;

before(async () => {
  const workspace = Workspace.open(sample.workspacePath);
  const layer = workspace.layer('components');
  layer.setAttributeFilter("OBJNAME = '路灯'");
  const feature = layer.features.first()!;
  const point = feature.getGeometry()!.toObject() as { coordinates: [number, number] };
  component = { code: String(feature.fields.get('OBJCODE')), name: String(feature.fields.get('OBJNAME')), x: point.coordinates[0], y: point.coordinates[1] };
  workspace.close();

  app = await startBrowserApp(sample.workspacePath);
  page = app.page;
});

after(async () => {
  await app?.close();
  sample.remove();
});

const screenshot = (name: string) => app.screenshot(name);

/** Share of map pixels that differ from the most common colour: a blank canvas has none. */
async function paintedShare(): Promise<number> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.ol-viewport canvas')];
    let painted = 0, total = 0;
    for (const canvas of canvases) {
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0) continue;
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let index = 0; index < data.length; index += 4 * 7) {
        total++;
        if (data[index + 3]! > 0) painted++;
      }
    }
    return total === 0 ? 0 : painted / total;
  });
}

test('the map draws the sample city', async () => {
  await page.waitForFunction(() => Boolean((window as unknown as { citygridDebug?: unknown }).citygridDebug), undefined, { timeout: 30_000 });
  await page.waitForFunction(() => {
    const canvases = document.querySelectorAll('.ol-viewport canvas');
    return canvases.length > 0;
  }, undefined, { timeout: 30_000 });
  let share = 0;
  for (let attempt = 0; attempt < 40 && share < 0.2; attempt++) {
    await page.waitForTimeout(250);
    share = await paintedShare();
  }
  await screenshot('map');
  assert.ok(share >= 0.2, `the map canvas is painted (share of painted pixels ${share.toFixed(3)})`);
  const layerList = await page.getByTestId('layer-list').innerText();
  assert.match(layerList, /单元网格/);
  assert.match(layerList, /管理部件/);
});

test("the legend names the component classes of the workspace's own taxonomy, its local major 07 included", async () => {
  const legend = page.getByTestId('component-legend');
  await legend.getByText('智慧感知设施').waitFor({ timeout: 15_000 });
  const rows = await legend.locator('li').evaluateAll((items) => items.map((item) => ({
    text: (item as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
    color: getComputedStyle(item.querySelector('.swatch')!).backgroundColor,
  })));
  assert.deepEqual(rows.map((row) => row.text.slice(0, 2)), ['01', '02', '03', '04', '05', '06', '07']);
  assert.match(rows[0]!.text, /公用设施/);
  assert.match(rows[6]!.text, /07 ?智慧感知设施/);
  // The city's own major has a colour of its own, not the black of unknown classes, and unlike the others'.
  assert.notEqual(rows[6]!.color, 'rgb(0, 0, 0)');
  assert.equal(new Set(rows.map((row) => row.color)).size, rows.length);
  await screenshot('legend');
});

test('clicking a street light shows its 16-digit code and Chinese labels', async () => {
  await page.evaluate(({ x, y }) => {
    const map = (window as unknown as { citygridDebug: { map: { getView(): { setCenter(c: number[]): void; setResolution(r: number): void } } } }).citygridDebug.map;
    map.getView().setCenter([x, y]);
    map.getView().setResolution(0.25);
  }, component);
  await page.waitForTimeout(1500);
  const pixel = await page.evaluate(({ x, y }) => {
    const map = (window as unknown as { citygridDebug: { map: { getPixelFromCoordinate(c: number[]): number[]; getViewport(): HTMLElement } } }).citygridDebug.map;
    const [px, py] = map.getPixelFromCoordinate([x, y]);
    const rect = map.getViewport().getBoundingClientRect();
    return [rect.left + px!, rect.top + py!];
  }, component);
  await page.mouse.click(pixel[0]!, pixel[1]!);
  const panel = page.getByTestId('identify-panel');
  await panel.getByText(component.code).first().waitFor({ timeout: 15_000 });
  const text = await panel.innerText();
  assert.match(component.code, /^\d{16}$/);
  assert.ok(text.includes(component.code), `identify panel shows ${component.code}:\n${text}`);
  assert.match(text, /部件标识码/);
  assert.match(text, /所在单元网格标识码/);
  await screenshot('identify');
});

test('Publish shows progress and reports where the package went', async () => {
  const packagesDir = join(sample.dir, 'packages');
  await page.getByTestId('publish-button').click();
  await page.getByTestId('publish-start').click();
  await page.getByTestId('publish-progress').waitFor({ state: 'visible', timeout: 15_000 });
  const result = page.getByTestId('publish-result');
  await result.getByText('lanshan-sample-1').first().waitFor({ timeout: 120_000 });
  const text = await result.innerText();
  assert.ok(text.includes(join(packagesDir, 'lanshan-sample-1')), `the result names the folder:\n${text}`);
  assert.deepEqual(readdirSync(join(packagesDir, 'lanshan-sample-1')).sort(), ['SHA256SUMS', 'datapackage.json', 'package.gpkg', 'qa-report.json']);
  assert.ok(existsSync(join(packagesDir, 'lanshan-sample-1', 'package.gpkg')));
  await screenshot('publish');
});

test('English is available: the identify labels switch to English', async () => {
  await page.getByTestId('publish-close').click().catch(() => undefined);
  await page.getByTestId('language-toggle').click();
  const panel = page.getByTestId('identify-panel');
  await panel.getByText('Component code').first().waitFor({ timeout: 10_000 });
  assert.match(await panel.innerText(), /Unit grid code/);
  await page.getByTestId('language-toggle').click();
  await panel.getByText('部件标识码').first().waitFor({ timeout: 10_000 });
});

test('opening a file that is not a workspace shows the file and the reason, and keeps the open one', async () => {
  const notWorkspace = join(sample.dir, 'notes.gpkg');
  writeFileSync(notWorkspace, 'not a GeoPackage');
  await page.getByTestId('open-workspace-button').click();
  await page.getByTestId('workspace-path').fill(notWorkspace);
  await page.getByTestId('open-workspace-submit').click();
  const messages = page.getByTestId('message-bar');
  await messages.getByText('WORKSPACE_INVALID').first().waitFor({ timeout: 10_000 });
  assert.ok((await messages.innerText()).includes(notWorkspace));
  await page.getByTestId('open-workspace-close').click().catch(() => undefined);
  assert.match(await page.getByTestId('workspace-name').innerText(), /兰山区/);
  await screenshot('open-error');
});
