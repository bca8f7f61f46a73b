/**
 * A field-mapping preset: for one workspace layer, which source column fills
 * each field, saved from one import and reused for the next delivery of the
 * same kind. Fields the preset names are taken as it says (null: leave the
 * field empty); the others are matched by the alias table as usual. A preset
 * that names a field the layer lacks or a column the source lacks is wrong,
 * not half-applied: every such problem is reported.
 */
import type { LayerSchema } from '../schema/layer_schema.js';
import { matchFields, type FieldAliases, type FieldMatch } from './match_fields.js';

export const MAPPING_PRESET_ID = 'citygrid-field-mapping';

export interface MappingPreset {
  id: typeof MAPPING_PRESET_ID;
  layer: string;
  /** workspace field → source column, or null to leave the field empty */
  fields: Record<string, string | null>;
}

export type PresetResult = { ok: true; match: FieldMatch } | { ok: false; problems: string[] };

export function applyMappingPreset(layer: LayerSchema, aliases: FieldAliases, columns: string[], preset: unknown): PresetResult {
  const problems: string[] = [];
  if (typeof preset !== 'object' || preset === null || typeof (preset as MappingPreset).fields !== 'object' || (preset as MappingPreset).fields === null) {
    return { ok: false, problems: ['not a mapping preset: expected {"layer": "…", "fields": {"FIELD": "column", …}}'] };
  }
  const { layer: presetLayer, fields } = preset as MappingPreset;
  if (presetLayer !== undefined && presetLayer !== layer.name) problems.push(`made for layer "${presetLayer}", not "${layer.name}"`);
  const fieldNames = layer.fields.map((field) => field.name);
  const columnByLowerName = new Map(columns.map((column) => [column.toLowerCase(), column]));
  const mapping: Record<string, string> = {};
  const decided = new Set<string>();
  for (const [field, column] of Object.entries(fields)) {
    if (!fieldNames.includes(field)) {
      problems.push(`unknown field "${field}" (layer ${layer.name} has ${fieldNames.join(', ')})`);
      continue;
    }
    decided.add(field);
    if (column === null) continue;
    if (typeof column !== 'string') {
      problems.push(`field "${field}": expected a column name or null`);
      continue;
    }
    const sourceColumn = columnByLowerName.get(column.toLowerCase());
    if (!sourceColumn) problems.push(`field "${field}": column "${column}" is not in the source (its columns: ${columns.join(', ') || 'none'})`);
    else mapping[field] = sourceColumn;
  }
  if (problems.length > 0) return { ok: false, problems };
  const used = new Set(Object.values(mapping));
  const rest = matchFields({ ...layer, fields: layer.fields.filter((field) => !decided.has(field.name)) }, aliases, columns.filter((column) => !used.has(column)));
  const combined = { ...mapping, ...rest.mapping };
  const ordered: Record<string, string> = {};
  for (const name of fieldNames) if (combined[name] !== undefined) ordered[name] = combined[name]!;
  const allUsed = new Set(Object.values(ordered));
  return {
    ok: true,
    match: {
      mapping: ordered,
      unmatchedSources: columns.filter((column) => !allUsed.has(column)),
      unfilledFields: fieldNames.filter((name) => ordered[name] === undefined),
    },
  };
}

/** The preset that reproduces a mapping exactly, unfilled fields included as null. */
export function mappingPresetOf(layer: LayerSchema, match: FieldMatch): MappingPreset {
  const fields: Record<string, string | null> = {};
  for (const field of layer.fields) fields[field.name] = match.mapping[field.name] ?? null;
  return { id: MAPPING_PRESET_ID, layer: layer.name, fields };
}
