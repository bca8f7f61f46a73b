/**
 * SQLite lets one process write a database at a time; a second writer (two
 * imports at the same moment, an import while another process commits) gets
 * "database is locked". That is no fault of the file: said as the workspace
 * being busy, with what to do, instead of "not a GeoPackage workspace".
 */
import { CityGridError } from '../../core/api/errors.js';

const LOCKED = /database (table )?is locked|SQLITE_BUSY/i;

/** The thrown error as WORKSPACE_BUSY when SQLite said the workspace is locked, else null. */
export function workspaceBusyError(thrown: unknown, path: string): CityGridError | null {
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  if (!LOCKED.test(message)) return null;
  return new CityGridError('WORKSPACE_BUSY', 'another process is writing this workspace (database is locked): wait until it has finished, then retry; nothing was changed', path);
}
