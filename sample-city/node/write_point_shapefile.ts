/**
 * The point shapefile deliverables (components, addresses: a million
 * records each at full scale) written straight from the generated features,
 * in GBK, as GDAL writes them: the same .shp, .shx and .dbf bytes (the DBF
 * header carries the day it was written, as GDAL's does), with GDAL's own
 * .prj text and a .cpg. Going through a GBK CSV and ogr2ogr instead cost
 * 14 s of CPU on top of the CSV itself (GDAL parses every line and seeks
 * and flushes for every DBF record), a third of the whole sample; this
 * costs about what writing that CSV did. Only point layers whose fields are
 * all text, which is what the sample's point deliverables are; the others
 * still go through GDAL (load_csv_layers.ts). A value longer than its field
 * (the generator makes none) is cut before a whole character, where GDAL
 * would widen the field.
 */
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import type { LayerSchema } from '../../src/core/schema/layer_schema.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { encodeGbkField } from './encode_gbk.js';

const SHAPE_HEADER_BYTES = 100;
const POINT_RECORD_BYTES = 28;
const INDEX_RECORD_BYTES = 8;
/** Records buffered before a write. */
const RECORDS_PER_WRITE = 8192;

export function isPlainPointLayer(schema: LayerSchema): boolean {
  return schema.geometry === 'Point' && schema.fields.every((field) => field.type === 'String' && (field.width ?? 254) <= 254 && field.name.length <= 10);
}

/** GDAL's .prj text for the CRS: its WKT in ESRI's dialect. */
function esriWkt(crs: string): string {
  const srs = gdal.SpatialReference.fromUserInput(crs);
  srs.morphToESRI();
  return srs.toWKT();
}

