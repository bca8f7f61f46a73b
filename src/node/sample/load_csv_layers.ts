/**
 * GDAL's side of the sample writer: a layer's CSV appended to the workspace
 * GeoPackage, or translated to a shapefile deliverable, with ogr2ogr's own
 * loop on one of libuv's threads — so the workspace, the shapefiles and the
 * JavaScript that generates the next layer run at the same time.
 */
import { writeFileSync } from 'node:fs';
import type { Dataset } from 'gdal-async';
import type { LayerSchema } from '../../core/schema/layer_schema.js';
import gdal from '../gdal/gdal_runtime.js';

const SHAPE_TYPES: Record<LayerSchema['geometry'], string> = {
  Point: 'POINT', LineString: 'LINESTRING', Polygon: 'POLYGON',
  MultiPoint: 'MULTIPOINT', MultiLineString: 'MULTILINESTRING', MultiPolygon: 'MULTIPOLYGON',
};

function openCsv(path: string): Dataset {
  return gdal.drivers.get('CSV').open(path, 'r', ['GEOM_POSSIBLE_NAMES=WKT', 'KEEP_GEOM_COLUMNS=NO']);
}

/**
 * Appends the CSV's features to the workspace layer of that name, in one
 * transaction. The layer already has its fields (Workspace.create), so the
 * types and widths are the schema's; fids follow the CSV's order from 1.
 */
export async function appendCsvToWorkspace(workspace: Dataset, csvPath: string, layerName: string): Promise<void> {
  const source = openCsv(csvPath);
  try {
    await gdal.vectorTranslateAsync(workspace, source, ['-append', '-nln', layerName, '-gt', 'unlimited']);
  } finally {
    source.close();
  }
}

/**
 * Writes `<folder>/<layer>.shp` from the CSV. A GBK CSV is copied byte for
 * byte (no recoding) and gets its .cpg here; a UTF-8 one is recoded by GDAL.
 */
export async function translateCsvToShapefile(csvPath: string, alreadyGbk: boolean, shapefilePath: string, schema: LayerSchema, crs: string): Promise<void> {
  const source = openCsv(csvPath);
  try {
    const output = await gdal.vectorTranslateAsync(shapefilePath, source, [
      '-f', 'ESRI Shapefile', '-nln', schema.name, '-nlt', SHAPE_TYPES[schema.geometry], '-a_srs', crs,
      '-lco', `ENCODING=${alreadyGbk ? '' : 'GBK'}`,
    ]);
    output.close();
  } finally {
    source.close();
  }
  if (alreadyGbk) writeFileSync(shapefilePath.replace(/\.shp$/, '.cpg'), 'GBK');
}
