/**
 * The Electron shell's wiring, without Electron's binary: window security
 * settings, the preload bridge's surface (invoke, events, dropped files' paths), and the menu.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { appMenuTemplate } from '../../electron/app_menu.js';
import { createBridge, EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/preload.cjs';
import { mainWindowOptions } from '../../electron/window_options.js';
import { FakeIpc } from '../helpers/fake_ipc.js';
import { repoRoot } from '../helpers/paths.js';

test('the window isolates the renderer from Node', () => {
  const preferences = mainWindowOptions('/app/preload.cjs').webPreferences!;
  assert.equal(preferences.contextIsolation, true);
  assert.equal(preferences.nodeIntegration, false);
  assert.equal(preferences.sandbox, true);
  assert.equal(preferences.webSecurity, true);
  assert.equal(preferences.preload, '/app/preload.cjs');
});

test('the preload bridge exposes only invoke, onEvent and pathForFile, never ipcRenderer', async () => {
  const ipc = new FakeIpc();
  const bridge = createBridge(ipc.ipcRenderer, () => '');
  assert.deepEqual(Object.keys(bridge).sort(), ['invoke', 'onEvent', 'pathForFile']);
  ipc.ipcMain.handle(INVOKE_CHANNEL, async (_event, method, request) => ({ method, request }));
  assert.deepEqual(await bridge.invoke('listLayers', { a: 1 }), { method: 'listLayers', request: { a: 1 } });
  const received: unknown[] = [];
  const stop = bridge.onEvent((event) => received.push(event));
  ipc.webContents.send(EVENT_CHANNEL, { kind: 'workspace-changed', path: '/x.gpkg' });
  stop();
  ipc.webContents.send(EVENT_CHANNEL, { kind: 'workspace-changed', path: '/y.gpkg' });
  assert.deepEqual(received, [{ kind: 'workspace-changed', path: '/x.gpkg' }]);
  const source = readFileSync(join(repoRoot(), 'electron', 'preload.cts'), 'utf8');
  const exposures = [...source.matchAll(/exposeInMainWorld\(([^;]*)\);/g)].map((match) => match[1]);
  assert.deepEqual(exposures, ["'citygridBridge', createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as File))"], 'only the bridge is exposed, never ipcRenderer itself');
});

test('the path of a dropped file comes from webUtils.getPathForFile; a file without one gives an empty path', () => {
  const ipc = new FakeIpc();
  const dropped = { name: 'survey.zip' };
  const bridge = createBridge(ipc.ipcRenderer, (file) => {
    if (file === dropped) return '/data/deliveries/survey.zip';
    throw new Error('not a file from disk');
  });
  assert.equal(bridge.pathForFile(dropped), '/data/deliveries/survey.zip');
  assert.equal(bridge.pathForFile({ name: 'made-in-memory.zip' }), '');
});

test('the menu offers opening a workspace, Chinese first', () => {
  let opened = 0;
  const template = appMenuTemplate({ openWorkspace: () => { opened++; }, reload() {}, toggleDevTools() {}, quit() {} });
  const file = template[0]!;
  assert.match(String(file.label), /^文件/);
  const open = (file.submenu as Array<{ label?: string; click?: () => void }>)[0]!;
  assert.match(String(open.label), /^打开工作空间.*Open workspace/);
  open.click!();
  assert.equal(opened, 1);
});
