import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot, tempDir } from '../helpers/paths.js';

const folder = tempDir('layers');
after(() => folder.remove());

// scripts/check-layers.mjs is plain JavaScript run by `npm test`.
const { checkLayers } = await import(join(repoRoot(), 'scripts', 'check-layers.mjs')) as { checkLayers(root: string): string[] };

function write(path: string, text: string): void {
  mkdirSync(join(folder.path, path, '..'), { recursive: true });
  writeFileSync(join(folder.path, path), text);
}

test('the repository follows its layer rules', () => {
  assert.deepEqual(checkLayers(repoRoot()), []);
});

test('each forbidden import is reported with the file and the rule', () => {
  write('src/core/a.ts', "import { readFileSync } from 'node:fs';\nimport gdal from 'gdal-async';\nimport { x } from '../node/b.js';\n");
  write('src/node/b.ts', "import { y } from '../ui/c.js';\nimport { app } from 'electron';\n");
  write('src/ui/c.ts', "import gdal from 'gdal-async';\nimport Map from 'ol/Map.js';\nexport const z = await import('../node/b.js');\n");
  write('electron/d.ts', "import { c } from '../src/ui/c.js';\nimport { dispatch } from '../src/core/api/dispatch.js';\n");
  write('sample-city/core/e.ts', "import { readFileSync } from 'node:fs';\nimport { f } from '../node/f.js';\nimport { parseCode } from '../../src/core/codes/code_layout.js';\n");
  write('sample-city/node/f.ts', "import gdal from 'gdal-async';\nimport { e } from '../core/e.js';\nimport { Workspace } from '../../src/node/workspace/workspace.js';\n");
  write('src/node/g.ts', "import { f } from '../../sample-city/node/f.js';\n");
  const violations = checkLayers(folder.path);
  const expected = [
    /src\/core\/a\.ts: imports package "node:fs"/,
    /src\/core\/a\.ts: imports package "gdal-async"/,
    /src\/core\/a\.ts: imports \.\.\/node\/b\.js/,
    /src\/node\/b\.ts: imports \.\.\/ui\/c\.js/,
    /src\/node\/b\.ts: imports package "electron"/,
    /src\/ui\/c\.ts: imports package "gdal-async"/,
    /src\/ui\/c\.ts: imports \.\.\/node\/b\.js/,
    /electron\/d\.ts: imports \.\.\/src\/ui\/c\.js/,
    /sample-city\/core\/e\.ts: imports package "node:fs"/,
    /sample-city\/core\/e\.ts: imports \.\.\/node\/f\.js/,
    /src\/node\/g\.ts: imports \.\.\/\.\.\/sample-city\/node\/f\.js/,
  ];
  for (const pattern of expected) assert.ok(violations.some((violation) => pattern.test(violation)), `${pattern} in\n${violations.join('\n')}`);
  assert.equal(violations.length, expected.length, violations.join('\n'));
});
