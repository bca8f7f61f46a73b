/**
 * Where the application's own files are: the repository (or installed
 * package) root holding `schemas/`, `data-samples/` and the built renderer.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** Walks up from this module until it finds the folder with package.json and schemas/. */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'schemas'))) {
      cachedRoot = folder;
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error('CityGrid Studio: cannot find the application root (package.json with schemas/)');
    folder = parent;
  }
}

export function schemasDir(): string {
  return join(appRoot(), 'schemas');
}

export function uiBuildDir(): string {
  return join(appRoot(), 'build', 'ui');
}

export function samplesDir(): string {
  return join(appRoot(), 'data-samples');
}
