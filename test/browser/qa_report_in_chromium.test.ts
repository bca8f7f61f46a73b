/**
 * Validation as a user sees it: on a copy of the sample city with one
 * component recorded in the wrong grid (damaged with GDAL SQL before the
 * server starts), 检查 / Validate shows progress, then the report grouped by
 * rule; clicking the finding centres the map on the component, highlights it
 * and lists its attributes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';
import { startBrowserApp, type BrowserApp } from '../helpers/browser_app.js';
import { copyOfSample } from '../helpers/sample_workspace.js';
import { sqlRows } from '../helpers/sql_rows.js';

const sample = copyOfSample('browser-qa');
let app: BrowserApp;
let page: Page;

interface Damaged { fid: number; code: string; x: number; y: number; wrongGrid: string }
let damaged: Damaged;

before(async () => {
  const dataset = gdal.open(sample.workspacePath, 'r+');
  try {
    const rows = sqlRows(dataset);
    const feature = rows("SELECT fid, OBJCODE, BGCODE, ST_X(geom) AS x, ST_Y(geom) AS y FROM components WHERE OBJNAME = '路灯' ORDER BY fid LIMIT 1")[0]!;
    const other = rows(`SELECT BGCODE FROM grids WHERE BGCODE <> '${String(feature.BGCODE)}' ORDER BY fid DESC LIMIT 1`)[0]!;
    damaged = { fid: feature.fid, code: String(feature.OBJCODE), x: Number(feature.x), y: Number(feature.y), wrongGrid: String(other.BGCODE) };
    runStatement(dataset, `UPDATE components SET BGCODE = '${damaged.wrongGrid}' WHERE fid = ${damaged.fid}`);
  } finally {
    dataset.close();
  }
  app = await startBrowserApp(sample.workspacePath);
  page = app.page;
  await page.waitForFunction(() => Boolean((window as unknown as { citygridDebug?: unknown }).citygridDebug), undefined, { timeout: 30_000 });
  await page.getByTestId('validate-button').and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
});

after(async () => {
  await app?.close();
  sample.remove();
});

const screenshot = (name: string) => app.screenshot(name);

test('检查 / Validate runs with progress and lists the finding under its rule', async () => {
  // Watch the panel from the first frame: the check of the small sample takes well under a second.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { qaStates: string[] }).qaStates = seen;
    new MutationObserver(() => {
      const panel = document.querySelector('[data-testid="qa-report"]') as HTMLElement | null;
      if (panel?.dataset.state && seen.at(-1) !== panel.dataset.state) seen.push(panel.dataset.state);
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  await page.getByTestId('validate-button').click();
  const report = page.getByTestId('qa-report');
  await report.locator('[data-rule="COMPONENT_GRID_MISMATCH"]').first().waitFor({ timeout: 60_000 });
  const states = await page.evaluate(() => (window as unknown as { qaStates: string[] }).qaStates);
  assert.ok(states.includes('starting') || states.includes('running'), `the panel showed progress (states ${states.join(' → ')})`);
  assert.equal(states.at(-1), 'finished');
  const summary = await report.getByTestId('qa-summary').innerText();
  assert.match(summary, /错误 1/);
  const group = report.locator('details[data-rule="COMPONENT_GRID_MISMATCH"]');
  assert.match(await group.locator('summary.qa-rule-summary').innerText(), /部件所在网格不符/);
  const item = group.getByTestId('qa-finding');
  assert.equal(await item.count(), 1);
  const text = await item.innerText();
  assert.ok(text.includes(damaged.code) && text.includes(damaged.wrongGrid), text);
  await screenshot('qa-report');
});

test('clicking the finding centres the map on the component and shows its attributes', async () => {
  await page.getByTestId('qa-report').locator('details[data-rule="COMPONENT_GRID_MISMATCH"]').getByTestId('qa-finding').click();
  const identify = page.getByTestId('identify-panel');
  await identify.getByText(damaged.code).first().waitFor({ timeout: 15_000 });
  const view = await page.evaluate(() => {
    const map = (window as unknown as { citygridDebug: { map: { getView(): { getCenter(): number[]; getResolution(): number } } } }).citygridDebug.map;
    return { center: map.getView().getCenter(), resolution: map.getView().getResolution() };
  });
  assert.ok(Math.abs(view.center[0]! - damaged.x) < 0.01 && Math.abs(view.center[1]! - damaged.y) < 0.01, `map centre ${view.center} vs component ${damaged.x}, ${damaged.y}`);
  assert.ok(view.resolution <= 0.25 + 1e-9, `zoomed in (resolution ${view.resolution})`);
  assert.match(await identify.innerText(), new RegExp(damaged.wrongGrid));
  const highlighted = await page.evaluate(() => {
    const map = (window as unknown as { citygridDebug: { map: { getLayers(): { getArray(): Array<{ get(key: string): unknown; getSource(): { getFeatures(): Array<{ getId(): unknown }> } }> } } } }).citygridDebug.map;
    const layer = map.getLayers().getArray().find((candidate) => candidate.get('selection') === true);
    return layer ? layer.getSource().getFeatures().map((feature) => String(feature.getId())) : [];
  });
  assert.deepEqual(highlighted, [`components#${damaged.fid}`]);
  await screenshot('qa-finding');
});

test('the report follows the language switch', async () => {
  await page.getByTestId('language-toggle').click();
  const report = page.getByTestId('qa-report');
  await report.getByText('Component grid code mismatch').first().waitFor({ timeout: 10_000 });
  assert.match(await report.getByTestId('qa-summary').innerText(), /Errors 1/);
  await page.getByTestId('language-toggle').click();
});
