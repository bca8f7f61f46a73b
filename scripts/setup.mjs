#!/usr/bin/env node
// Makes a fresh clone runnable: Debian packages (installed when root, named
// otherwise), npm packages (gdal-async built against the system GDAL), then the
// TypeScript build and the renderer bundle. Plain Node, no dependencies, so it
// runs before `npm install`.
//   node scripts/setup.mjs [--for start|test]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const purpose = process.argv.includes('--for') ? process.argv[process.argv.indexOf('--for') + 1] : 'start';

/** Debian package → how to tell it is there. */
const SYSTEM_PACKAGES = {
  start: [
    ['libgdal-dev', () => hasCommand('gdal-config')],
    ['gdal-bin', () => hasCommand('ogrinfo')],
  ],
  test: [
    ['python3-gdal', () => existsSync('/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py')],
    ['chromium', () => existsSync('/usr/bin/chromium')],
    ['fonts-wqy-microhei', () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')],
  ],
  bench: [
    ['postgresql', () => existsSync('/usr/lib/postgresql') && hasCommand('psql')],
    ['postgresql-15-postgis-3', () => existsSync('/usr/share/postgresql/15/extension/postgis.control')],
  ],
};

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, env = {}) {
  log(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    log(`failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function ensureSystemPackages() {
  const wanted = purpose === 'start' ? SYSTEM_PACKAGES.start : [...SYSTEM_PACKAGES.start, ...(SYSTEM_PACKAGES[purpose] ?? [])];
  const missing = wanted.filter(([, present]) => !present()).map(([name]) => name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    log(`missing Debian packages: ${missing.join(' ')}`);
    log(`install them, then run this again:  sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], env);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], env);
}

function gdalBindingBuilt() {
  const bindingDir = join(root, 'node_modules', 'gdal-async', 'lib', 'binding');
  return existsSync(bindingDir) && readdirSync(bindingDir).length > 0;
}

function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale && gdalBindingBuilt()) return;
  // gdal-async is compiled against Debian's GDAL (its prebuilt download and its
  // bundled GDAL build are not options here); Electron's binary is fetched, if
  // at all, by `npm start`, not by install.
  run('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], {
    npm_config_build_from_source: 'true',
    npm_config_shared_gdal: 'true',
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  });
  if (!gdalBindingBuilt()) {
    log('gdal-async did not build against the system GDAL; check that libgdal-dev is installed');
    process.exit(1);
  }
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of paths) visit(path);
  return newest;
}

function ensureBuild() {
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
  const bundle = join(root, 'build', 'ui', 'index.html');
  const sources = [join(root, 'src', 'ui'), join(root, 'src', 'core'), join(root, 'schemas'), join(root, 'vite.config.ts')];
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestMtime(sources)) {
    run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
  }
}

ensureSystemPackages();
ensureNodeModules();
ensureBuild();
log(`ready (${purpose})`);
