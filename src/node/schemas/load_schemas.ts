/**
 * Loads the versioned data in `schemas/` (layer definitions, code layouts,
 * taxonomies). Read once per process: they are data shipped with the app.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLayouts } from '../../core/codes/code_layout.js';
import type { WorkspaceLayersSchema } from '../../core/schema/layer_schema.js';
import type { ComponentTaxonomy } from '../../core/taxonomy/taxonomy.js';
import { schemasDir } from './repo_paths.js';

const cache = new Map<string, unknown>();

export function readSchemaFile<T>(relativePath: string): T {
  let value = cache.get(relativePath);
  if (value === undefined) {
    value = JSON.parse(readFileSync(join(schemasDir(), relativePath), 'utf8'));
    cache.set(relativePath, value);
  }
  return value as T;
}

export function loadLayersSchema(): WorkspaceLayersSchema {
  return readSchemaFile<WorkspaceLayersSchema>('workspace-layers.json');
}

export function loadCodeLayouts(): CodeLayouts {
  return readSchemaFile<CodeLayouts>('code-layouts.json');
}

export function loadComponentTaxonomy(id: string): ComponentTaxonomy {
  return readSchemaFile<ComponentTaxonomy>(join('taxonomies', `${id}.json`));
}
