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
