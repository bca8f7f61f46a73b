/**
 * Writes a packed R-tree (pack_rtree.ts) straight into the three tables
 * behind a GeoPackage layer's rtree virtual table (`<rtree>_node`, `_parent`,
 * `_rowid`), replacing whatever they held. No transaction of its own: the
 * caller runs it inside one, with the layer's R-tree triggers set aside, and
 * checks the result with SQLite's rtreecheck() before committing. The rtree
 * module reads these tables afresh for each statement, so the virtual table
 * sees the new tree at once.
 */
import type { Dataset } from 'gdal-async';
import { quoteIdentifier } from './gdal_sql.js';
import type { PackedRtree } from './pack_rtree.js';

const NODES_PER_STATEMENT = 400;
/** Numbers per statement, as a JSON array that SQLite's json_each turns into rows (far faster to parse than VALUES lists). */
const NUMBERS_PER_STATEMENT = 100000;

/**
 * A statement on GDAL's thread; an empty-message error is GDAL's way of saying "no result
 * layer", i.e. success. `bookkeeping` false runs it with GDAL's DEBUG dialect, which skips what
 * GDAL does around every statement for its layers (flushing each, scanning the text for
 * INSERT and DELETE to distrust feature counts) — half the time of a megabyte of node blobs,
 * and none of it concerns the rtree's own tables. A GDAL without that dialect runs the
 * statement as usual.
 */
export async function runStatementAsync(dataset: Dataset, statement: string, bookkeeping = true): Promise<void> {
  try {
    await dataset.executeSQLAsync(statement, undefined, bookkeeping ? undefined : 'DEBUG');
  } catch (thrown) {
    if (thrown instanceof Error && thrown.message) throw thrown;
  }
}

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
 * Replaces the content of `rtree`'s tables by the packed tree. `ids` are the fids of the
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
