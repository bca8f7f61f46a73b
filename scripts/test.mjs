#!/usr/bin/env node
// `npm test`: setup (system packages included, when root), the layer rules, no import cycles,
// type checks of every project, the renderer bundle, then every test with
// Node's test runner: unit, integration on real GDAL files, and the browser
// test in Debian's Chromium against the web host.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
  [process.execPath, [join(root, 'scripts', 'setup.mjs'), '--for', 'test']],
  [process.execPath, [join(root, 'scripts', 'check-layers.mjs')]],
  [process.execPath, [join(root, 'scripts', 'check-cycles.mjs')]],
  [process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'src', 'ui')]],
];
for (const [command, args] of steps) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function* testFiles(folder) {
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) yield* testFiles(path);
    else if (entry.endsWith('.test.js')) yield path;
  }
}

const files = [...testFiles(join(root, 'build', 'test'))];
const filter = process.argv[2];
const selected = filter ? files.filter((file) => file.includes(filter)) : files;
const result = spawnSync(process.execPath, ['--test', ...selected], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
