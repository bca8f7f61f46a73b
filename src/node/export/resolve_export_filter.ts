/**
 * Turns `--where street=371302001` (or community=…) into an SQL condition on
 * the layer being exported, by the rules in schemas/export-filters.json:
 * the layer's own code field (equals), a code that starts with the division
 * code (prefix: grid codes embed street and community), or, for layers that
 * carry no code, the features that touch the division's polygon
 * (intersects, with GDAL's exact spatial filter, listed by FID).
 */
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import type { Dataset, Geometry } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import type { LocalizedText } from '../../core/api/geo_types.js';
import { readSchemaFile } from '../schemas/load_schemas.js';

export const EXPORT_FILTERS_FILE = 'schemas/export-filters.json';

interface FilterRule { match: 'equals' | 'prefix' | 'intersects'; field?: string }

interface ExportFilters {
  id: string;
  version: string;
  keys: Record<string, {
    label: LocalizedText;
    codeLength: number;
    boundary: { layer: string; field: string };
    layers: Record<string, FilterRule>;
  }>;
}

export interface ExportFilter {
  key: string;
  code: string;
  match: FilterRule['match'];
  /** The field compared, for equals/prefix. */
  field: string | null;
  /** The SQL condition on the layer. */
  where: string;
}


export function resolveExportFilter(dataset: Dataset, layerName: string, expression: string, workspacePath: string): ExportFilter {
  const filters = readSchemaFile<ExportFilters>('export-filters.json');
  const parsed = /^\s*([a-z]+)\s*=\s*'?(\w+)'?\s*$/i.exec(expression);
  const keys = Object.keys(filters.keys);
  if (!parsed) throw new CityGridError('INVALID_REQUEST', `--where "${expression}": expected KEY=CODE with KEY one of ${keys.join(', ')}, e.g. street=371302001`, '--where');
  const key = parsed[1]!.toLowerCase();
  const code = parsed[2]!;
  const definition = filters.keys[key];
  if (!definition) throw new CityGridError('INVALID_REQUEST', `--where "${expression}": unknown key "${key}" (${EXPORT_FILTERS_FILE} defines ${keys.join(', ')})`, '--where');
  if (!new RegExp(`^\\d{${definition.codeLength}}$`).test(code)) {
    throw new CityGridError('INVALID_REQUEST', `--where "${expression}": a ${definition.label.en} code has ${definition.codeLength} digits`, '--where');
  }
  const rule = definition.layers[layerName];
  if (!rule) {
    throw new CityGridError('INVALID_REQUEST', `layer ${layerName} cannot be filtered by ${key}: ${EXPORT_FILTERS_FILE} has no rule for it (it has rules for ${Object.keys(definition.layers).join(', ')})`, '--where');
  }
  if (rule.match === 'equals' || rule.match === 'prefix') {
    const field = quoteIdentifier(rule.field!);
    const where = rule.match === 'equals' ? `${field} = '${code}'` : `${field} LIKE '${code}%'`;
    return { key, code, match: rule.match, field: rule.field!, where };
  }
  const boundary = boundaryGeometry(dataset, definition.boundary, code, workspacePath, definition.label.en);
  const layer = dataset.layers.get(layerName);
  layer.setSpatialFilter(boundary);
  const fids: number[] = [];
  layer.features.forEach((feature) => { fids.push(feature.fid); });
  layer.setSpatialFilter(null);
  const fidColumn = quoteIdentifier(layer.fidColumn || 'fid');
  return { key, code, match: 'intersects', field: null, where: fids.length ? `${fidColumn} IN (${fids.join(',')})` : '0 = 1' };
}

function boundaryGeometry(dataset: Dataset, boundary: { layer: string; field: string }, code: string, workspacePath: string, label: string): Geometry {
  const layer = dataset.layers.get(boundary.layer);
  layer.setAttributeFilter(`${quoteIdentifier(boundary.field)} = '${code}'`);
  let union: Geometry | null = null;
  layer.features.forEach((feature) => {
    const geometry = feature.getGeometry();
    if (geometry) union = union ? union.union(geometry) : geometry.clone();
  });
  layer.setAttributeFilter(null);
  if (!union) throw new CityGridError('INVALID_REQUEST', `no ${label} ${code} in layer ${boundary.layer}, so there is no boundary to select by`, workspacePath);
  return union;
}
