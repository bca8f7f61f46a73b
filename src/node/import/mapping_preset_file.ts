/**
 * Field-mapping presets on disk (`--mapping FILE` to reuse one,
 * `--save-mapping FILE` to keep the mapping an import used). Every problem
 * is reported against the preset file, since that is what the user edits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CityGridError } from '../../core/api/errors.js';
import { applyMappingPreset, mappingPresetOf } from '../../core/fields/apply_mapping_preset.js';
import { matchFields, type FieldAliases, type FieldMatch } from '../../core/fields/match_fields.js';
import type { LayerSchema } from '../../core/schema/layer_schema.js';
import { readSchemaFile } from '../schemas/load_schemas.js';

/** The mapping of source columns onto a layer: by the preset when one is given, else by the alias table. */
export function matchSourceFields(layer: LayerSchema, columns: string[], presetPath: string | undefined): FieldMatch {
  const aliases = readSchemaFile<FieldAliases>('field-aliases.json');
  if (!presetPath) return matchFields(layer, aliases, columns);
  let text: string;
  try {
    text = readFileSync(presetPath, 'utf8');
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    throw new CityGridError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', code === 'ENOENT' ? 'no such mapping preset' : `cannot read the mapping preset (${code})`, presetPath);
  }
  let preset: unknown;
  try {
    preset = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (thrown) {
    throw new CityGridError('FILE_CORRUPT', `the mapping preset is not valid JSON (${(thrown as Error).message})`, presetPath);
  }
  const result = applyMappingPreset(layer, aliases, columns, preset);
  if (!result.ok) throw new CityGridError('INVALID_REQUEST', `mapping preset: ${result.problems.join('; ')}`, presetPath);
  return result.match;
}

export function saveMappingPreset(path: string, layer: LayerSchema, match: FieldMatch): void {
  try {
    writeFileSync(path, `${JSON.stringify(mappingPresetOf(layer, match), null, 2)}\n`);
  } catch (thrown) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `cannot write the mapping preset (${(thrown as NodeJS.ErrnoException).code ?? (thrown as Error).message})`, path);
  }
}
