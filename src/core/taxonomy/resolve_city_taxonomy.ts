/**
 * Resolves a city taxonomy (`schemas/taxonomies/city-*.json`) into the class
 * tables a workspace works with: its base component (and event) tables with
 * the city's local classes merged in. The caller hands in the base tables by
 * id, so this stays pure.
 */
import type { LocalizedText } from '../api/geo_types.js';
import { mergeTaxonomy, type TaxonomyIssue, type TaxonomyResult } from './merge_taxonomy.js';
import type { CityTaxonomy, ClassMappingPair, ClassTaxonomy, ComponentTaxonomy, TaxonomyExtension, TaxonomyKind } from './taxonomy.js';

export type TaxonomySource = (id: string) => ClassTaxonomy | undefined;

export interface ResolvedCityTaxonomy {
  id: string;
  version: string;
  name: LocalizedText;
  division?: string;
  /** Ids of the base tables the merged tables extend. */
  bases: { components: string; events?: string };
  components: ComponentTaxonomy;
  events?: ClassTaxonomy;
  /** The city's own decisions for local component classes in a legacy→current migration. */
  currentClassDecisions: ClassMappingPair[];
}

function resolvePart(city: CityTaxonomy, part: 'components' | 'events', extension: TaxonomyExtension, kind: TaxonomyKind, source: TaxonomySource): TaxonomyResult<ClassTaxonomy> {
  const base = source(extension.base);
  if (!base) {
    return { ok: false, errors: [{ code: 'BASE_NOT_FOUND', message: { zh: `${city.id}：${part} 的基础分类表 ${extension.base} 不存在`, en: `${city.id}: ${part} base table ${extension.base} not found` } }] };
  }
  if (base.kind !== kind) {
    return { ok: false, errors: [{ code: 'BASE_KIND_MISMATCH', message: { zh: `${city.id}：${part} 的基础表 ${base.id} 是 ${base.kind}，应为 ${kind}`, en: `${city.id}: ${part} base table ${base.id} is ${base.kind}, not ${kind}` } }] };
  }
  return mergeTaxonomy(base, extension, {
    id: city.id,
    version: city.version,
    description: `${city.name.zh}: ${base.id} + ${extension.majors.length} local majors, ${extension.classes.length} local classes`,
  });
}

/**
 * The city's own migration decisions for local classes, each checked against
 * the current table it names: a decision for a class that does not exist
 * there is an error, not a silent gap.
 */
function currentClassDecisions(city: CityTaxonomy, source: TaxonomySource): TaxonomyResult<ClassMappingPair[]> {
  const decided = city.components.classes.filter((definition) => definition.currentClass);
  if (decided.length === 0) return { ok: true, value: [] };
  const tableId = city.components.currentTable;
  const table = tableId ? source(tableId) : undefined;
  if (!table) {
    return { ok: false, errors: [{ code: 'BASE_NOT_FOUND', message: { zh: `${city.id}：本地小类指定了现行分类，但现行分类表 ${tableId ?? '(未给出 currentTable)'} 不存在`, en: `${city.id}: local classes name current classes, but the current table ${tableId ?? '(no currentTable given)'} is not found` } }] };
  }
  const errors: TaxonomyIssue[] = [];
  const pairs: ClassMappingPair[] = [];
  for (const definition of decided) {
    const target = table.classes.find((candidate) => candidate.code === definition.currentClass);
    if (!target) {
      errors.push({ code: 'CURRENT_CLASS_UNKNOWN', message: { zh: `${city.id}：本地小类 ${definition.code} ${definition.name} 指定的现行分类 ${definition.currentClass} 不在 ${table.id} 中`, en: `${city.id}: local class ${definition.code} ${definition.name} names current class ${definition.currentClass}, which is not in ${table.id}` } });
      continue;
    }
    pairs.push({ from: definition.code, fromName: definition.name, to: target.code, toName: target.name, rule: 'city' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: pairs };
}

export function resolveCityTaxonomy(city: CityTaxonomy, source: TaxonomySource): TaxonomyResult<ResolvedCityTaxonomy> {
  const components = resolvePart(city, 'components', city.components, 'component-classes', source);
  const events = city.events ? resolvePart(city, 'events', city.events, 'event-classes', source) : undefined;
  const decisions = currentClassDecisions(city, source);
  const errors: TaxonomyIssue[] = [
    ...(components.ok ? [] : components.errors),
    ...(events && !events.ok ? events.errors : []),
    ...(decisions.ok ? [] : decisions.errors),
  ];
  if (!components.ok || (events && !events.ok) || !decisions.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      id: city.id,
      version: city.version,
      name: city.name,
      ...(city.division ? { division: city.division } : {}),
      bases: { components: city.components.base, ...(city.events ? { events: city.events.base } : {}) },
      components: components.value as ComponentTaxonomy,
      ...(events?.ok ? { events: events.value } : {}),
      currentClassDecisions: decisions.value,
    },
  };
}

/**
 * The class tables to read codes with, keyed by the taxonomy id the code
 * layouts name: a city's merged tables stand in for their bases.
 */
export function taxonomiesForCity(city: ResolvedCityTaxonomy): Record<string, ClassTaxonomy> {
  const tables: Record<string, ClassTaxonomy> = { [city.bases.components]: city.components };
  if (city.bases.events && city.events) tables[city.bases.events] = city.events;
  return tables;
}
