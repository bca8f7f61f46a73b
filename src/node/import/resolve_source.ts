/**
 * Where GDAL should look for a source, and where a shapefile's side files
 * are. A .zip is read in place through /vsizip/; when its data sits in one
 * folder inside the zip (people zip the folder, not the files), or is one
 * GeoPackage/GeoJSON/… file, GDAL is pointed there. Side-file names are
 * matched ignoring case (senate.DBF next to senate.shp).
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import { checkSourceContent, checkSourcePath } from './check_source_policy.js';
import { listZipEntries, readZipEntryPrefix, type ZipEntry } from './read_zip_entries.js';

export interface ResolvedSource {
  /** The path the user gave, for messages. */
  path: string;
  /** What GDAL opens. */
  gdalPath: string;
  zip: { entries: ZipEntry[]; folder: string } | null;
}

/** One side file of a shapefile, loose or inside a zip, read in bounded pieces. */
export interface SourcePart {
  place: string;
  size: number;
  /** Bytes [offset, offset + length), or null when they cannot be read here (beyond a zip entry's readable prefix). */
  read(offset: number, length: number): Promise<Uint8Array | null>;
  /** False inside a zip: only a prefix can be read, sampling must stay at the start. */
  randomAccess: boolean;
}

/** Zips under another name, which GDAL's drivers unpack themselves: their entries are held to the same caps. */
const ZIPS_BY_OTHER_NAMES = ['.kmz', '.shz'];
const DATA_EXTENSIONS = ['.gpkg', '.geojson', '.json', '.kml', '.kmz', '.csv', '.dxf', '.shp'];
/** The most of a zipped side file read for sampling. */
export const ZIP_PREFIX_LIMIT = 1024 * 1024;

export function resolveSource(path: string): ResolvedSource {
  checkSourcePath(path);
  if (!existsSync(path)) throw new CityGridError('FILE_NOT_FOUND', 'no such file', path);
  const stats = statSync(path);
  if (stats.isDirectory()) return { path, gdalPath: path, zip: null };
  // A pipe or device would make the read wait for a writer, forever.
  if (!stats.isFile()) throw new CityGridError('FILE_UNREADABLE', 'not a regular file (a pipe, socket or device): refused, reading it could wait forever', path);
  checkSourceContent(path);
  const extension = extname(path).toLowerCase();
  if (ZIPS_BY_OTHER_NAMES.includes(extension)) listZipEntries(path);
  if (extension !== '.zip') return { path, gdalPath: path, zip: null };
  const entries = listZipEntries(path);
  const data = entries.filter((entry) => !entry.name.endsWith('/') && DATA_EXTENSIONS.includes(extname(entry.name).toLowerCase()));
  const shapefileFolders = new Set(data.filter((entry) => extname(entry.name).toLowerCase() === '.shp').map((entry) => folderOf(entry.name)));
  const geodatabases = new Set(entries.map((entry) => /^(.*\.gdb)\//i.exec(entry.name)?.[1]).filter((name): name is string => Boolean(name)));
  let folder = '';
  let inner = '';
  if (shapefileFolders.size === 1) {
    folder = [...shapefileFolders][0]!;
    inner = folder;
  } else if (shapefileFolders.size === 0 && geodatabases.size === 1) {
    inner = [...geodatabases][0]!;
  } else if (shapefileFolders.size === 0 && data.length === 1) {
    inner = data[0]!.name;
  }
  return { path, gdalPath: inner ? `/vsizip/${path}/${inner}` : `/vsizip/${path}`, zip: { entries, folder } };
}

function folderOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? '' : name.slice(0, slash);
}

/** The side file `<layer>.<extension>` of a shapefile layer, if it exists. */
export function findShapefilePart(source: ResolvedSource, layerName: string, extension: string): SourcePart | null {
  const wanted = `${layerName}.${extension}`.toLowerCase();
  if (source.zip) {
    const { entries, folder } = source.zip;
    const entry = entries.find((candidate) => candidate.name.toLowerCase() === (folder ? `${folder}/${wanted}` : wanted).toLowerCase());
    return entry ? zipPart(source.path, entry) : null;
  }
  const shapefile = source.gdalPath;
  const folder = statSync(shapefile).isDirectory() ? shapefile : dirname(shapefile);
  const name = readdirSync(folder).find((candidate) => candidate.toLowerCase() === wanted);
  return name ? loosePart(join(folder, name)) : null;
}

/** The shapefile layer a loose .shp path names (its base name), for side-file lookup. */
export function shapefileLayerName(path: string): string {
  return basename(path, extname(path));
}

function loosePart(path: string): SourcePart {
  return {
    place: path,
    size: statSync(path).size,
    randomAccess: true,
    async read(offset, length) {
      const descriptor = openSync(path, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const read = readSync(descriptor, buffer, 0, length, offset);
        return buffer.subarray(0, read);
      } finally {
        closeSync(descriptor);
      }
    },
  };
}

function zipPart(zipPath: string, entry: ZipEntry): SourcePart {
  return {
    place: `${zipPath}/${entry.name}`,
    size: entry.size,
    randomAccess: false,
    async read(offset, length) {
      if (offset + length > ZIP_PREFIX_LIMIT) return null;
      const prefix = await readZipEntryPrefix(zipPath, entry, Math.min(entry.size, offset + length));
      return prefix ? prefix.subarray(offset, offset + length) : null;
    },
  };
}
