/**
 * Named field-mapping presets in a folder (`mapping-presets/` beside the
 * workspace), one JSON file each, in exactly the format `citygrid import
 * --save-mapping` writes and --mapping reads, so a preset saved in the app
 * serves the command line and the other way round.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MappingPresetInfo } from '../../core/api/contract.js';
import { CityGridError } from '../../core/api/errors.js';
import { MAPPING_PRESET_ID, type MappingPreset } from '../../core/fields/apply_mapping_preset.js';
import type { LayerSchema } from '../../core/schema/layer_schema.js';

export function listPresets(folder: string, layer: string | undefined): MappingPresetInfo[] {
  if (!existsSync(folder)) return [];
  const presets: MappingPresetInfo[] = [];
  for (const entry of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    const path = join(folder, entry);
    let preset: Partial<MappingPreset>;
    try {
      preset = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Partial<MappingPreset>;
    } catch {
      // A file someone broke by hand is not offered; the CLI's --mapping names its problem.
      continue;
    }
    if (typeof preset.layer !== 'string' || typeof preset.fields !== 'object' || preset.fields === null) continue;
    if (layer !== undefined && preset.layer !== layer) continue;
    presets.push({ name: entry.slice(0, -'.json'.length), layer: preset.layer, fields: preset.fields, path });
  }
  return presets;
}

export function savePreset(folder: string, name: string, layer: LayerSchema, fields: Record<string, string | null> | undefined): MappingPresetInfo {
  const cleanName = name.trim();
  // A name becomes a file name: letters (any script), digits, space, - and _ only.
  if (!/^[\p{L}\p{N} _-]{1,80}$/u.test(cleanName)) {
    throw new CityGridError('INVALID_REQUEST', `saveMappingPreset: "${name}" is not a usable preset name (letters, digits, space, - and _)`);
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new CityGridError('INVALID_REQUEST', 'saveMappingPreset: fields must be {"FIELD": "column" | null}');
  const known = new Set(layer.fields.map((field) => field.name));
  const unknown = Object.keys(fields).filter((field) => !known.has(field));
  if (unknown.length > 0) throw new CityGridError('INVALID_REQUEST', `saveMappingPreset: layer ${layer.name} has no field ${unknown.join(', ')}`);
  const complete: Record<string, string | null> = {};
  for (const field of layer.fields) {
    const column = fields[field.name];
    complete[field.name] = typeof column === 'string' && column !== '' ? column : null;
  }
  const preset: MappingPreset = { id: MAPPING_PRESET_ID, layer: layer.name, fields: complete };
  const path = join(folder, `${cleanName}.json`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path, `${JSON.stringify(preset, null, 2)}\n`);
  } catch (thrown) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `cannot write the mapping preset (${(thrown as NodeJS.ErrnoException).code ?? (thrown as Error).message})`, path);
  }
  return { name: cleanName, layer: layer.name, fields: complete, path };
}
