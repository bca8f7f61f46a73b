/** Paths and temporary folders for tests; every test works on its own copies. */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) || !existsSync(join(folder, 'schemas'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('repository root not found');
    folder = parent;
  }
  return folder;
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `citygrid-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The external corpora beside the project (`../shared/corpus`), absent in a user's clone. */
export function corpusDir(): string | null {
  const path = join(repoRoot(), '..', 'shared', 'corpus');
  return existsSync(path) ? path : null;
}

export const citygridBin = (): string => join(repoRoot(), 'bin', 'citygrid.js');
