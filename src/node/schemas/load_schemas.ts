/**
 * Loads the versioned data in `schemas/` (layer definitions, code layouts,
 * taxonomies). Read once per process: they are data shipped with the app.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLayouts } from '../../core/codes/code_layout.js';
import type { WorkspaceLayersSchema } from '../../core/schema/layer_schema.js';
import type { ComponentTaxonomy } from '../../core/taxonomy/taxonomy.js';
import { loadWorkspaceTaxonomy } from './load_taxonomy.js';
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

/** The component classes a taxonomy id stands for: a base table, or a city taxonomy's merged table. */
export function loadComponentTaxonomy(id: string): ComponentTaxonomy {
  return loadWorkspaceTaxonomy(id).components;
}
