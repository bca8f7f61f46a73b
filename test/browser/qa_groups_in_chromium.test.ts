/**
 * A dirty delivery in the QA report panel: on a copy of the sample city
 * whose components all lack DEPTCODE1 and every tenth has an invalid
 * OBJSTATE (the bench's damage, test/bench/make_dirty_city.ts), the report
 * shows one line per rule and field with its count, the first records
 * clickable, in Chinese and English; Export writes every finding as CSV
 * beside the workspace and names the file.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';
import { DIRTY_UPDATES } from '../bench/make_dirty_city.js';
import { startBrowserApp, type BrowserApp } from '../helpers/browser_app.js';
import { copyOfSample } from '../helpers/sample_workspace.js';
import { sqlRows } from '../helpers/sql_rows.js';

const sample = copyOfSample('browser-qa-groups');
let app: BrowserApp;
let page: Page;
let components = 0;

before(async () => {
  const dataset = gdal.open(sample.workspacePath, 'r+');
  try {
    for (const statement of DIRTY_UPDATES) runStatement(dataset, statement);
    components = Number(sqlRows(dataset)('SELECT count(*) AS n FROM components')[0]!.n);
  } finally {
    dataset.close();
  }
  app = await startBrowserApp(sample.workspacePath);
  page = app.page;
  await page.getByTestId('validate-button').and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
});

after(async () => {
  await app?.close();
  sample.remove();
});

const count = (value: number): string => value.toLocaleString('en-US');

test('the dirty city\'s report counts each field\'s findings in one line and lists the first', async () => {
  await page.getByTestId('validate-button').click();
  const report = page.getByTestId('qa-report');
  const missing = report.locator('[data-testid="qa-group"][data-rule="ATTRIBUTE_REQUIRED_MISSING"][data-field="DEPTCODE1"]');
  await missing.waitFor({ timeout: 60_000 });
  // One line per field with its count; the records open on a click.
  assert.match(await missing.getByTestId('qa-group-summary').innerText(), new RegExp(`管理部件 · DEPTCODE1 主管部门代码\\s+${count(components)}`));
  await app.screenshot('qa-groups');
  await missing.getByTestId('qa-group-summary').click();
  assert.match(await missing.innerText(), new RegExp(`仅列出前 100 / ${count(components)}`));
  assert.equal(await missing.getByTestId('qa-finding').count(), 100);
  const invalid = report.locator('[data-testid="qa-group"][data-rule="ATTRIBUTE_INVALID"][data-field="OBJSTATE"]');
  assert.match(await invalid.getByTestId('qa-group-summary').innerText(), new RegExp(`OBJSTATE 管理部件状态\\s+${count(Math.floor(components / 10))}`));
  await invalid.getByTestId('qa-group-summary').click();
  assert.match(await invalid.getByTestId('qa-finding').first().innerText(), /损坏/);

  // A listed record is a click away on the map, as before.
  const first = missing.getByTestId('qa-finding').first();
  const code = (await first.getAttribute('data-fid'))!;
  await first.click();
  const identify = page.getByTestId('identify-panel');
  await identify.getByText('DEPTCODE1').first().waitFor({ timeout: 15_000 });
  assert.match(await identify.innerText(), new RegExp(`components|部件`));
  assert.ok(Number(code) >= 1);
});

test('the groups follow the language switch', async () => {
  await page.getByTestId('language-toggle').click();
  const missing = page.getByTestId('qa-report').locator('[data-testid="qa-group"][data-field="DEPTCODE1"]');
  try {
    await missing.getByTestId('qa-group-summary').getByText('Competent department code').waitFor({ timeout: 10_000 });
    await missing.getByTestId('qa-group-summary').click();
    assert.match(await missing.innerText(), new RegExp(`listing the first 100 / ${count(components)}`));
  } finally {
    await page.getByTestId('language-toggle').click();
  }
});

test('Export writes every finding as CSV beside the workspace and names the file', async () => {
  await page.getByTestId('qa-export').click();
  const exported = page.getByTestId('qa-exported');
  await exported.waitFor({ timeout: 120_000 });
  assert.match(await exported.innerText(), /^全部问题已写入 /);
  const path = (await exported.innerText()).replace(/^全部问题已写入 /, '').trim();
  assert.ok(path.startsWith(sample.dir) && path.endsWith('.csv') && existsSync(path), path);
  const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n');
  assert.equal(lines.filter((line) => line.startsWith('ATTRIBUTE_REQUIRED_MISSING,error,components,')).length, components);
  await app.screenshot('qa-groups-exported');
});
