/**
 * A page on another port of 127.0.0.1 is the same *site* as the web host, so
 * Chromium sends it the host's SameSite=Strict cookie. From such a page, in the
 * same browser that holds the app open, a fetch to startImport and startPublish
 * and a plain HTML form posting to saveMappingPreset must all be refused and
 * change nothing, while the app itself keeps working.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser_app.js';
import { copyOfSample } from '../helpers/sample_workspace.js';

const sample = copyOfSample('browser-same-site');
let app: BrowserApp;
let page: Page;
let attacker: Server;
let attackerOrigin: string;

/** The form posts a JSON-looking text/plain body, as a cross-site form can. */
function attackerPage(target: string): string {
  return `<!doctype html><title>attacker</title>
<form id="preset" method="POST" enctype="text/plain" action="${target}/api/saveMappingPreset">
<input type="hidden" name='{"name":"planted","layer":"roads","fields":{},"x":"' value='"}'>
</form>`;
}

before(async () => {
  app = await startBrowserApp(sample.workspacePath);
  page = app.page;
  await page.getByTestId('workspace-name').getByText('兰山区').waitFor({ timeout: 30_000 });
  const target = new URL(app.url).origin;
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(attackerPage(target));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});

after(async () => {
  await app?.close();
  await new Promise((resolve) => attacker?.close(resolve));
  sample.remove();
});

function componentCount(): Promise<string> {
  return page.getByTestId('layer-count-components').innerText();
}

test('requests from another loopback port are refused and change nothing; the app still works', async () => {
  const countBefore = await componentCount();
  // A delivery with two components more than the layer holds: an import of it would change the count (and is no shrink the import would refuse on its own).
  const moreComponents = join(sample.dir, 'more-components.gpkg');
  const made = spawnSync('ogr2ogr', ['-f', 'GPKG', '-nln', 'components', moreComponents, sample.workspacePath, 'components'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const appended = spawnSync('ogr2ogr', ['-append', '-nln', 'components', '-sql', 'SELECT * FROM components ORDER BY fid LIMIT 2', moreComponents, sample.workspacePath], { encoding: 'utf8' });
  assert.equal(appended.status, 0, appended.stderr);

  const evil = await page.context().newPage();
  await evil.goto(attackerOrigin);
  const target = new URL(app.url).origin;
  // Opaque no-cors requests with the cookie, and CORS requests that ask for a preflight: what a page can send without the token.
  const answers = await evil.evaluate(async ({ target, source }) => {
    const attempts: Array<[string, RequestInit]> = [
      ['startImport', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ layer: 'components', source }) }],
      ['startPublish', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{}' }],
      ['startImport', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ layer: 'components', source }) }],
    ];
    const results: string[] = [];
    for (const [method, init] of attempts) {
      try {
        const response = await fetch(`${target}/api/${method}`, init);
        results.push(`${method}: ${response.type} ${response.status}`);
      } catch (thrown) {
        results.push(`${method}: ${(thrown as Error).message}`);
      }
    }
    return results;
  }, { target, source: moreComponents });
  assert.equal(answers.length, 3, answers.join('\n'));
  // The form navigates the attacker's tab to the host's answer.
  await Promise.all([evil.waitForNavigation(), evil.evaluate(() => (document.getElementById('preset') as HTMLFormElement).submit())]);
  const formAnswer = await evil.evaluate(() => document.body.innerText);
  assert.match(formAnswer, /FORBIDDEN|UNAUTHORIZED|INVALID_REQUEST/, formAnswer);
  await evil.close();

  // The real app: an import through its own dialog works (the same roads again, so no shrink to confirm).
  const roadCount = await page.getByTestId('layer-count-roads').innerText();
  const sameRoads = join(sample.dir, 'same-roads.geojson');
  const roads = spawnSync('ogr2ogr', ['-f', 'GeoJSON', sameRoads, sample.workspacePath, 'roads'], { encoding: 'utf8' });
  assert.equal(roads.status, 0, roads.stderr);
  await page.getByTestId('import-button').click();
  await page.getByTestId('import-layer').selectOption('roads');
  await page.getByTestId('import-source').fill(sameRoads);
  await page.getByTestId('import-start').click();
  const result = page.getByTestId('import-result');
  await result.waitFor({ state: 'visible', timeout: 60_000 });
  assert.match(await result.innerText(), new RegExp(`roads: ${roadCount.replace(/\D/g, '')} `));
  await page.getByTestId('import-close').click();

  assert.equal(await componentCount(), countBefore, 'the components layer is untouched');
  assert.ok(!existsSync(join(sample.dir, 'packages')), 'no package was published');
  const presets = join(sample.dir, 'mapping-presets');
  assert.deepEqual(existsSync(presets) ? readdirSync(presets) : [], [], 'no mapping preset was planted');
});
