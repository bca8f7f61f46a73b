/**
 * Refuses what is not a plain file (or a folder, where a folder is meant)
 * before anything opens it. A named pipe, socket or device named `x.gpkg` or
 * `x.csv` would make the open wait for a writer forever, and since GDAL reads
 * on the calling thread, a web host would stop answering everyone. `stat`
 * itself never blocks on a pipe, so this check is safe to run first. A path
 * that does not exist passes: the opener says so in its own words.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';

export interface RegularFileOptions {
  /** A folder is acceptable too (FileGDB, a folder of shapefiles). */
  folderAllowed?: boolean;
  /** Also check the files beside it that share its stem (a shapefile's .dbf, .shx, .prj, .cpg). */
  withSidecars?: boolean;
}

export function requireRegularFile(path: string, options: RegularFileOptions = {}): void {
  const stats = statOrNull(path);
  if (!stats) return;
  if (stats.isDirectory()) {
    if (!options.folderAllowed) throw new CityGridError('FILE_UNREADABLE', 'is a folder, not a file', path);
    return;
  }
  refuseSpecial(path, stats);
  if (!options.withSidecars) return;
  const stem = basename(path, extname(path));
  for (const entry of readdirSync(dirname(path))) {
    if (entry === basename(path) || !entry.startsWith(`${stem}.`)) continue;
    const sidecar = join(dirname(path), entry);
    const sidecarStats = statOrNull(sidecar);
    if (sidecarStats && !sidecarStats.isDirectory()) refuseSpecial(sidecar, sidecarStats);
  }
}

function refuseSpecial(path: string, stats: Stats): void {
  if (stats.isFile()) return;
  const kind = stats.isFIFO() ? 'a named pipe (FIFO)' : stats.isSocket() ? 'a socket' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'not a regular file';
  throw new CityGridError('FILE_UNREADABLE', `is ${kind}, not a regular file: reading it could wait forever, so it is refused`, path);
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
