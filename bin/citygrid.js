#!/usr/bin/env node
// Entry point of the `citygrid` command: runs the compiled CLI (npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../build/src/node/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('citygrid: not built yet; run "npm run build" (or "npm start") in the CityGrid Studio folder first\n');
  process.exit(2);
}
// The standards check reads on four GDAL connections at once, each holding one
// of libuv's threads while it runs; with the default pool of 4, everything
// else asynchronous (the web host's files, the map's queries) would wait for
// it. libuv sizes the pool on first use, so this must come before any work.
process.env.UV_THREADPOOL_SIZE ??= '8';
await import(cli.href);
