/**
 * Point columns as the fast reader decodes them (SQLite cuts the WKB start
 * out of each GeoPackage blob, Node decodes the hex at once): exact doubles
 * whatever envelope the header announces, either WKB byte order, Z/M
 * points, and NaN for NULL, non-point, empty-flagged and foreign blobs.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import gdal from 'gdal-async';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';
import { SqlReader } from '../../src/node/qa/sql_columns.js';
import { tempDir } from '../helpers/paths.js';

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

test('points are read exactly from every kind of GeoPackage blob, NaN where there is no point', async () => {
  const x = 39620123.456789012, y = 3880987.654321098;
  const rows: Array<Buffer | null> = [
    blob({ coordinates: [x, y] }),
    blob({ envelope: 1, coordinates: [x + 1, y + 1] }),
    blob({ envelope: 2, wkbLittleEndian: false, coordinates: [x + 2, y + 2] }),
    blob({ envelope: 3, type: 2001, coordinates: [x + 3, y + 3, 7] }),
    blob({ envelope: 4, type: 1001, wkbLittleEndian: false, coordinates: [x + 4, y + 4, 8] }),
    null,
    blob({ envelope: 1, type: 3, coordinates: [1, 1, 0, 0] }),
    Buffer.from('not a geometry at all'),
    blob({ coordinates: [x, y] }).subarray(0, 20),
    blob({ empty: true, coordinates: [NaN, NaN] }),
  ];
  const path = join(folder.path, 'points.gpkg');
  const created = gdal.open(path, 'w', 'GPKG');
  runStatement(created, 'CREATE TABLE points (fid INTEGER PRIMARY KEY, geom BLOB)');
  rows.forEach((row, index) => runStatement(created, `INSERT INTO points VALUES (${index + 1}, ${row ? `X'${row.toString('hex')}'` : 'NULL'})`));
  created.close();
  const reader = new SqlReader(gdal.open(path));
  try {
    const { xs, ys } = await reader.pointColumns('points', 'geom', rows.length);
    assert.deepEqual([...xs], [x, x + 1, x + 2, x + 3, x + 4, NaN, NaN, NaN, NaN, NaN]);
    assert.deepEqual([...ys], [y, y + 1, y + 2, y + 3, y + 4, NaN, NaN, NaN, NaN, NaN]);
  } finally {
    reader.close();
  }
});
