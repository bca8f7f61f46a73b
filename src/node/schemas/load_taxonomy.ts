/**
 * Loads the class tables of `schemas/taxonomies/` by id: base tables
 * (component, event, matter classes), class mappings, and city taxonomies
 * (base + local classes, resolved by core). A workspace's
 * `citygrid_meta.taxonomy` names one of these ids.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import type { CodeLayouts } from '../../core/codes/code_layout.js';
import { deriveComponentMatters } from '../../core/taxonomy/derive_component_matters.js';
import { resolveCityTaxonomy, taxonomiesForCity, type ResolvedCityTaxonomy } from '../../core/taxonomy/resolve_city_taxonomy.js';
import type { CityTaxonomy, ClassMapping, ClassTaxonomy, ComponentTaxonomy, MatterTaxonomy } from '../../core/taxonomy/taxonomy.js';
import { schemasDir } from './repo_paths.js';

type TaxonomyFile = ClassTaxonomy | MatterTaxonomy | CityTaxonomy | ClassMapping;

const TAXONOMY_ID = /^[a-z0-9][a-z0-9._-]*$/;
const files = new Map<string, TaxonomyFile>();

function taxonomiesDir(): string {
  return join(schemasDir(), 'taxonomies');
}

/** Ids of every file in schemas/taxonomies/. */
export function taxonomyIds(): string[] {
  return readdirSync(taxonomiesDir()).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).sort();
}

function readTaxonomyFile(id: string): TaxonomyFile {
  const cached = files.get(id);
  if (cached) return cached;
  if (!TAXONOMY_ID.test(id) || !taxonomyIds().includes(id)) {
    throw new CityGridError('INVALID_REQUEST', `no taxonomy "${id}" in schemas/taxonomies/ (there are: ${taxonomyIds().join(', ')})`);
  }
  const path = join(taxonomiesDir(), `${id}.json`);
  let value: TaxonomyFile;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as TaxonomyFile;
  } catch (thrown) {
    throw new CityGridError('FILE_CORRUPT', `not a readable taxonomy file (${(thrown as Error).message})`, path);
  }
  files.set(id, value);
  return value;
}

/** A base class table; a matter table comes with its derived "<component>异常" classes. */
export function loadClassTaxonomy(id: string): ClassTaxonomy {
  const file = readTaxonomyFile(id);
  if (file.kind === 'city-taxonomy' || file.kind === 'class-mapping') {
    throw new CityGridError('INVALID_REQUEST', `taxonomy "${id}" is a ${file.kind}, not a class table`);
  }
  if (file.kind === 'matter-classes' && (file as MatterTaxonomy).derived) {
    const matters = file as MatterTaxonomy;
    const derived = deriveComponentMatters(matters, loadClassTaxonomy(matters.derived!.from));
    if (!derived.ok) throw new CityGridError('FILE_CORRUPT', `${derived.error.code}: ${derived.error.message.en}`, join(taxonomiesDir(), `${id}.json`));
    return derived.value;
  }
  return file;
}

export function loadCityTaxonomy(id: string): ResolvedCityTaxonomy {
  const file = readTaxonomyFile(id);
  if (file.kind !== 'city-taxonomy') throw new CityGridError('INVALID_REQUEST', `taxonomy "${id}" is a ${file.kind}, not a city taxonomy`);
  const resolved = resolveCityTaxonomy(file, (baseId) => (taxonomyIds().includes(baseId) ? loadClassTaxonomy(baseId) : undefined));
  if (!resolved.ok) {
    const reasons = resolved.errors.map((error) => `${error.code}: ${error.message.zh} / ${error.message.en}`).join('; ');
    throw new CityGridError('FILE_CORRUPT', reasons, join(taxonomiesDir(), `${id}.json`));
  }
  return resolved.value;
}

export interface WorkspaceTaxonomy {
  id: string;
  /** The component classes the workspace's codes use (a city's merged table, or a base table). */
  components: ComponentTaxonomy;
  city?: ResolvedCityTaxonomy;
}

/** What a workspace's `citygrid_meta.taxonomy` names: a base component table or a city taxonomy. */
export function loadWorkspaceTaxonomy(id: string): WorkspaceTaxonomy {
  const file = readTaxonomyFile(id);
  if (file.kind === 'city-taxonomy') {
    const city = loadCityTaxonomy(id);
    return { id, components: city.components, city };
  }
  if (file.kind !== 'component-classes') {
    throw new CityGridError('INVALID_REQUEST', `taxonomy "${id}" is a ${file.kind}; a workspace names a component table or a city taxonomy`);
  }
  return { id, components: file as ComponentTaxonomy };
}

/**
 * Class tables to read codes with, keyed by the taxonomy ids the layouts
 * name; with a workspace taxonomy, its (city) tables stand in for their bases.
 */
export function codeTablesFor(layouts: CodeLayouts, workspaceTaxonomy?: string): Record<string, ClassTaxonomy> {
  const tables: Record<string, ClassTaxonomy> = {};
  for (const layout of layouts.layouts) {
    if (layout.taxonomy && !tables[layout.taxonomy] && taxonomyIds().includes(layout.taxonomy)) tables[layout.taxonomy] = loadClassTaxonomy(layout.taxonomy);
  }
  if (workspaceTaxonomy) {
    const chosen = loadWorkspaceTaxonomy(workspaceTaxonomy);
    if (chosen.city) Object.assign(tables, taxonomiesForCity(chosen.city));
    else tables[chosen.components.id] = chosen.components;
  }
  return tables;
}

/** The class mapping from a base table to a newer one, if schemas/taxonomies/ has one. */
export function loadClassMapping(fromId: string): ClassMapping | undefined {
  for (const id of taxonomyIds()) {
    if (!id.startsWith('mapping-')) continue;
    const file = readTaxonomyFile(id);
    if (file.kind === 'class-mapping' && file.from === fromId) return file;
  }
  return undefined;
}
