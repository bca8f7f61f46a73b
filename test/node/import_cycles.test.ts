import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot, tempDir } from '../helpers/paths.js';

const folder = tempDir('cycles');
after(() => folder.remove());

// scripts/check-cycles.mjs is plain JavaScript run by `npm test`.
const { checkCycles } = await import(join(repoRoot(), 'scripts', 'check-cycles.mjs')) as { checkCycles(root: string): string[] };

function write(path: string, text: string): void {
  mkdirSync(join(folder.path, path, '..'), { recursive: true });
  writeFileSync(join(folder.path, path), text);
}

test('no module under src/ imports itself through others', () => {
  assert.deepEqual(checkCycles(repoRoot()), []);
});

test('each cycle is reported once as a path of files, type-only imports included', () => {
  write('src/core/a.ts', "import { b } from './b.js';\nexport const a = 1;\n");
  write('src/core/b.ts', "import type { C } from '../node/c.js';\nexport const b = 2;\n");
  write('src/node/c.ts', "export { a } from '../core/a.js';\nexport type C = number;\n");
  write('src/node/self.ts', "export const self = await import('./self.js');\n");
  write('src/ui/d.ts', "import { a } from '../core/a.js';\nimport Map from 'ol/Map.js';\n");
  write('src/ui/e.ts', "import { d } from './d.js';\n");
  const cycles = checkCycles(folder.path);
  assert.deepEqual(cycles, [
    'src/core/a.ts → src/core/b.ts → src/node/c.ts → src/core/a.ts (3 files tied in all: src/core/a.ts, src/core/b.ts, src/node/c.ts)',
    'src/node/self.ts → src/node/self.ts',
  ]);
});
