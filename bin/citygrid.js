#!/usr/bin/env node
// Entry point of the `citygrid` command: runs the compiled CLI (npm run build).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../build/src/node/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('citygrid: not built yet; run "npm run build" (or "npm start") in the CityGrid Studio folder first\n');
  process.exit(2);
}
await import(cli.href);
