/**
 * The child process that reads a source where the reading can be stopped
 * (run_source_child.ts starts it): GDAL's calls cannot be interrupted in
 * the process that made them (gdal-async's progress callback cannot abort,
 * a SQLite query of a hostile view never returns), but a process can be
 * killed. Two tasks:
 * - `probe-geopackage`: open a GeoPackage source and list its views and
 *   virtual tables (reading sqlite_master evaluates none of them), so the
 *   import can refuse a layer whose reading could run forever;
 * - `stage`: the staging translation (stage_source_layer.ts), so that a
 *   Cancel stops it at once.
 * Request: JSON in argv[2]; answer: one JSON line on stdout.
 */
import { CityGridError, toServiceError } from '../../core/api/errors.js';
import gdal from '../gdal/gdal_runtime.js';
import { GEOPACKAGE_SOURCE_OPEN_OPTIONS } from './check_source_policy.js';

export interface SchemaObject { name: string; kind: 'view' | 'virtual table' }

export type SourceChildRequest =
  | { task: 'probe-geopackage'; gdalPath: string }
  | { task: 'stage'; gdalPath: string; driver: string; openOptions: string[]; stagingPath: string; args: string[]; place: string };

/** SQLite's R-tree is how GeoPackage indexes geometries: a virtual table every GeoPackage may have. */
const RTREE_MODULE = /USING\s+rtree\b/i;

function probeGeoPackage(gdalPath: string): { objects: SchemaObject[] } {
  let dataset;
  try {
    dataset = gdal.drivers.get('GPKG').open(gdalPath, 'r', GEOPACKAGE_SOURCE_OPEN_OPTIONS);
  } catch {
    // Not a GeoPackage after all: opening it in the import says what it is.
    return { objects: [] };
  }
  try {
    const result = dataset.executeSQL("SELECT name, type, sql FROM sqlite_master WHERE type = 'view' OR (type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%')");
    const objects: SchemaObject[] = [];
    result.features.forEach((row) => {
      const { name, type, sql } = row.fields.toObject() as { name: string; type: string; sql: string | null };
      if (type === 'view') objects.push({ name, kind: 'view' });
      else if (!RTREE_MODULE.test(sql ?? '')) objects.push({ name, kind: 'virtual table' });
    });
    return { objects };
  } finally {
    dataset.close();
  }
}

async function stage(request: Extract<SourceChildRequest, { task: 'stage' }>): Promise<{ staged: true }> {
  const source = gdal.drivers.get(request.driver).open(request.gdalPath, 'r', request.openOptions);
  try {
    const staged = await gdal.vectorTranslateAsync(request.stagingPath, source, request.args);
    staged.close();
    return { staged: true };
  } catch (thrown) {
    throw new CityGridError('FILE_CORRUPT', `GDAL could not read it to the end: ${(thrown as Error).message || 'damaged record'}`, request.place);
  } finally {
    source.close();
  }
}

async function main(): Promise<void> {
  // Ctrl-C reaches the whole process group: the parent decides, and kills this process if it cancels.
  process.on('SIGINT', () => undefined);
  // A parent killed outright (kill -9) cannot kill this process: it notices being orphaned and stops.
  const parent = process.ppid;
  setInterval(() => { if (process.ppid !== parent) process.exit(1); }, 500).unref();
  const request = JSON.parse(process.argv[2]!) as SourceChildRequest;
  try {
    const value = request.task === 'probe-geopackage' ? probeGeoPackage(request.gdalPath) : await stage(request);
    process.stdout.write(`${JSON.stringify({ ok: true, value })}\n`);
  } catch (thrown) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: toServiceError(thrown) })}\n`);
  }
  process.exit(0);
}

void main();
