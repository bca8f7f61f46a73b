/**
 * The spatial index an import writes in bulk (replace_from_staging.ts):
 * after the import the GeoPackage is valid (validate_gpkg.py, integrity
 * check, rtreecheck), the R-tree holds exactly one entry per feature whose
 * box contains it, the triggers are the ones the layer had, later edits keep
 * the index right; a failure inside the transaction leaves the file as it
 * was. Also the pieces on their own: blob envelopes decoded (and the SQL
 * fallback for blobs without one), the staging-size estimate behind the
 * progress.
 */
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Dataset } from 'gdal-async';
import type { CityGridError } from '../../src/core/api/errors.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { openSource } from '../../src/node/import/open_source.js';
import { decodeBlobPrefixes, readStagedBoxes, type DecodedBoxes } from '../../src/node/import/read_staged_boxes.js';
import { stageSourceLayer, stagingArguments } from '../../src/node/import/stage_source_layer.js';
import { estimateStagingBytes } from '../../src/node/import/staging_progress.js';
import { tempDir } from '../helpers/paths.js';
import { runTool } from '../helpers/run_cli.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';

const VALIDATE_GPKG = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py';
/** Enough points for an R-tree of three levels (51 cells a node) and for the progress estimate to run. */
const POINTS = 30000;
const [X, Y] = TINY.lightPosition;

const folder = tempDir('import-index');
after(() => folder.remove());
let pointsCsv: string;
let roadsCsv: string;

before(() => {
  const rows = ['X,Y,OBJCODE,OBJNAME,BGCODE'];
  for (let index = 0; index < POINTS; index++) {
    // A 200 × 150 lattice, 3 m apart, east of the tiny workspace's features.
    rows.push(`${X + 1000 + (index % 200) * 3},${Y + Math.floor(index / 200) * 3},${String(3713020118100000 + index)},路灯,${TINY.westGrid}`);
  }
  pointsCsv = join(folder.path, 'lights.csv');
  writeFileSync(pointsCsv, `${rows.join('\n')}\n`);
  const roads = ['WKT,ROADCODE,ROADNAME'];
  for (let index = 0; index < 300; index++) {
    roads.push(`"LINESTRING (${X + index * 10} ${Y + 500}, ${X + index * 10 + 7} ${Y + 520}, ${X + index * 10 + 3} ${Y + 540})",R${String(index).padStart(3, '0')},路${index}`);
  }
  roadsCsv = join(folder.path, 'roads.csv');
  writeFileSync(roadsCsv, `${roads.join('\n')}\n`);
});

function value(dataset: Dataset, sql: string): unknown {
  return dataset.executeSQL(sql).features.first()?.fields.get(0) ?? null;
}

