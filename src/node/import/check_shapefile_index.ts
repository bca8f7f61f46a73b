/**
 * A cheap look at a shapefile's index before GDAL reads it: the .shx holds
 * 8 bytes per record after a 100-byte header, and each record in the .shp
 * takes at least 12 bytes, so an index that lists more records than the
 * .shp can hold is damaged (or hostile: an .shx claiming gigabytes); a .shp
 * shorter than its header says was cut off in transfer. Only sizes and the
 * 100-byte header are read.
 */
import { CityGridError } from '../../core/api/errors.js';
import { findShapefilePart, type ResolvedSource } from './resolve_source.js';

const HEADER = 100;
const INDEX_RECORD = 8;
const SMALLEST_SHAPE_RECORD = 12;

export async function checkShapefileIndex(source: ResolvedSource, layerName: string): Promise<void> {
  const shx = findShapefilePart(source, layerName, 'shx');
  const shp = findShapefilePart(source, layerName, 'shp');
  if (!shx || !shp) return;
  const listed = Math.floor(Math.max(0, shx.size - HEADER) / INDEX_RECORD);
  const room = Math.floor(Math.max(0, shp.size - HEADER) / SMALLEST_SHAPE_RECORD);
  if (listed > room) {
    throw new CityGridError('FILE_CORRUPT', `the index lists ${listed} records (${shx.size} bytes) but ${shp.place} (${shp.size} bytes) can hold at most ${room}; the .shx is damaged`, shx.place);
  }
  const header = await shp.read(0, HEADER);
  if (header && header.length === HEADER) {
    // Bytes 24–27: the file length in 16-bit words, big-endian.
    const declared = new DataView(header.buffer, header.byteOffset, HEADER).getUint32(24, false) * 2;
    if (shp.size < declared) {
      throw new CityGridError('FILE_CORRUPT', `the file is ${shp.size} bytes but its header says ${declared}: it was cut off (truncated)`, shp.place);
    }
  }
}
