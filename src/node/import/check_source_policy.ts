/**
 * What an import source may be: one file (or a FileGDB folder, or a zip of
 * them) in a format CityGrid imports, read for itself alone. GDAL can do much
 * more with a "file name": a VRT describes a layer held in another file or
 * behind a URL, `/vsicurl/…`, `PG:…` or `WFS:…` are connections, a WMS/WFS
 * XML names a server. Through the web host, any page holding the token could
 * then read files of the service machine, or make it fetch URLs, into a layer.
 * So the path must be a plain path, the content must not be such a
 * description, and GDAL may open it only with the drivers listed here.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';

/**
 * The GDAL drivers an import opens with (README, Import): Shapefile loose or
 * zipped, GeoPackage, GeoJSON, FileGDB (GDAL's own reader), KML/KMZ (either
 * of GDAL's readers), CSV with X/Y or WKT, DXF. None of them follows a
 * reference out of the file it reads.
 */
export const IMPORT_DRIVERS = ['ESRI Shapefile', 'GPKG', 'GeoJSON', 'OpenFileGDB', 'KML', 'LIBKML', 'CSV', 'DXF'] as const;

/** The names of IMPORT_DRIVERS people know the formats by, for messages. */
const FORMAT_NAMES = 'Shapefile, GeoPackage, GeoJSON, FileGDB, KML, CSV, DXF';

/** The part of a file read to tell a GDAL description (VRT, WMS, WFS…) from data. */
const SNIFF_BYTES = 4096;

/**
 * Root elements of the XML files that tell GDAL to read something else: the
 * VRT drivers (vector and raster), the web-service drivers' descriptions and
 * the capabilities documents GDAL opens as a connection.
 */
const REFERENCING_ROOTS = /<\s*(OGRVRTDataSource|VRTDataset|GDAL_WMS|GDAL_WCS|WCS_GDAL|OGRWFSDataSource|WFS_Capabilities|WMS_Capabilities|WMT_MS_Capabilities|Capabilities|OGRAPISpy|GDALTileIndexDataset|GDAL_WMTS|WMTS_Capabilities)\b/;

/** XML text starts with "<", after an optional byte-order mark (read as latin1) and white space. */
const XML_START = /^(\xEF\xBB\xBF)?\s*</;

/** Paths GDAL reads as a connection or a virtual file system, not as a file: `PG:…`, `WFS:…`, `/vsicurl/…`, `http://…`. */
const CONNECTION_PREFIX = /^([A-Za-z][A-Za-z0-9_+.-]+):/;
const VIRTUAL_FILE_SYSTEM = /(^|[\\/])vsi[a-z0-9_]+[\\/]/i;

/** Refuses a source path that GDAL would read as something other than a file on this machine. */
export function checkSourcePath(path: string): void {
  const connection = CONNECTION_PREFIX.exec(path);
  // One letter before the colon is a Windows drive (C:\data\x.shp), not a connection.
  if (connection && connection[1]!.length > 1) {
    throw new CityGridError('FORMAT_UNSUPPORTED', `"${connection[1]}:" is a GDAL connection string or URL, not a file: an import reads files on this machine only`, path);
  }
  if (VIRTUAL_FILE_SYSTEM.test(path)) {
    throw new CityGridError('FORMAT_UNSUPPORTED', 'a GDAL virtual file system path (/vsicurl/, /vsizip/, …) is not a file: give the file itself (a .zip is read as it is)', path);
  }
}

/** Refuses a file whose content tells GDAL to read other files or URLs (VRT, WMS/WFS descriptions). */
export function checkSourceContent(path: string): void {
  const extension = extname(path).toLowerCase();
  if (extension === '.vrt') throw referencing(path, 'a GDAL virtual format (VRT)');
  let head: string;
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    head = buffer.subarray(0, readSync(descriptor, buffer, 0, SNIFF_BYTES, 0)).toString('latin1');
  } finally {
    closeSync(descriptor);
  }
  // Only XML can be such a description; binary and other text formats are left to their drivers.
  if (!XML_START.test(head)) return;
  const root = REFERENCING_ROOTS.exec(head);
  if (root) throw referencing(path, `a GDAL description (<${root[1]}>)`);
}

function referencing(path: string, what: string): CityGridError {
  return new CityGridError('FORMAT_UNSUPPORTED', `${what} names other files or URLs for GDAL to read; an import reads only the file it is given: import the data file itself (${FORMAT_NAMES})`, path);
}

/** The message for a file none of IMPORT_DRIVERS can open. */
export function unsupportedFormatMessage(gdalMessage: string): string {
  return `GDAL cannot read it as a format CityGrid imports (${FORMAT_NAMES}): ${gdalMessage || 'unrecognised or damaged file'}`;
}

/**
 * How a GeoPackage source is opened (read-only besides): its schema is not
 * trusted, so SQL functions with side effects cannot run from its views or
 * triggers (SQLite's trusted_schema).
 */
export const GEOPACKAGE_SOURCE_OPEN_OPTIONS = ['PRELUDE_STATEMENTS=PRAGMA trusted_schema = OFF'];
