/**
 * Shared by the import, export and corpus tests: source files written by
 * GDAL's own ogr2ogr from the tiny workspace, zips built file by file, and
 * what a workspace layer holds, read back read-only through GDAL.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CityGridError } from '../../src/core/api/errors.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { runTool } from '../helpers/run_cli.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';

/** Runs ogr2ogr and fails the test with its message if it fails. */
export function ogr2ogr(args: string[]): void {
  const result = runTool('ogr2ogr', args);
  assert.equal(result.status, 0, `ogr2ogr ${args.join(' ')}: ${result.stderr}`);
}

/** Writes a zip holding `entries` (name inside the zip → file on disk), names exactly as given. */
export function writeZip(zipPath: string, entries: Record<string, string>): void {
  const script = 'import sys, zipfile, json\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n  for name, path in json.loads(sys.argv[2]).items(): z.write(path, name)';
  const result = runTool('python3', ['-c', script, zipPath, JSON.stringify(entries)]);
  assert.equal(result.status, 0, result.stderr);
}

export interface LayerFeature {
  properties: Record<string, unknown>;
  /** Every vertex, flattened: [x, y, x, y, …]. */
  coordinates: number[];
  kind: string;
}

/** A workspace layer's features keyed by `keyField`, read with GDAL read-only (never touches the file). */
export function readLayer(path: string, layerName: string, keyField: string): Map<string, LayerFeature> {
  const dataset = gdal.open(path);
  try {
    const layer = dataset.layers.get(layerName);
    const features = new Map<string, LayerFeature>();
    layer.features.forEach((feature) => {
      const geometry = feature.getGeometry();
      const object = geometry ? (geometry.toObject() as { type: string; coordinates: unknown }) : { type: 'None', coordinates: [] };
      const properties = feature.fields.toObject() as Record<string, unknown>;
      const coordinates = object.type === 'Polygon' ? normalizeRings(object.coordinates as number[][][]) : flatten(object.coordinates);
      features.set(String(properties[keyField]), { properties, coordinates, kind: object.type });
    });
    return features;
  } finally {
    dataset.close();
  }
}

/**
 * Formats store the same polygon with another start vertex or winding
 * (FileGDB winds outer rings clockwise); the shape is what counts, so each
 * ring is opened, wound counter-clockwise and started at its lowest-left vertex.
 */
function normalizeRings(rings: number[][][]): number[] {
  return rings.flatMap((ring) => {
    let open = ring.slice(0, -1);
    const area = open.reduce((sum, [x, y], index) => {
      const [nextX, nextY] = open[(index + 1) % open.length]!;
      return sum + x! * nextY! - nextX! * y!;
    }, 0);
    if (area < 0) open = open.reverse();
    // Lowest x + y: a tie between vertices a reprojection nudged apart by a nanometre cannot flip it.
    const start = open.reduce((best, point, index) => (point[0]! + point[1]! < open[best]![0]! + open[best]![1]! - 1e-6 ? index : best), 0);
    return [...open.slice(start), ...open.slice(0, start)].flat();
  });
}

function flatten(value: unknown): number[] {
  return Array.isArray(value) ? value.flatMap((item) => flatten(item)) : typeof value === 'number' ? [value] : [];
}

/** Text as a user reads it: a Shapefile or CSV cannot tell an empty string from none. */
export function asText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Asserts two layers hold the same features: attributes equal, every coordinate within `tolerance` (metres). */
export function assertSameFeatures(actual: Map<string, LayerFeature>, expected: Map<string, LayerFeature>, fields: string[], tolerance: number, label: string): void {
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${label}: the same features`);
  for (const [key, want] of expected) {
    const got = actual.get(key)!;
    for (const field of fields) {
      const wanted = want.properties[field];
      const found = got.properties[field];
      if (typeof wanted === 'number') assert.ok(Math.abs(Number(found) - wanted) < 1e-9, `${label} ${key}.${field}: ${String(found)} ≠ ${wanted}`);
      else assert.equal(asText(found), asText(wanted), `${label} ${key}.${field}`);
    }
    assert.equal(got.kind, want.kind, `${label} ${key}: geometry kind`);
    assert.equal(got.coordinates.length, want.coordinates.length, `${label} ${key}: vertex count`);
    const worst = Math.max(0, ...got.coordinates.map((value, index) => Math.abs(value - want.coordinates[index]!)));
    assert.ok(worst <= tolerance, `${label} ${key}: coordinates off by ${worst} m (allowed ${tolerance})`);
  }
}

export function bytesOf(path: string): Buffer {
  return readFileSync(path);
}

let refusals = 0;

/**
 * An import of `source` into a fresh tiny workspace (in `folder`) is refused
 * with `code`, a message matching `message` and naming `place`; the
 * workspace file keeps every byte.
 */
export async function assertImportRefused(folder: string, source: string, code: string, message: RegExp, place = source): Promise<void> {
  const workspacePath = await createTinyWorkspace(folder, `refused-${++refusals}.gpkg`);
  const before = bytesOf(workspacePath);
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source }, SILENT_FEEDBACK), (error: CityGridError) => {
    assert.equal(error.code, code, error.message);
    assert.ok(error.message.includes(place), `names ${place}: ${error.message}`);
    assert.match(error.message, message);
    return true;
  });
  assert.ok(bytesOf(workspacePath).equals(before), 'the workspace file is byte-for-byte unchanged');
}
