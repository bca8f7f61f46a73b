/**
 * Loads a GeoPackage layer's spatial index in bulk: while the layer's
 * features are appended, the trigger that would insert each one into the
 * R-tree is set aside; then the packed tree (pack_rtree.ts) is written into
 * the rtree's own tables and the trigger put back, in one transaction, and
 * SQLite's rtreecheck() confirms the tree matches the table. Only for the
 * sample's freshly created staging workspace: every later edit goes
 * through GDAL and the triggers as usual.
 */
import type { Dataset } from 'gdal-async';
import { CityGridError } from '../../src/core/api/errors.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { quoteIdentifier, runStatement } from '../../src/node/gdal/gdal_sql.js';
import type { PackedRtree } from '../../src/node/gdal/pack_rtree.js';
import { runStatementAsync, writeRtreeTables } from '../../src/node/gdal/write_rtree_tables.js';

function rtreeName(dataset: Dataset, table: string): string {
  return `rtree_${table}_${dataset.layers.get(table).geomColumn}`;
}

/**
 * One value read through a short-lived read-only connection, closed at once: a result layer
 * of the writing connection, collected later while a load runs on it, would block the event
 * loop (a known gdal-async issue). Called only while the writer holds no transaction.
 */
export async function readValue(path: string, query: string): Promise<unknown> {
  const reader = await gdal.openAsync(path, 'r');
  try {
    const result = await reader.executeSQLAsync(query);
    const feature = result.features.first();
    return feature ? feature.fields.get(0) : null;
  } finally {
    reader.close();
  }
}

/** Removes the layer's R-tree insert trigger and returns its SQL, to put it back afterwards. */
export async function setAsideIndexTrigger(dataset: Dataset, path: string, table: string): Promise<string> {
  const trigger = `${rtreeName(dataset, table)}_insert`;
  const sql = await readValue(path, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '${trigger.replace(/'/g, "''")}'`);
  if (typeof sql !== 'string') throw new CityGridError('INTERNAL', `the workspace has no trigger ${trigger}`, `layer:${table}`);
  await runStatementAsync(dataset, `DROP TRIGGER ${quoteIdentifier(trigger)}`);
  return sql;
}

/** Size in bytes of the layer's R-tree nodes (its root's blob), which a packed tree must match. */
export async function rtreeNodeSize(dataset: Dataset, path: string, table: string): Promise<number> {
  return Number(await readValue(path, `SELECT length(data) FROM ${quoteIdentifier(`${rtreeName(dataset, table)}_node`)} WHERE nodeno = 1`));
}

/** Writes the packed R-tree (its features' fids are 1…n in order), puts the trigger back and checks the tree. */
export async function writePackedRtree(dataset: Dataset, path: string, table: string, packed: PackedRtree, triggerSql: string): Promise<void> {
  const rtree = rtreeName(dataset, table);
  runStatement(dataset, 'BEGIN');
  try {
    await writeRtreeTables(dataset, rtree, packed);
    await runStatementAsync(dataset, triggerSql);
  } catch (thrown) {
    runStatement(dataset, 'ROLLBACK');
    throw thrown;
  }
  runStatement(dataset, 'COMMIT');
  const check = await readValue(path, `SELECT rtreecheck(${quoteIdentifier(rtree)})`);
  if (check !== 'ok') throw new CityGridError('INTERNAL', `the packed spatial index does not check: ${String(check)}`, `layer:${table}`);
}