/** The 100-byte header .shp and .shx share; `bytes` is that file's length. */
function shapeHeader(bytes: number, box: [number, number, number, number]): Buffer {
  const header = Buffer.alloc(SHAPE_HEADER_BYTES);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE(bytes / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(1, 32); // Point
  box.forEach((value, index) => header.writeDoubleLE(value, 36 + index * 8));
  return header;
}

export class PointShapefileWriter {
  private readonly widths: number[];
  private readonly recordBytes: number;
  private readonly dbfHeaderBytes: number;
  private readonly points = Buffer.alloc(RECORDS_PER_WRITE * POINT_RECORD_BYTES);
  private readonly index = Buffer.alloc(RECORDS_PER_WRITE * INDEX_RECORD_BYTES);
  private readonly records: Buffer;
  private buffered = 0;
  private count = 0;
  private box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];

  private constructor(
    readonly basePath: string,
    private readonly schema: LayerSchema,
    private readonly crs: string,
    private readonly files: { shp: FileHandle; shx: FileHandle; dbf: FileHandle },
  ) {
    this.widths = schema.fields.map((field) => field.width ?? 254);
    this.recordBytes = 1 + this.widths.reduce((sum, width) => sum + width, 0);
    this.dbfHeaderBytes = 32 + 32 * schema.fields.length + 1;
    this.records = Buffer.alloc(RECORDS_PER_WRITE * this.recordBytes, 0x20);
  }

  /** Opens `<basePath>.shp/.shx/.dbf`; the headers are written by finish(), when the counts and extent are known. */
  static async create(basePath: string, schema: LayerSchema, crs: string): Promise<PointShapefileWriter> {
    const handles: FileHandle[] = [];
    try {
      for (const extension of ['shp', 'shx', 'dbf']) handles.push(await open(`${basePath}.${extension}`, 'w'));
    } catch (thrown) {
      for (const handle of handles) await handle.close();
      throw thrown;
    }
    const [shp, shx, dbf] = handles as [FileHandle, FileHandle, FileHandle];
    return new PointShapefileWriter(basePath, schema, crs, { shp, shx, dbf });
  }

  /** Adds a feature; returns a promise only when the buffers had to be written out (await it). */
  add(feature: FeatureRecord): Promise<void> | null {
    if (feature.geometry.type !== 'Point') throw new Error(`a point shapefile cannot hold a ${feature.geometry.type}`);
    const [x, y] = feature.geometry.coordinates;
    const row = this.buffered++;
    this.count++;
    const box = this.box;
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
    const point = row * POINT_RECORD_BYTES;
    this.points.writeInt32BE(this.count, point);
    this.points.writeInt32BE((POINT_RECORD_BYTES - 8) / 2, point + 4);
    this.points.writeInt32LE(1, point + 8);
    this.points.writeDoubleLE(x, point + 12);
    this.points.writeDoubleLE(y, point + 20);
    const entry = row * INDEX_RECORD_BYTES;
    this.index.writeInt32BE((SHAPE_HEADER_BYTES + (this.count - 1) * POINT_RECORD_BYTES) / 2, entry);
    this.index.writeInt32BE((POINT_RECORD_BYTES - 8) / 2, entry + 4);
    // The record: the deletion flag (blank), then each field left-aligned and blank-padded (the buffer starts blank).
    let offset = row * this.recordBytes + 1;
    const fields = this.schema.fields;
    for (let field = 0; field < fields.length; field++) {
      const value = feature.properties[fields[field]!.name];
      if (value !== null && value !== undefined && value !== '') encodeGbkField(String(value), this.records, offset, this.widths[field]!);
      offset += this.widths[field]!;
    }
    return this.buffered === RECORDS_PER_WRITE ? this.flush() : null;
  }

  /** Writes the buffered records at their places (after the headers; positional writes leave no file position to rely on). */
  private async flush(): Promise<void> {
    const rows = this.buffered;
    if (rows === 0) return;
    const first = this.count - rows;
    await this.files.shp.write(this.points, 0, rows * POINT_RECORD_BYTES, SHAPE_HEADER_BYTES + first * POINT_RECORD_BYTES);
    await this.files.shx.write(this.index, 0, rows * INDEX_RECORD_BYTES, SHAPE_HEADER_BYTES + first * INDEX_RECORD_BYTES);
    await this.files.dbf.write(this.records, 0, rows * this.recordBytes, this.dbfHeaderBytes + first * this.recordBytes);
    this.records.fill(0x20, 0, rows * this.recordBytes);
    this.buffered = 0;
  }

  private dbfHeader(): Buffer {
    const header = Buffer.alloc(this.dbfHeaderBytes);
    const today = new Date();
    header[0] = 0x03;
    [header[1], header[2], header[3]] = [today.getFullYear() - 1900, today.getMonth() + 1, today.getDate()];
    header.writeUInt32LE(this.count, 4);
    header.writeUInt16LE(this.dbfHeaderBytes, 8);
    header.writeUInt16LE(this.recordBytes, 10);
    this.schema.fields.forEach((field, index) => {
      const at = 32 + 32 * index;
      header.write(field.name, at, 'latin1');
      header[at + 11] = 0x43; // 'C'
      header[at + 16] = this.widths[index]!;
    });
    header[this.dbfHeaderBytes - 1] = 0x0d;
    return header;
  }

  /** Writes what is buffered, the headers, the DBF end mark, the .prj and .cpg, and closes the files. */
  async finish(): Promise<void> {
    try {
      await this.flush();
      const box: [number, number, number, number] = this.count > 0 ? this.box : [0, 0, 0, 0];
      await this.files.shp.write(shapeHeader(SHAPE_HEADER_BYTES + this.count * POINT_RECORD_BYTES, box), 0, SHAPE_HEADER_BYTES, 0);
      await this.files.shx.write(shapeHeader(SHAPE_HEADER_BYTES + this.count * INDEX_RECORD_BYTES, box), 0, SHAPE_HEADER_BYTES, 0);
      await this.files.dbf.write(Buffer.from([0x1a]), 0, 1, this.dbfHeaderBytes + this.count * this.recordBytes);
      await this.files.dbf.write(this.dbfHeader(), 0, this.dbfHeaderBytes, 0);
    } finally {
      await this.close();
    }
    await writeFile(`${this.basePath}.prj`, esriWkt(this.crs));
    await writeFile(`${this.basePath}.cpg`, 'GBK');
  }

  /** Closes the files without finishing them (after a failure; the caller removes them). */
  async close(): Promise<void> {
    for (const handle of Object.values(this.files)) await handle.close().catch(() => undefined);
  }
}
