/**
 * Writes a planned migration into the workspace, inside the caller's
 * transaction: widens a code column the new layout does not fit in (a
 * 14-character grid column would cut a 15-character code on Shapefile
 * export), rewrites every field from one old→new table per code kind, and
 * reads back that no old code is left where the plan changed it. Any
 * failure throws, and the caller's transaction rolls everything back.
 */
import type { Dataset, Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import type { CodeKind } from '../../core/codes/code_layout.js';
import type { FieldMigrationPlan } from '../../core/codes/plan_workspace_migration.js';
import { quoteIdentifier, quoteText, runStatement } from '../gdal/gdal_sql.js';

/** Rows per INSERT: within SQLite's limit on terms in one statement. */
const ROWS_PER_INSERT = 400;

const mapTable = (kind: CodeKind): string => `citygrid_migrate_${kind}`;

export interface AppliedField { layer: string; field: string; widenedTo?: number; updated: number }

/**
 * `keep` holds result layers until the dataset closes (see read_code_values.ts).
 * Read to the end: a statement stepped only once keeps its tables locked, and
 * the map tables could not be dropped.
 */
function countRows(dataset: Dataset, sql: string, keep: Layer[]): number {
  const result = dataset.executeSQL(sql);
  keep.push(result);
  const counts = result.features.map((feature) => Number(feature.fields.get('n')));
  return counts[0] ?? 0;
}

/** Widens a text column through OGR SQL (GDAL rebuilds the GeoPackage table, in the open transaction). */
function widenColumn(dataset: Dataset, layer: string, field: string, width: number): boolean {
  const current = dataset.layers.get(layer).fields.get(field).width;
  if (current === 0 || current >= width) return false;
  runOgrSqlStatement(dataset, `ALTER TABLE ${quoteIdentifier(layer)} ALTER COLUMN ${quoteIdentifier(field)} TYPE character(${width})`, 'OGRSQL');
  return true;
}

/** As runStatement, in GDAL's own SQL dialect (which knows ALTER COLUMN TYPE; SQLite does not). */
function runOgrSqlStatement(dataset: Dataset, statement: string, dialect: string): void {
  try {
    dataset.executeSQL(statement, undefined, dialect);
  } catch (thrown) {
    if (thrown instanceof Error && thrown.message) throw thrown;
  }
}

function fillMapTable(dataset: Dataset, kind: CodeKind, changes: Map<string, string>): void {
  const table = mapTable(kind);
  runStatement(dataset, `CREATE TEMP TABLE ${table} (old TEXT PRIMARY KEY, new TEXT NOT NULL)`);
  const pairs = [...changes];
  for (let start = 0; start < pairs.length; start += ROWS_PER_INSERT) {
    const rows = pairs.slice(start, start + ROWS_PER_INSERT).map(([from, to]) => `(${quoteText(from)}, ${quoteText(to)})`).join(', ');
    runStatement(dataset, `INSERT INTO temp.${table} (old, new) VALUES ${rows}`);
  }
}

export function applyCodeChanges(dataset: Dataset, fields: FieldMigrationPlan[], widths: Map<CodeKind, number>, path: string, keep: Layer[]): AppliedField[] {
  const byKind = new Map<CodeKind, Map<string, string>>();
  for (const field of fields) {
    const changes = byKind.get(field.kind) ?? new Map<string, string>();
    for (const change of field.changes) changes.set(change.from, change.to);
    byKind.set(field.kind, changes);
  }
  const kinds = [...byKind].filter(([, changes]) => changes.size > 0).map(([kind]) => kind);
  for (const kind of kinds) fillMapTable(dataset, kind, byKind.get(kind)!);
  const applied: AppliedField[] = [];
  try {
    for (const field of fields) {
      if (field.changes.length === 0) continue;
      const layer = quoteIdentifier(field.layer);
      const column = quoteIdentifier(field.field);
      const table = `temp.${mapTable(field.kind)}`;
      const width = widths.get(field.kind) ?? 0;
      const widened = widenColumn(dataset, field.layer, field.field, width);
      try {
        runStatement(dataset, `UPDATE ${layer} SET ${column} = (SELECT new FROM ${table} WHERE old = ${layer}.${column}) WHERE ${column} IN (SELECT old FROM ${table})`);
      } catch (thrown) {
        // GDAL prefixes SQLite's reason with the whole statement; the admin needs the reason.
        const reason = (thrown as Error).message.split('\n').map((line) => line.trim()).filter(Boolean).pop() ?? 'unknown error';
        throw new CityGridError('OUTPUT_UNWRITABLE', `layer ${field.layer}, field ${field.field}: the codes could not be rewritten (${reason}); nothing was changed`, path);
      }
      const left = countRows(dataset, `SELECT COUNT(*) AS n FROM ${layer} WHERE ${column} IN (SELECT old FROM ${table})`, keep);
      const written = countRows(dataset, `SELECT COUNT(*) AS n FROM ${layer} WHERE ${column} IN (SELECT new FROM ${table})`, keep);
      if (left > 0 || written < field.counts.migrated) {
        throw new CityGridError('INTERNAL', `layer ${field.layer}, field ${field.field}: the migration did not apply as planned (${left} old codes left, ${written} new codes for ${field.counts.migrated} planned); nothing was changed`, path);
      }
      applied.push({ layer: field.layer, field: field.field, ...(widened ? { widenedTo: width } : {}), updated: field.counts.migrated });
    }
  } finally {
    for (const kind of kinds) runStatement(dataset, `DROP TABLE IF EXISTS temp.${mapTable(kind)}`);
  }
  return applied;
}
