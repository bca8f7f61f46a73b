/**
 * The import dialog's view of a source: the inspection `citygrid import
 * --dry-run SOURCE` prints (inspect_source.ts), shaped for the contract, plus
 * which workspace field each column is recognised as (legacy, current or
 * Chinese names, schemas/field-aliases.json). And the other way: a mapping
 * the dialog made is handed to the import as the preset file the CLI's
 * --mapping reads, so both paths apply a mapping the same way.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceInspection } from '../../core/api/contract.js';
import { CityGridError } from '../../core/api/errors.js';
import type { TextEncoding } from '../../core/encoding/detect_text_encoding.js';
import { MAPPING_PRESET_ID } from '../../core/fields/apply_mapping_preset.js';
import { SILENT_FEEDBACK } from '../../core/jobs/feedback.js';
import type { LayerSchema } from '../../core/schema/layer_schema.js';
import { inspectSource } from './inspect_source.js';
import { matchSourceFields } from './mapping_preset_file.js';

export async function inspectForUi(source: string, encoding: TextEncoding | undefined, layer: LayerSchema | null): Promise<SourceInspection> {
  const inspected = await inspectSource({ source, encoding }, SILENT_FEEDBACK);
  const guess = inspected.encoding?.guess ?? null;
  const match = layer ? matchSourceFields(layer, inspected.columns, undefined) : null;
  return {
    source: inspected.source, driver: inspected.driver, layers: inspected.layers, sourceLayer: inspected.sourceLayer,
    featureCount: inspected.featureCount, geometryType: inspected.geometryType, crs: inspected.crs, crsNote: inspected.crsNote,
    encoding: inspected.encoding ? {
      readAs: inspected.encoding.readAs, origin: inspected.encoding.origin,
      guessed: guess?.encoding ?? null, confidence: guess ? guess.confidence : null, nonAsciiValues: guess?.nonAsciiValues ?? 0,
      candidates: (guess?.candidates ?? []).map((candidate) => ({ encoding: candidate.encoding, fits: candidate.fits, samples: candidate.samples })),
      warning: inspected.encoding.warning,
    } : null,
    columns: inspected.columns, firstFeature: inspected.firstFeature, warnings: inspected.warnings,
    fieldMatch: layer && match ? {
      layer: layer.name, fields: layer.fields.map((field) => ({ name: field.name, label: field.label })),
      mapping: match.mapping, unmatchedSources: match.unmatchedSources, unfilledFields: match.unfilledFields,
    } : null,
  };
}

/** Runs `work` with the mapping written as a preset file (or none), and removes the file after. */
export async function withMappingFile<T>(layer: string, mapping: Record<string, string | null> | undefined, work: (presetPath: string | undefined) => Promise<T>): Promise<T> {
  if (!mapping || Object.keys(mapping).length === 0) return work(undefined);
  if (typeof mapping !== 'object' || Array.isArray(mapping)) throw new CityGridError('INVALID_REQUEST', 'startImport: mapping must be {"FIELD": "column" | null}');
  const folder = mkdtempSync(join(tmpdir(), 'citygrid-mapping-'));
  const presetPath = join(folder, 'mapping.json');
  try {
    writeFileSync(presetPath, JSON.stringify({ id: MAPPING_PRESET_ID, layer, fields: mapping }));
    return await work(presetPath);
  } catch (thrown) {
    // The file is ours, not the user's: say "the mapping", not a temporary path.
    if (thrown instanceof CityGridError && thrown.place === presetPath) throw new CityGridError(thrown.code, thrown.message.replace(`${presetPath}: `, ''), 'mapping');
    throw thrown;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
