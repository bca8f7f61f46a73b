/**
 * The one bulk loader of GeoPackage spatial indexes, for the import
 * (replace_from_staging.ts) and the sample writer (sample-city/node). SQLite's
 * rtree module has no bulk load and the GeoPackage triggers insert row by row
 * (half the time of loading a million points); instead the layer's R-tree
 * triggers are set aside while its rows are written, the packed tree
 * (pack_rtree.ts) is written straight into the three tables behind the rtree
 * virtual table (`<rtree>_node`, `_parent`, `_rowid`), the triggers are put
 * back, and SQLite's rtreecheck() must pass. The rtree module reads these
 * tables afresh for each statement, so the virtual table sees the new tree at
 * once. Every later edit goes through GDAL and the triggers as usual.
 */
import type { Dataset } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import gdal from './gdal_runtime.js';
import { inTransaction, quoteIdentifier, runStatementAsync } from './gdal_sql.js';
import type { PackedRtree } from './pack_rtree.js';

const NODES_PER_STATEMENT = 400;
/** Numbers per statement, as a JSON array that SQLite's json_each turns into rows (far faster to parse than VALUES lists). */
const NUMBERS_PER_STATEMENT = 100000;

/** Node blobs as VALUES lists of at most NODES_PER_STATEMENT rows. */
function* nodeValueLists(nodes: readonly Buffer[]): Generator<string> {
  for (let start = 0; start < nodes.length; start += NODES_PER_STATEMENT) {
    yield nodes.slice(start, start + NODES_PER_STATEMENT).map((node, index) => `(${start + index + 1},X'${node.toString('hex')}')`).join(',');
  }
}

/**
 * Rows (first + i, numbers[i]) for a two-column shadow table, by SQLite's json_each over
 * slices of the array: `key` is the position in the slice. Zeros are holes: no row.
 */
function* numberedRows(table: string, numbers: Int32Array, first: number): Generator<string> {
  for (let start = 0; start < numbers.length; start += NUMBERS_PER_STATEMENT) {
    const slice = numbers.subarray(start, start + NUMBERS_PER_STATEMENT);
    yield `INSERT INTO ${quoteIdentifier(table)} SELECT key + ${first + start}, value FROM json_each('[${slice.join(',')}]') WHERE value <> 0`;
  }
}

/**
 * Rows (ids[i], numbers[i]) for a two-column shadow table. Fids nearly consecutive (an
 * import's: the staged rows' own, shifted, with holes only where a geometry is empty) go
 * as one array over their range, holes as zeros; scattered ones as one JSON array with
 * the pairs interleaved (slower: a window function pairs each id with its number).
 */
function* identifiedRows(table: string, ids: Float64Array, numbers: Int32Array): Generator<string> {
  if (ids.length === 0) return;
  let [lowest, highest] = [Infinity, -Infinity];
  for (const id of ids) {
    if (id < lowest) lowest = id;
    if (id > highest) highest = id;
  }
  const span = highest - lowest + 1;
  if (span <= 2 * ids.length + NUMBERS_PER_STATEMENT) {
    const dense = new Int32Array(span);
    ids.forEach((id, row) => { dense[id - lowest] = numbers[row]!; });
    yield* numberedRows(table, dense, lowest);
    return;
  }
  const pairs = NUMBERS_PER_STATEMENT / 2;
  for (let start = 0; start < numbers.length; start += pairs) {
    const end = Math.min(numbers.length, start + pairs);
    const interleaved: number[] = [];
    for (let row = start; row < end; row++) interleaved.push(ids[row]!, numbers[row]!);
    yield `INSERT INTO ${quoteIdentifier(table)} SELECT id, number FROM (SELECT key, value AS id, lead(value) OVER (ORDER BY key) AS number `
      + `FROM json_each('[${interleaved.join(',')}]')) WHERE key % 2 = 0`;
  }
}

/**
 * Replaces the content of `rtree`'s tables by the packed tree. No transaction of its own:
 * the caller runs it inside one, with the layer's R-tree triggers set aside, and checks the
 * result with rtreecheck() before committing (as writePackedRtree does). `ids` are the fids of the
 * packed boxes by row (as given to packRtree); without them the fids are 1…n.
 */
export async function writeRtreeTables(dataset: Dataset, rtree: string, packed: PackedRtree, ids?: Float64Array): Promise<void> {
  for (const part of ['node', 'rowid', 'parent']) await runStatementAsync(dataset, `DELETE FROM ${quoteIdentifier(`${rtree}_${part}`)}`, false);
  for (const values of nodeValueLists(packed.nodes)) await runStatementAsync(dataset, `INSERT INTO ${quoteIdentifier(`${rtree}_node`)} VALUES ${values}`, false);
  // Every node but the root (node 1) has a parent.
  for (const statement of numberedRows(`${rtree}_parent`, packed.parentOfNode.subarray(1), 2)) await runStatementAsync(dataset, statement, false);
  const leaves = ids ? identifiedRows(`${rtree}_rowid`, ids, packed.leafOfFeature) : numberedRows(`${rtree}_rowid`, packed.leafOfFeature, 1);
  for (const statement of leaves) await runStatementAsync(dataset, statement, false);
}

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

/** Removes the layer's R-tree insert trigger and returns its SQL, to put it back afterwards (writePackedRtree). */
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

/**
 * For a layer whose rows were appended with its insert trigger set aside (setAsideIndexTrigger)
 * and whose features' fids are 1…n in order: writes the packed tree and puts the trigger back in
 * one transaction, then checks the tree.
 */
export async function writePackedRtree(dataset: Dataset, path: string, table: string, packed: PackedRtree, triggerSql: string): Promise<void> {
  const rtree = rtreeName(dataset, table);
  await inTransaction(dataset, async () => {
    await writeRtreeTables(dataset, rtree, packed);
    await runStatementAsync(dataset, triggerSql);
  });
  const check = await readValue(path, `SELECT rtreecheck(${quoteIdentifier(rtree)})`);
  if (check !== 'ok') throw new CityGridError('INTERNAL', `the packed spatial index does not check: ${String(check)}`, `layer:${table}`);
}
