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
import { CityGridError } from '../../core/api/errors.js';
import gdal from '../gdal/gdal_runtime.js';
import { runStatement } from '../gdal/gdal_sql.js';
import type { PackedRtree } from './pack_rtree.js';

const NODES_PER_STATEMENT = 400;
/** Node numbers per statement, as a JSON array that SQLite's json_each turns into rows (far faster to parse than VALUES lists). */
const NUMBERS_PER_STATEMENT = 100000;

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function rtreeName(dataset: Dataset, table: string): string {
  return `rtree_${table}_${dataset.layers.get(table).geomColumn}`;
}

/**
 * A statement on GDAL's thread; an empty-message error is GDAL's way of saying "no result
 * layer", i.e. success. `bookkeeping` false runs it with GDAL's DEBUG dialect, which skips what
 * GDAL does around every statement for its layers (flushing each, scanning the text for
 * INSERT and DELETE to distrust feature counts) — half the time of a megabyte of node blobs,
 * and none of it concerns the rtree's own tables. A GDAL without that dialect runs the
 * statement as usual.
 */
async function runStatementAsync(dataset: Dataset, statement: string, bookkeeping = true): Promise<void> {
  try {
    await dataset.executeSQLAsync(statement, undefined, bookkeeping ? undefined : 'DEBUG');
  } catch (thrown) {
    if (thrown instanceof Error && thrown.message) throw thrown;
  }
}

/**
 * One value read through a short-lived read-only connection, closed at once: a result layer
 * of the writing connection, collected later while a load runs on it, would block the event
 * loop (a known gdal-async issue). Called only while the writer holds no transaction.
 */
async function readValue(path: string, query: string): Promise<unknown> {
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
  await runStatementAsync(dataset, `DROP TRIGGER ${quote(trigger)}`);
  return sql;
}

/** Node blobs as VALUES lists of at most NODES_PER_STATEMENT rows. */
function* nodeValueLists(nodes: readonly Buffer[]): Generator<string> {
  for (let start = 0; start < nodes.length; start += NODES_PER_STATEMENT) {
    yield nodes.slice(start, start + NODES_PER_STATEMENT).map((node, index) => `(${start + index + 1},X'${node.toString('hex')}')`).join(',');
  }
}

/**
 * Rows (first + i, numbers[i]) for a two-column shadow table, by SQLite's json_each over
 * slices of the array: `key` is the position in the slice.
 */
function* numberedRows(table: string, numbers: Int32Array, first: number): Generator<string> {
  for (let start = 0; start < numbers.length; start += NUMBERS_PER_STATEMENT) {
    const slice = numbers.subarray(start, start + NUMBERS_PER_STATEMENT);
    yield `INSERT INTO ${quote(table)} SELECT key + ${first + start}, value FROM json_each('[${slice.join(',')}]')`;
  }
}

/** Size in bytes of the layer's R-tree nodes (its root's blob), which a packed tree must match. */
export async function rtreeNodeSize(dataset: Dataset, path: string, table: string): Promise<number> {
  return Number(await readValue(path, `SELECT length(data) FROM ${quote(`${rtreeName(dataset, table)}_node`)} WHERE nodeno = 1`));
}

/** Writes the packed R-tree (its features' fids are 1…n in order), puts the trigger back and checks the tree. */
export async function writePackedRtree(dataset: Dataset, path: string, table: string, packed: PackedRtree, triggerSql: string): Promise<void> {
  const rtree = rtreeName(dataset, table);
  runStatement(dataset, 'BEGIN');
  try {
    for (const part of ['node', 'rowid', 'parent']) await runStatementAsync(dataset, `DELETE FROM ${quote(`${rtree}_${part}`)}`, false);
    for (const values of nodeValueLists(packed.nodes)) await runStatementAsync(dataset, `INSERT INTO ${quote(`${rtree}_node`)} VALUES ${values}`, false);
    // Every node but the root (node 1) has a parent.
    for (const statement of numberedRows(`${rtree}_parent`, packed.parentOfNode.subarray(1), 2)) await runStatementAsync(dataset, statement, false);
    for (const statement of numberedRows(`${rtree}_rowid`, packed.leafOfFeature, 1)) await runStatementAsync(dataset, statement, false);
    await runStatementAsync(dataset, triggerSql);
  } catch (thrown) {
    runStatement(dataset, 'ROLLBACK');
    throw thrown;
  }
  runStatement(dataset, 'COMMIT');
  const check = await readValue(path, `SELECT rtreecheck(${quote(rtree)})`);
  if (check !== 'ok') throw new CityGridError('INTERNAL', `the packed spatial index does not check: ${String(check)}`, `layer:${table}`);
}
