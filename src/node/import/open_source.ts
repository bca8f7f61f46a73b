/**
 * Opens an import source with GDAL and picks its layer. The formats an import
 * reads (Shapefile loose or zipped, GeoPackage, GeoJSON, FileGDB, KML, CSV,
 * DXF) are GDAL's drivers allowed by check_source_policy.ts, nothing that
 * reads other files or URLs; a GeoPackage's schema is probed first, within a
 * time bound (probe_geopackage_source.ts). Two need help: a shapefile's text encoding
 * (detect_source_encoding.ts) and a CSV's encoding (transcode_csv.ts) and
 * geometry columns (X/Y or WKT, by the names in schemas/field-aliases.json). A source with several layers
 * must say which one, unless one is named like the target layer.
 */
import { extname } from 'node:path';
import type { Dataset, Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import type { TextEncoding } from '../../core/encoding/detect_text_encoding.js';
import type { FieldAliases } from '../../core/fields/match_fields.js';
import gdal from '../gdal/gdal_runtime.js';
import { readSchemaFile } from '../schemas/load_schemas.js';
import { checkShapefileIndex } from './check_shapefile_index.js';
import { GEOPACKAGE_SOURCE_OPEN_OPTIONS, IMPORT_DRIVERS, unsupportedFormatMessage } from './check_source_policy.js';
import { checkLayerIsTable, isSqliteSource, probeGeoPackageSource } from './probe_geopackage_source.js';
import { detectSourceEncoding, type SourceEncoding } from './detect_source_encoding.js';
import { resolveSource, shapefileLayerName, type ResolvedSource } from './resolve_source.js';
import { prepareCsvText } from './transcode_csv.js';

export interface OpenSourceOptions {
  source: string;
  encoding?: TextEncoding | undefined;
  /** The layer to read from a source with several. */
  sourceLayer?: string | undefined;
  /** A layer of this name is taken when the source has several and none was chosen (the target layer). */
  layerHint?: string | undefined;
}

/** How to open the source again, as this process did, in another process (the staging child). */
export interface SourceRecipe {
  gdalPath: string;
  driver: string;
  openOptions: string[];
}

export interface OpenedSource {
  resolved: ResolvedSource;
  recipe: SourceRecipe;
  dataset: Dataset;
  layer: Layer;
  driver: string;
  layerNames: string[];
  /** Shapefiles and CSV only. */
  encoding: SourceEncoding | null;
  /** What GDAL warned about while opening (e.g. a .cpg it cannot recode from). */
  warnings: string[];
  /** Closes the dataset and removes any temporary copy. */
  close(): void;
}

export async function openSource(options: OpenSourceOptions): Promise<OpenedSource> {
  const resolved = resolveSource(options.source);
  const isCsv = extname(resolved.gdalPath).toLowerCase() === '.csv';
  // A loose .shp is checked before GDAL opens it: GDAL would read a hostile index whole.
  const looseShapefile = !resolved.zip && extname(resolved.gdalPath).toLowerCase() === '.shp';
  if (looseShapefile) await checkShapefileIndex(resolved, shapefileLayerName(resolved.gdalPath));
  // Bounded in time before this process's GDAL touches it: a GeoPackage's schema can stall whatever reads it.
  const geoPackage = isSqliteSource(resolved) ? await probeGeoPackageSource(resolved) : null;
  const csvText = isCsv && !resolved.zip ? prepareCsvText(resolved.gdalPath, options.encoding) : null;
  gdal.lastError = null;
  let dataset: Dataset;
  let recipe: SourceRecipe;
  try {
    recipe = isCsv ? { gdalPath: csvText?.gdalPath ?? resolved.gdalPath, driver: 'CSV', openOptions: csvOpenOptions() }
      : geoPackage ? { gdalPath: resolved.gdalPath, driver: 'GPKG', openOptions: GEOPACKAGE_SOURCE_OPEN_OPTIONS } : { gdalPath: resolved.gdalPath, driver: '', openOptions: [] };
    dataset = recipe.driver ? openWith(recipe.driver, { ...resolved, gdalPath: recipe.gdalPath }, recipe.openOptions) : openPlain(resolved);
    recipe.driver = dataset.driver.description;
  } catch (thrown) {
    csvText?.cleanup();
    throw thrown;
  }
  try {
    const onOpen = gdal.lastError as GdalMessage;
    let layer = pickLayer(dataset, options);
    if (geoPackage) checkLayerIsTable(geoPackage, layer.name, options.source);
    const warnings = checkGdalErrors(layer, options.source, onOpen);
    const driver = dataset.driver.description;
    let encoding: SourceEncoding | null = csvText?.encoding ?? null;
    if (driver === 'ESRI Shapefile') {
      if (!looseShapefile) await checkShapefileIndex(resolved, layer.name);
      encoding = await detectSourceEncoding(resolved, layer.name, options.encoding);
      if (encoding.openOption) {
        const name = layer.name;
        dataset.close();
        gdal.lastError = null;
        recipe = { gdalPath: resolved.gdalPath, driver, openOptions: [`ENCODING=${encoding.openOption}`] };
        dataset = openWith(driver, resolved, recipe.openOptions);
        const onReopen = gdal.lastError as GdalMessage;
        layer = dataset.layers.get(name);
        warnings.splice(0, warnings.length, ...checkGdalErrors(layer, options.source, onReopen));
      }
    } else if (options.encoding && !csvText) {
      throw new CityGridError('INVALID_REQUEST', `--encoding applies to shapefiles and CSV files; GDAL reads ${driver} text as the format declares it`, options.source);
    }
    if (isCsv && layer.geomType === gdal.wkbNone) {
      const names = readSchemaFile<FieldAliases>('field-aliases.json').csvGeometryColumns!;
      throw new CityGridError('FORMAT_UNSUPPORTED', `the CSV has no geometry columns: name them X and Y (or ${names.x.slice(1).join('/')} and ${names.y.slice(1).join('/')}), or put WKT in a column named ${names.wkt.join('/')}`, options.source);
    }
    const opened = dataset;
    const close = (): void => {
      opened.close();
      csvText?.cleanup();
    };
    return { resolved, recipe, dataset, layer, driver, layerNames: dataset.layers.map((candidate) => candidate.name), encoding, warnings, close };
  } catch (thrown) {
    dataset.close();
    csvText?.cleanup();
    throw thrown;
  }
}

/**
 * Some drivers open a damaged file "successfully" and report the damage only
 * as an error message, handing back an empty layer (a FileGDB table cut
 * short reads as 0 features). GDAL keeps the last message per thread; the
 * opening is synchronous, so it is this thread's. Counting makes lazy
 * drivers actually read the table.
 */
type GdalMessage = { level: number; message: string } | null;

function checkGdalErrors(layer: Layer, place: string, onOpen: GdalMessage): string[] {
  gdal.lastError = null;
  layer.features.count();
  const onRead = gdal.lastError as GdalMessage;
  gdal.lastError = null;
  const messages = [onOpen, onRead].filter((message): message is NonNullable<GdalMessage> => message !== null);
  const failure = messages.find((message) => message.level >= 3);
  if (failure) throw new CityGridError('FILE_CORRUPT', `GDAL reports it damaged: ${failure.message.trim()}`, place);
  return messages.filter((message) => message.level === 2).map((message) => `GDAL: ${message.message.trim()}`);
}

/** Only with the drivers an import allows (check_source_policy.ts): never VRT, WFS, PostgreSQL, … */
function openPlain(resolved: ResolvedSource): Dataset {
  try {
    return gdal.open(resolved.gdalPath, 'r', [...IMPORT_DRIVERS]);
  } catch (thrown) {
    throw new CityGridError('FILE_CORRUPT', unsupportedFormatMessage((thrown as Error).message), resolved.path);
  }
}

function openWith(driverName: string, resolved: ResolvedSource, openOptions: string[]): Dataset {
  try {
    return gdal.drivers.get(driverName).open(resolved.gdalPath, 'r', openOptions);
  } catch (thrown) {
    throw new CityGridError('FILE_CORRUPT', `GDAL cannot read it as ${driverName}: ${(thrown as Error).message || 'unrecognised or damaged file'}`, resolved.path);
  }
}

function csvOpenOptions(): string[] {
  const names = readSchemaFile<FieldAliases>('field-aliases.json').csvGeometryColumns!;
  return [
    `X_POSSIBLE_NAMES=${names.x.join(',')}`,
    `Y_POSSIBLE_NAMES=${names.y.join(',')}`,
    `GEOM_POSSIBLE_NAMES=${names.wkt.join(',')}`,
    'KEEP_GEOM_COLUMNS=NO',
  ];
}

function pickLayer(dataset: Dataset, options: OpenSourceOptions): Layer {
  const layers = dataset.layers.map((layer) => layer);
  const names = layers.map((layer) => layer.name);
  if (layers.length === 0) {
    throw new CityGridError('FILE_CORRUPT', `GDAL finds no vector layer in it${dataset.driver.description === 'ESRI Shapefile' ? ' (a shapefile needs its .shp, .shx and .dbf side by side)' : ''}`, options.source);
  }
  const byName = (name: string): Layer | undefined => layers.find((layer) => layer.name.toLowerCase() === name.toLowerCase());
  if (options.sourceLayer) {
    const chosen = byName(options.sourceLayer);
    if (!chosen) throw new CityGridError('LAYER_UNKNOWN', `no layer "${options.sourceLayer}" in it (layers: ${names.join(', ')})`, options.source);
    return chosen;
  }
  if (layers.length === 1) return layers[0]!;
  const hinted = options.layerHint ? byName(options.layerHint) : undefined;
  if (hinted) return hinted;
  throw new CityGridError('INVALID_REQUEST', `it holds ${layers.length} layers (${names.join(', ')}); choose one with --source-layer`, options.source);
}
