/**
 * Statements run through GDAL's SQL entry point. GeoPackage maps BEGIN /
 * COMMIT / ROLLBACK onto real SQLite transactions, but gdal-async throws an
 * empty-message error whenever a statement returns no result layer; that is
 * success, and only errors with a message are real failures.
 */
import type { Dataset } from 'gdal-async';

/** An SQL identifier (table, column) in double quotes, inner quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** An SQL string literal in single quotes, inner quotes doubled. */
export function quoteText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function runStatement(dataset: Dataset, statement: string): void {
  try {
    dataset.executeSQL(statement);
  } catch (thrown) {
    if (thrown instanceof Error && thrown.message) throw thrown;
  }
}

/**
 * A statement on GDAL's thread; an empty-message error is GDAL's way of saying "no result
 * layer", i.e. success. `bookkeeping` false runs it with GDAL's DEBUG dialect, which skips what
 * GDAL does around every statement for its layers (flushing each, scanning the text for
 * INSERT and DELETE to distrust feature counts) — half the time of a megabyte of R-tree node
 * blobs; only for tables GDAL does not keep as layers (bulk_load_rtree.ts). A GDAL without
 * that dialect runs the statement as usual.
 */
export async function runStatementAsync(dataset: Dataset, statement: string, bookkeeping = true): Promise<void> {
  try {
    await dataset.executeSQLAsync(statement, undefined, bookkeeping ? undefined : 'DEBUG');
  } catch (thrown) {
    if (thrown instanceof Error && thrown.message) throw thrown;
  }
}

/**
 * Runs `work` inside one SQLite transaction: everything it writes is
 * committed together or, if it throws, rolled back, so the file on disk is
 * never left half-written (SQLite's journal also covers a crash mid-commit).
 */
export async function inTransaction<T>(dataset: Dataset, work: () => Promise<T> | T): Promise<T> {
  runStatement(dataset, 'BEGIN');
  let value: T;
  try {
    value = await work();
  } catch (thrown) {
    runStatement(dataset, 'ROLLBACK');
    throw thrown;
  }
  runStatement(dataset, 'COMMIT');
  return value;
}
