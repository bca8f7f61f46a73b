/**
 * Electron main process: one window, the menu, the open dialog, and the IPC
 * adapter over the same services the web host uses. Everything else lives in
 * src/node (services) and src/ui (renderer).
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { CityGridServices } from '../src/node/services/citygrid_services.js';
import { appRoot, uiBuildDir } from '../src/node/schemas/repo_paths.js';
import { appMenuTemplate } from './app_menu.js';
import { registerServiceHandlers } from './ipc_adapter.js';
import { mainWindowOptions } from './window_options.js';

// As in bin/citygrid.js: the standards check holds four of libuv's threads; the pool is
// sized on first use, and nothing above has queued work yet.
process.env.UV_THREADPOOL_SIZE ??= '8';
const services = new CityGridServices();

async function createMainWindow(): Promise<void> {
  const window = new BrowserWindow(mainWindowOptions(join(appRoot(), 'build', 'electron', 'preload.cjs')));
  registerServiceHandlers(ipcMain, services, {
    isTrustedSender: (event) => event.sender === window.webContents,
    receivers: () => [window.webContents],
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({
    openWorkspace: () => { void chooseWorkspace(window); },
    reload: () => window.webContents.reload(),
    toggleDevTools: () => window.webContents.toggleDevTools(),
    quit: () => app.quit(),
  })));
  // Links never open inside the app window.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const initialWorkspace = process.argv.find((argument) => argument.endsWith('.gpkg'));
  if (initialWorkspace) await services.openWorkspace({ path: initialWorkspace }).catch(() => undefined);
  window.once('ready-to-show', () => window.show());
  await window.loadFile(join(uiBuildDir(), 'index.html'));
}

async function chooseWorkspace(window: BrowserWindow): Promise<void> {
  const choice = await dialog.showOpenDialog(window, {
    title: '打开工作空间 Open workspace',
    filters: [{ name: 'CityGrid workspace (GeoPackage)', extensions: ['gpkg'] }],
    properties: ['openFile'],
  });
  if (choice.canceled || !choice.filePaths[0]) return;
  try {
    await services.openWorkspace({ path: choice.filePaths[0] });
  } catch (thrown) {
    dialog.showErrorBox('无法打开工作空间 Cannot open workspace', (thrown as Error).message);
  }
}

app.whenReady().then(createMainWindow);
app.on('window-all-closed', () => { void services.dispose().then(() => app.quit()); });
