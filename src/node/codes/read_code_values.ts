/**
 * Reads the distinct values of each code field in a workspace, with how many
 * features hold each: the migration plans per distinct code, and a city's
 * million components share far fewer grid codes than they have rows.
 * Fields whose layer or column the file lacks are skipped and named, so an
 * older workspace without, say, a cases layer still migrates.
 */
import type { Dataset, Layer } from 'gdal-async';
import type { CodeField } from '../../core/codes/code_layout.js';
import type { CodeFieldValues } from '../../core/codes/plan_workspace_migration.js';
import { quoteIdentifier } from '../gdal/gdal_sql.js';

export interface CodeValuesRead {
  fields: CodeFieldValues[];
  /** Declared code fields this file does not have, as `layer.field`. */
  missing: string[];
}

/** Whether the file has this layer and column (the schema may be newer than the file). */
export function hasField(dataset: Dataset, layer: string, field: string): boolean {
  const names = new Set(dataset.layers.map((candidate) => candidate.name));
  if (!names.has(layer)) return false;
  return dataset.layers.get(layer).fields.indexOf(field) >= 0;
}

/**
 * @param keep result layers are held until the dataset closes: one freed by
 *   the garbage collector while another call on the dataset runs deadlocks gdal-async.
 */
export function readCodeValues(dataset: Dataset, fields: CodeField[], keep: Layer[]): CodeValuesRead {
  const read: CodeFieldValues[] = [];
  const missing: string[] = [];
  for (const field of fields) {
    if (!hasField(dataset, field.layer, field.field)) {
      missing.push(`${field.layer}.${field.field}`);
      continue;
    }
    const column = quoteIdentifier(field.field);
    const result = dataset.executeSQL(`SELECT ${column} AS code, COUNT(*) AS features FROM ${quoteIdentifier(field.layer)} GROUP BY ${column}`);
    keep.push(result);
    const values = result.features.map((feature) => {
      const code = feature.fields.get('code') as unknown;
      return { code: code === null || code === undefined ? null : String(code), count: Number(feature.fields.get('features')) };
    });
    read.push({ ...field, values });
  }
  return { fields: read, missing };
}
