/**
 * Test workspaces: a copy of the committed small sample city, so every test
 * starts from the same real GeoPackage and may change its copy freely.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from './paths.js';

export const COMMITTED_SAMPLE = (): string => join(repoRoot(), 'data-samples', 'lanshan-small', 'workspace.gpkg');

export function copyOfSample(prefix: string): { dir: string; workspacePath: string; remove(): void } {
  const folder = tempDir(prefix);
  const workspacePath = join(folder.path, 'workspace.gpkg');
  copyFileSync(COMMITTED_SAMPLE(), workspacePath);
  return { dir: folder.path, workspacePath, remove: folder.remove };
}
