#!/usr/bin/env node
// `npm start`: sets up what is missing, then opens the app on the bundled sample
// city — in Electron where its binary can be had and a display exists, otherwise
// in the web host, printing the URL to open in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const setup = spawnSync(process.execPath, [join(root, 'scripts', 'setup.mjs'), '--for', 'start'], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);

// The user's working copy of the sample; the committed one stays pristine.
const workspace = join(root, '.work', 'sample', 'workspace.gpkg');
if (!existsSync(workspace)) {
  mkdirSync(dirname(workspace), { recursive: true });
  copyFileSync(join(root, 'data-samples', 'lanshan-small', 'workspace.gpkg'), workspace);
}

function electronBinary() {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (existsSync(pathFile)) return join(root, 'node_modules', 'electron', 'dist', spawnSync('cat', [pathFile]).stdout.toString().trim());
  const installed = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  return installed.status === 0 && existsSync(pathFile) ? electronBinary() : null;
}

const electron = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (electron && hasDisplay) {
  // Electron runs its own Node ABI: rebuild gdal-async for it once.
  spawnSync('npx', ['--no-install', 'electron-builder', 'install-app-deps'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_build_from_source: 'true', npm_config_shared_gdal: 'true' },
  });
  const child = spawn(electron, [root, workspace], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error(!electron
    ? "Electron's binary could not be downloaded (no internet?): starting the web host instead; open the URL below in a browser."
    : 'No display for an Electron window: starting the web host instead; open the URL below in a browser.');
  const child = spawn(process.execPath, [join(root, 'bin', 'citygrid.js'), 'serve', '--workspace', workspace], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
