#!/usr/bin/env node
// `npm run bench`: setup (plus PostgreSQL + PostGIS from Debian when root),
// build, then the full-scale measurements (test/bench/run_bench.ts).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const [command, args] of [
  [process.execPath, [join(root, 'scripts', 'setup.mjs'), '--for', 'bench']],
  [process.execPath, [join(root, 'build', 'test', 'bench', 'run_bench.js'), ...process.argv.slice(2)]],
]) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
