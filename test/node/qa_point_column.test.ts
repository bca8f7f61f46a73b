/**
 * Point columns as the fast reader decodes them (SQLite cuts the WKB start
 * out of each GeoPackage blob and joins them, GDAL hands the bytes over): exact doubles
 * whatever envelope the header announces, either WKB byte order, Z/M
 * points, and NaN for NULL, non-point and empty points; a column with a
 * blob the cut cannot take is read again the slow way, with the same answers.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import gdal from 'gdal-async';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';
import { decodePointColumn } from '../../src/node/qa/decode_point_column.js';
import { SqlReader } from '../../src/node/qa/sql_columns.js';
import { cleanQaCity, writeQaCity, X0, Y0 } from '../helpers/qa_city.js';
import { tempDir } from '../helpers/paths.js';
import { validateFile } from '../helpers/validate_file.js';

const folder = tempDir('point-column');
after(() => folder.remove());

function double(value: number, littleEndian: boolean): Buffer {
  const bytes = Buffer.alloc(8);
  if (littleEndian) bytes.writeDoubleLE(value);
  else bytes.writeDoubleBE(value);
  return bytes;
}

function uint32(value: number, littleEndian: boolean): Buffer {
  const bytes = Buffer.alloc(4);
  if (littleEndian) bytes.writeUInt32LE(value);
  else bytes.writeUInt32BE(value);
  return bytes;
}

/** A GeoPackage geometry blob: header (flags with envelope code and byte order), envelope, WKB. */
function blob(options: { envelope?: 0 | 1 | 2 | 3 | 4; empty?: boolean; wkbLittleEndian?: boolean; type?: number; coordinates: number[] }): Buffer {
  const envelope = options.envelope ?? 0;
  const flags = 0x01 | (envelope << 1) | (options.empty ? 0x10 : 0);
  const envelopeDoubles = [0, 4, 6, 6, 8][envelope]!;
  const little = options.wkbLittleEndian ?? true;
  return Buffer.concat([
    Buffer.from([0x47, 0x50, 0x00, flags]), uint32(4527, true),
    ...Array.from({ length: envelopeDoubles }, (_, index) => double(index, true)),
    Buffer.from([little ? 1 : 0]), uint32(options.type ?? 1, little),
    ...options.coordinates.map((value) => double(value, little)),
  ]);
}

const X = 39620123.456789012, Y = 3880987.654321098;

/** Blobs as GDAL writes points (no envelope), with either WKB byte order, Z and M, NULL and an empty point. */
const PLAIN: Array<Buffer | null> = [
  blob({ coordinates: [X, Y] }),
  blob({ wkbLittleEndian: false, coordinates: [X + 1, Y + 1] }),
  blob({ type: 2001, coordinates: [X + 2, Y + 2, 7] }),
  blob({ type: 1001, wkbLittleEndian: false, coordinates: [X + 3, Y + 3, 8] }),
  null,
  blob({ empty: true, coordinates: [NaN, NaN] }),
];
const PLAIN_XS = [X, X + 1, X + 2, X + 3, NaN, NaN];
const PLAIN_YS = [Y, Y + 1, Y + 2, Y + 3, NaN, NaN];
/** Blobs only the general decoder reads: every envelope, a polygon, a foreign blob, a truncated one. */
const UNUSUAL: Array<Buffer | null> = [
  blob({ envelope: 1, coordinates: [X + 4, Y + 4] }),
  blob({ envelope: 2, wkbLittleEndian: false, coordinates: [X + 5, Y + 5] }),
  blob({ envelope: 3, type: 2001, coordinates: [X + 6, Y + 6, 7] }),
  blob({ envelope: 4, type: 1001, wkbLittleEndian: false, coordinates: [X + 7, Y + 7, 8] }),
  blob({ envelope: 1, type: 3, coordinates: [1, 1, 0, 0] }),
  Buffer.from('not a geometry at all'),
  blob({ coordinates: [X, Y] }).subarray(0, 20),
];
const UNUSUAL_XS = [X + 4, X + 5, X + 6, X + 7, NaN, NaN, NaN];
const UNUSUAL_YS = [Y + 4, Y + 5, Y + 6, Y + 7, NaN, NaN, NaN];

function writeTable(name: string, rows: Array<Buffer | null>): string {
  const path = join(folder.path, name);
  const created = gdal.open(path, 'w', 'GPKG');
  runStatement(created, 'CREATE TABLE points (fid INTEGER PRIMARY KEY, geom BLOB)');
  rows.forEach((row, index) => runStatement(created, `INSERT INTO points VALUES (${index + 1}, ${row ? `X'${row.toString('hex')}'` : 'NULL'})`));
  created.close();
  return path;
}

test('points as GDAL writes them are read the fast way, exactly; NaN where there is no point', async () => {
  const path = writeTable('plain.gpkg', PLAIN);
  const reader = new SqlReader(gdal.open(path));
  try {
    const prefixes = await reader.pointPrefixes('points', 'geom');
    const fast = decodePointColumn(prefixes, PLAIN.length);
    assert.ok(fast, 'every blob fits the fast way');
    assert.deepEqual([...fast.xs], PLAIN_XS);
    assert.deepEqual([...fast.ys], PLAIN_YS);
    const { xs, ys } = await reader.pointColumns('points', 'geom', PLAIN.length);
    assert.deepEqual([...xs], PLAIN_XS);
    assert.deepEqual([...ys], PLAIN_YS);
  } finally {
    reader.close();
  }
});

test('one unusual blob (an envelope, a polygon, foreign, truncated) has the column read again whole, exactly', async () => {
  const results: string[] = [];
  for (const unusual of UNUSUAL) {
    const path = writeTable(`one-${results.length}.gpkg`, [...PLAIN, unusual]);
    const reader = new SqlReader(gdal.open(path));
    try {
      const prefixes = await reader.pointPrefixes('points', 'geom');
      results.push(decodePointColumn(prefixes, PLAIN.length + 1) === null ? 'refused' : 'taken');
    } finally {
      reader.close();
    }
  }
  assert.deepEqual(results, UNUSUAL.map(() => 'refused'));
  const rows = [...PLAIN, ...UNUSUAL];
  const path = writeTable('unusual.gpkg', rows);
  const reader = new SqlReader(gdal.open(path));
  try {
    const prefixes = await reader.pointPrefixes('points', 'geom');
    assert.equal(decodePointColumn(prefixes, rows.length), null, 'the fast way refuses the column');
    const { xs, ys } = await reader.pointColumns('points', 'geom', rows.length);
    assert.deepEqual([...xs], [...PLAIN_XS, ...UNUSUAL_XS]);
    assert.deepEqual([...ys], [...PLAIN_YS, ...UNUSUAL_YS]);
  } finally {
    reader.close();
  }
});

test('a workspace whose component points carry envelopes validates as the plain one does (the general way, counted by SQL)', async () => {
  const path = await writeQaCity(folder.path, 'envelopes.gpkg', cleanQaCity());
  const dataset = gdal.open(path, 'r+');
  try {
    // Component 1 sits in the middle of grid 1: the same point, now with an xy envelope in its header.
    const point = blob({ envelope: 1, coordinates: [X0 + 50, Y0 + 50] });
    runStatement(dataset, `UPDATE components SET geom = X'${point.toString('hex')}' WHERE fid = 1`);
  } finally {
    dataset.close();
  }
  const report = await validateFile(path);
  assert.deepEqual(report.findings.map((finding) => `${finding.ruleId} ${finding.layer}#${finding.fid}`), []);
  assert.equal(report.checked.components, 8);
  assert.equal(report.checked.addresses, 2);
});
