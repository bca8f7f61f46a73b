/**
 * Records from outside the workspace may name fields the current way
 * (GLBJBSM), the legacy way (OBJCODE) or in Chinese (管理部件标识码). The
 * attribute schemas use the workspace's legacy names; this renames a
 * record's keys through schemas/field-aliases.json before it is checked.
 */
import type { Properties } from '../../api/geo_types.js';
import type { FieldAliases } from '../../fields/match_fields.js';

export function normalizeFieldNames(record: Properties, aliases: FieldAliases, layer: string): Properties {
  const layerAliases = aliases.layers[layer] ?? {};
  const canonicalByLowerName = new Map<string, string>();
  for (const [field, names] of Object.entries(layerAliases)) {
    canonicalByLowerName.set(field.toLowerCase(), field);
    for (const name of names) canonicalByLowerName.set(name.toLowerCase(), field);
  }
  const normalized: Properties = {};
  for (const [key, value] of Object.entries(record)) {
    const field = canonicalByLowerName.get(key.toLowerCase()) ?? key;
    // The workspace name wins when a record carries both spellings.
    if (!(field in normalized) || key === field) normalized[field] = value;
  }
  return normalized;
}
