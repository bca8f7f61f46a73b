/**
 * Matches a source's column names to a workspace layer's fields using the
 * alias table (`schemas/field-aliases.json`): legacy, current and Chinese
 * names, case-insensitively.
 */
import type { LayerSchema } from '../schema/layer_schema.js';

export interface FieldAliases {
  id: string;
  version: string;
  layers: Record<string, Record<string, string[]>>;
  /** Column names a CSV's coordinates or WKT geometry may go by (GDAL's CSV open options; matching ignores case). */
  csvGeometryColumns?: { x: string[]; y: string[]; wkt: string[] };
}

export interface FieldMatch {
  /** workspace field → source column */
  mapping: Record<string, string>;
  /** source columns that match no field (kept out of the workspace, reported) */
  unmatchedSources: string[];
  /** workspace fields no column fills */
  unfilledFields: string[];
}

export function matchFields(layer: LayerSchema, aliases: FieldAliases, sourceColumns: string[]): FieldMatch {
  const layerAliases = aliases.layers[layer.name] ?? {};
  const byLowerName = new Map(sourceColumns.map((column) => [column.toLowerCase(), column]));
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of layer.fields) {
    const candidates = [field.name, ...(layerAliases[field.name] ?? [])];
    for (const candidate of candidates) {
      const column = byLowerName.get(candidate.toLowerCase());
      if (column && !used.has(column)) {
        mapping[field.name] = column;
        used.add(column);
        break;
      }
    }
  }
  return {
    mapping,
    unmatchedSources: sourceColumns.filter((column) => !used.has(column)),
    unfilledFields: layer.fields.map((field) => field.name).filter((name) => !(name in mapping)),
  };
}