function triggersOf(dataset: Dataset, table: string): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  dataset.executeSQL(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '${table}' ORDER BY name`)
    .features.forEach((row) => { rows.push(row.fields.toObject() as Record<string, unknown>); });
  return rows;
}

function readTriggers(path: string, table: string): Array<Record<string, unknown>> {
  const dataset = gdal.open(path);
  try {
    return triggersOf(dataset, table);
  } finally {
    dataset.close();
  }
}

/** rtreecheck, one entry per feature under its fid, each box holding its geometry. */
function assertIndexMatches(dataset: Dataset, table: string, expected: number): void {
  const rtree = `rtree_${table}_geom`;
  assert.equal(value(dataset, `SELECT rtreecheck('${rtree}')`), 'ok', `${rtree} checks`);
  assert.equal(Number(value(dataset, `SELECT count(*) FROM ${table}`)), expected);
  assert.equal(Number(value(dataset, `SELECT count(*) FROM ${rtree}`)), expected, 'one entry per feature');
  const holding = value(dataset, `SELECT count(*) FROM ${table} t JOIN ${rtree} r ON r.id = t.fid WHERE r.minx <= ST_MinX(t.geom) AND r.maxx >= ST_MaxX(t.geom) `
    + 'AND r.miny <= ST_MinY(t.geom) AND r.maxy >= ST_MaxY(t.geom)');
  assert.equal(Number(holding), expected, 'every entry is its feature\'s fid and its box holds the feature');
}

test('an import into an existing workspace writes a sound spatial index, keeps the triggers and a valid GeoPackage', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'existing.gpkg');
  const triggersBefore = { components: readTriggers(workspacePath, 'components'), roads: readTriggers(workspacePath, 'roads') };
  assert.ok(triggersBefore.components.some((trigger) => String(trigger.name).startsWith('rtree_components_geom_')), 'the tiny workspace has R-tree triggers');
  const points = await importLayer({ workspacePath, layer: 'components', source: pointsCsv, crs: 'EPSG:4527' }, SILENT_FEEDBACK);
  const roads = await importLayer({ workspacePath, layer: 'roads', source: roadsCsv, crs: 'EPSG:4527' }, SILENT_FEEDBACK);
  assert.equal(points.imported, POINTS);
  assert.equal(roads.imported, 300);
  const validator = runTool('python3', [VALIDATE_GPKG, workspacePath]);
  assert.equal(validator.status, 0, `validate_gpkg.py: ${validator.stdout}${validator.stderr}`);
  const dataset = gdal.open(workspacePath, 'r+');
  try {
    assert.equal(value(dataset, 'PRAGMA integrity_check'), 'ok');
    assertIndexMatches(dataset, 'components', POINTS);
    assertIndexMatches(dataset, 'roads', 300);
    assert.deepEqual(triggersOf(dataset, 'components'), triggersBefore.components, 'the same triggers, word for word');
    assert.deepEqual(triggersOf(dataset, 'roads'), triggersBefore.roads);
    assert.equal(Number(value(dataset, 'SELECT min(fid) FROM components')), 4, 'fids go on past the replaced features\' (1–3), none reused');
    assert.equal(Number(value(dataset, "SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'components'")), POINTS);
    // The spatial index answers through GDAL: the lattice's corner point, and the road drawn there.
    const layer = dataset.layers.get('components');
    layer.setSpatialFilter(X + 999, Y - 1, X + 1001, Y + 1);
    assert.equal(String(layer.features.first()?.fields.get('OBJCODE')), '3713020118100000');
    const roadLayer = dataset.layers.get('roads');
    roadLayer.setSpatialFilter(X + 2990 + 6, Y + 519, X + 2990 + 8, Y + 521);
    assert.equal(String(roadLayer.features.first()?.fields.get('ROADCODE')), 'R299');
  } finally {
    dataset.close();
  }
  // Edits through GDAL after the import go through the restored triggers. (A dataset of its
  // own: the rtree module refuses writes while result sets of the queries above still read it.)
  const editing = gdal.open(workspacePath, 'r+');
  try {
    const layer = editing.layers.get('components');
    const feature = new gdal.Feature(layer);
    feature.fields.set({ OBJCODE: '3713020118199999' });
    feature.setGeometry(new gdal.Point(X + 5000, Y + 5000));
    layer.features.add(feature);
    layer.features.remove(4);
  } finally {
    editing.close();
  }
  const edited = gdal.open(workspacePath);
  try {
    assertIndexMatches(edited, 'components', POINTS);
  } finally {
    edited.close();
  }
});

test('a failure inside the replacing transaction leaves the workspace byte-for-byte as it was, triggers and index included', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'refusing.gpkg');
  // A real SQLite trigger of the workspace's own that refuses the last lattice point: the
  // INSERT fails after the R-tree triggers were set aside and the old rows deleted.
  const dataset = gdal.open(workspacePath, 'r+');
  runStatement(dataset, `CREATE TRIGGER refuse_last AFTER INSERT ON components WHEN NEW.OBJCODE = '${String(3713020118100000 + POINTS - 1)}' BEGIN SELECT RAISE(ABORT, 'refused by the workspace'); END`);
  dataset.close();
  const before = readFileSync(workspacePath);
  await assert.rejects(importLayer({ workspacePath, layer: 'components', source: pointsCsv, crs: 'EPSG:4527' }, SILENT_FEEDBACK),
    (error: CityGridError) => /refused by the workspace/.test(error.message));
  assert.ok(readFileSync(workspacePath).equals(before), 'the workspace file is byte-for-byte unchanged');
  const reopened = gdal.open(workspacePath);
  try {
    assertIndexMatches(reopened, 'components', 3);
  } finally {
    reopened.close();
  }
});

/** A GeoPackage geometry blob: header (flags given), optional envelope, WKB. */
function blob(flags: number, envelope: number[], wkb: Buffer): Buffer {
  const header = Buffer.from([0x47, 0x50, 0, flags, 0, 0, 0x11, 0xaf]);
  const box = Buffer.alloc(envelope.length * 8);
  envelope.forEach((number, index) => (flags & 1 ? box.writeDoubleLE(number, index * 8) : box.writeDoubleBE(number, index * 8)));
  return Buffer.concat([header, box, wkb]);
}

function pointWkb(x: number, y: number, littleEndian = true): Buffer {
  const wkb = Buffer.alloc(21);
  wkb[0] = littleEndian ? 1 : 0;
  if (littleEndian) {
    wkb.writeUInt32LE(1, 1); wkb.writeDoubleLE(x, 5); wkb.writeDoubleLE(y, 13);
  } else {
    wkb.writeUInt32BE(1, 1); wkb.writeDoubleBE(x, 5); wkb.writeDoubleBE(y, 13);
  }
  return wkb;
}

/** Records as SQLite hands them over: 8-byte big-endian fid, the blob's first 40 bytes, zero-padded. */
function records(blobs: Array<[number, Buffer]>): Buffer {
  return Buffer.concat(blobs.map(([fid, geometry]) => {
    const record = Buffer.alloc(48);
    record.writeBigUInt64BE(BigInt(fid), 0);
    geometry.copy(record, 8, 0, Math.min(40, geometry.length));
    return record;
  }));
}

test('blob envelopes are read in either byte order, points from their WKB, empties skipped, the rest left to SQL', () => {
  const boxes: DecodedBoxes = {
    count: 0, ids: new Float64Array(8), undecoded: [],
    minX: new Float64Array(8), minY: new Float64Array(8), maxX: new Float64Array(8), maxY: new Float64Array(8),
  };
  const lineWkb = Buffer.from('010200000000000000', 'hex');
  decodeBlobPrefixes(records([
    [7, blob(0b011, [1, 2, 3, 4], lineWkb)], // xy envelope, little-endian: minX 1, maxX 2, minY 3, maxY 4
    [8, blob(0b010, [5, 6, 7, 8], lineWkb)], // big-endian
    [9, blob(0b001, [], pointWkb(39620050.25, 3880050.5))],
    [10, blob(0b000, [], pointWkb(-1.5, 2.5, false))],
    [11, blob(0b10001, [], pointWkb(NaN, NaN))], // the empty flag
    [12, blob(0b001, [], lineWkb)], // a line without envelope
    [13, Buffer.from('not a geometry at all, no GP magic here')],
  ]), boxes);
  assert.equal(boxes.count, 4);
  assert.deepEqual([...boxes.ids.subarray(0, 4)], [7, 8, 9, 10]);
  assert.deepEqual([boxes.minX[0], boxes.minY[0], boxes.maxX[0], boxes.maxY[0]], [1, 3, 2, 4]);
  assert.deepEqual([boxes.minX[1], boxes.minY[1], boxes.maxX[1], boxes.maxY[1]], [5, 7, 6, 8]);
  assert.deepEqual([boxes.minX[2], boxes.minY[2], boxes.maxX[2], boxes.maxY[2]], [39620050.25, 3880050.5, 39620050.25, 3880050.5]);
  assert.deepEqual([boxes.minX[3], boxes.minY[3]], [-1.5, 2.5]);
  assert.deepEqual(boxes.undecoded, [12, 13]);
});

test('a staged line whose blob lacks an envelope gets its box from SQL', async () => {
  const path = join(folder.path, 'no-envelope.gpkg');
  const converted = runTool('ogr2ogr', ['-f', 'GPKG', '-oo', 'GEOM_POSSIBLE_NAMES=WKT', '-a_srs', 'EPSG:4527', '-nln', 'staging', '-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=NO', path, roadsCsv]);
  assert.equal(converted.status, 0, converted.stderr);
  const dataset = gdal.open(path, 'r+');
  const original = Buffer.from(String(value(dataset, 'SELECT hex(geom) FROM staging WHERE fid = 2')), 'hex');
  // Same geometry, envelope dropped (flags: envelope kind 0), as a writer other than GDAL may store it.
  const stripped = Buffer.concat([original.subarray(0, 3), Buffer.from([original[3]! & ~0b1110]), original.subarray(4, 8), original.subarray(40)]);
  runStatement(dataset, `UPDATE staging SET geom = X'${stripped.toString('hex')}' WHERE fid = 2`);
  dataset.close();
  const boxes = await readStagedBoxes(path, 'staging', 'geom', 300);
  assert.equal(boxes.count, 300);
  const row = [...boxes.ids.subarray(0, boxes.count)].indexOf(2);
  assert.deepEqual([boxes.minX[row], boxes.minY[row], boxes.maxX[row], boxes.maxY[row]], [X + 10, Y + 500, X + 17, Y + 540]);
});

test('the staging size estimated for the progress is close to the size the staging file reaches', async () => {
  const opened = await openSource({ source: pointsCsv });
  try {
    const options = { sourceLayer: opened.layer, mapping: { OBJCODE: 'OBJCODE', OBJNAME: 'OBJNAME', BGCODE: 'BGCODE' }, assignedCrs: 'EPSG:4527', targetCrs: 'EPSG:4527' };
    const estimate = await estimateStagingBytes(opened.dataset, stagingArguments(options), POINTS);
    const stagingPath = join(folder.path, 'estimated-staging.gpkg');
    const staged = await stageSourceLayer({ ...options, dataset: opened.dataset, recipe: opened.recipe, sourcePath: pointsCsv, stagingPath }, SILENT_FEEDBACK);
    staged.dataset.close();
    const size = statSync(stagingPath).size;
    assert.ok(estimate !== null && Math.abs(estimate - size) / size < 0.25, `estimated ${estimate} bytes, staged ${size}`);
  } finally {
    opened.close();
  }
});
