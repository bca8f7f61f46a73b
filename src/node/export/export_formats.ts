/**
 * The export formats and what GDAL needs to write each well for the people
 * who receive it: Shapefile with a .cpg (GBK by default, what Chinese desktop
 * GIS and case systems expect; UTF-8 on request), GeoPackage, GeoJSON per RFC
 * 7946 (WGS 84 lon/lat, 9 decimals ≈ 0.1 mm, so a round trip keeps
 * millimetres), KML (always WGS 84; placemarks named by the layer's label
 * field), CSV (X/Y columns for points or a WKT column; UTF-8 with a BOM so
 * Excel shows Chinese) and DXF (geometry only, on a CAD layer named after
 * the workspace layer: DXF has no attribute table).
 */
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import type { LayerSchema } from '../../core/schema/layer_schema.js';

export const EXPORT_FORMATS = ['shp', 'gpkg', 'geojson', 'kml', 'csv', 'dxf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ShapefileEncoding = 'UTF-8' | 'GBK';
export type CsvGeometry = 'xy' | 'wkt';

export interface FormatSpec {
  driver: string;
  /** Output names must end in one of these. */
  extensions: string[];
  /** Files GDAL writes beside the output (same base name). */
  sideFiles: string[];
  /** The CRS written when none is asked for; null: the workspace's. */
  defaultCrs: string | null;
  /** The only CRS the format allows, if any. */
  onlyCrs: string | null;
}

export const FORMAT_SPECS: Record<ExportFormat, FormatSpec> = {
  shp: { driver: 'ESRI Shapefile', extensions: ['.shp'], sideFiles: ['.shx', '.dbf', '.prj', '.cpg'], defaultCrs: null, onlyCrs: null },
  gpkg: { driver: 'GPKG', extensions: ['.gpkg'], sideFiles: [], defaultCrs: null, onlyCrs: null },
  geojson: { driver: 'GeoJSON', extensions: ['.geojson', '.json'], sideFiles: [], defaultCrs: 'EPSG:4326', onlyCrs: null },
  kml: { driver: 'KML', extensions: ['.kml'], sideFiles: [], defaultCrs: 'EPSG:4326', onlyCrs: 'EPSG:4326' },
  csv: { driver: 'CSV', extensions: ['.csv'], sideFiles: [], defaultCrs: null, onlyCrs: null },
  dxf: { driver: 'DXF', extensions: ['.dxf'], sideFiles: [], defaultCrs: null, onlyCrs: null },
};

export interface TranslateInput {
  format: ExportFormat;
  layer: LayerSchema;
  /** The workspace layer's geometry column. */
  geometryColumn: string;
  targetCrs: string;
  /** SQL condition selecting the features, or null for all. */
  where: string | null;
  encoding: ShapefileEncoding;
  csvGeometry: CsvGeometry;
}


/** ogr2ogr arguments that write the workspace layer in the format. */
export function translateArguments(input: TranslateInput): string[] {
  const { format, layer } = input;
  const args = ['-f', FORMAT_SPECS[format].driver, '-t_srs', input.targetCrs, '-nln', layer.name];
  if (format === 'dxf') {
    // DXF takes no arbitrary fields; its "Layer" column names the CAD layer.
    const sql = `SELECT ${quoteIdentifier(input.geometryColumn)}, '${layer.name}' AS "Layer" FROM ${quoteIdentifier(layer.name)}${input.where ? ` WHERE ${input.where}` : ''}`;
    args.push('-sql', sql);
    return args;
  }
  args.push(layer.name);
  if (input.where) args.push('-where', input.where);
  if (format === 'shp') args.push('-lco', `ENCODING=${input.encoding}`);
  if (format === 'geojson') {
    if (input.targetCrs === 'EPSG:4326') args.push('-lco', 'RFC7946=YES', '-lco', 'COORDINATE_PRECISION=9');
  }
  if (format === 'kml' && layer.labelField) args.push('-dsco', `NameField=${layer.labelField}`);
  if (format === 'csv') args.push('-lco', `GEOMETRY=${input.csvGeometry === 'xy' ? 'AS_XY' : 'AS_WKT'}`, '-lco', 'WRITE_BOM=YES');
  return args;
}
