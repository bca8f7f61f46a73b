/**
 * A GeoPackage source is a SQLite database, and SQLite runs what its schema
 * says: a layer that is a VIEW is a query, and a recursive one never ends (an
 * import hung past 130 s on one). Its triggers would run on writes, but a
 * source is only ever opened read-only, and its SQL never reaches the
 * workspace: GDAL translates the rows into a staging file of its own making
 * (no triggers, no views), and only that is attached to the workspace.
 *
 * What remains is time. No SQLite progress handler or interrupt is reachable
 * through gdal-async, so the schema is read in a child process with a time
 * bound (run_source_child.ts), and a source is refused when a layer it would
 * read is a view or a virtual table (other than GeoPackage's R-tree), or
 * when GeoPackage's own tables are views. Tables are read in time bounded by
 * the file's size.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import type { ResolvedSource } from './resolve_source.js';
import { runSourceChild } from './run_source_child.js';
import type { SchemaObject } from './source_child.js';

/**
 * Reading a GeoPackage's schema takes well under a second (GDAL's open of a
 * full city's workspace: ~50 ms); a source still at it after this long is
 * built to stall.
 */
export const SCHEMA_READ_SECONDS = 15;

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface GeoPackageProbe {
  objects: SchemaObject[];
}

/** True when the source is a SQLite database (a GeoPackage, whatever it is named), loose or the one file of a zip. */
export function isSqliteSource(resolved: ResolvedSource): boolean {
  if (resolved.zip) return extname(resolved.gdalPath).toLowerCase() === '.gpkg';
  const descriptor = openSync(resolved.gdalPath, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    readSync(descriptor, header, 0, header.length, 0);
    return header.toString('latin1') === SQLITE_HEADER;
  } catch {
    return false; // A folder (FileGDB).
  } finally {
    closeSync(descriptor);
  }
}

/** Reads the source's views and virtual tables within SCHEMA_READ_SECONDS; refuses one whose GeoPackage tables are views. */
export async function probeGeoPackageSource(resolved: ResolvedSource): Promise<GeoPackageProbe> {
  const probe = await runSourceChild<GeoPackageProbe>({ task: 'probe-geopackage', gdalPath: resolved.gdalPath }, {
    place: resolved.path, timeoutSeconds: SCHEMA_READ_SECONDS, doing: 'reading its GeoPackage schema',
  });
  const system = probe.objects.find((object) => /^(gpkg|sqlite)_/i.test(object.name));
  if (system) throw new CityGridError('FILE_CORRUPT', `its GeoPackage table ${system.name} is a ${system.kind}, not a table: not a GeoPackage CityGrid reads`, resolved.path);
  return probe;
}

/** Refuses a chosen layer that is a view or virtual table: reading it runs SQL of the source, for as long as that SQL wants. */
export function checkLayerIsTable(probe: GeoPackageProbe, layerName: string, place: string): void {
  const object = probe.objects.find((candidate) => candidate.name.toLowerCase() === layerName.toLowerCase());
  if (object) {
    throw new CityGridError('FORMAT_UNSUPPORTED', `layer "${layerName}" is a SQL ${object.kind}, not a table: reading it would run the source's own SQL (which may never end). Save it as a table (e.g. ogr2ogr) and import that`, place);
  }
}
