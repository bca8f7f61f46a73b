/**
 * GDAL's side of the sample writer: a layer's CSV appended to the workspace
 * GeoPackage, or translated to a shapefile deliverable, with ogr2ogr's own
 * loop on one of libuv's threads — so the workspace, the shapefiles and the
 * JavaScript that generates the next layer run at the same time.
 */
import { writeFileSync } from 'node:fs';
import type { Dataset } from 'gdal-async';
import type { LayerSchema } from '../../src/core/schema/layer_schema.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { inTransaction, quoteIdentifier, quoteText, runStatementAsync } from '../../src/node/gdal/gdal_sql.js';
import { Workspace, type CreateWorkspaceOptions } from '../../src/node/workspace/workspace.js';
import { readValue, setAsideIndexTrigger } from '../../src/node/gdal/bulk_load_rtree.js';

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

/**
 * Appends the CSV into a GeoPackage of its own at `sidePath`, made with the workspace's
 * schema (Workspace.create), its R-tree trigger set aside: run on the other GDAL thread
 * while the workspace's thread is busy with the layers before, so that the workspace only
 * has to copy the rows (copyLayerFrom), a second a million, instead of parsing the CSV.
 */
export async function appendCsvAside(sidePath: string, csvPath: string, layerName: string, workspaceOptions: CreateWorkspaceOptions): Promise<void> {
  Workspace.create(sidePath, workspaceOptions).close();
  const side = gdal.open(sidePath, 'r+');
  try {
    await setAsideIndexTrigger(side, sidePath, layerName);
    await appendCsvToWorkspace(side, csvPath, layerName);
  } finally {
    side.close();
  }
}

/**
 * Copies the layer's rows (fids included) from the GeoPackage at `sidePath` into the
 * workspace layer, in one transaction. The workspace's feature-count trigger (one UPDATE of
 * gpkg_ogr_contents a row: more than the copy itself) is set aside meanwhile and the count
 * set once; the caller has set the R-tree trigger aside already.
 */
export async function copyLayerFrom(workspace: Dataset, workspacePath: string, sidePath: string, layerName: string): Promise<void> {
  const alias = 'citygrid_side';
  const countTrigger = `trigger_insert_feature_count_${layerName}`;
  const triggerSql = await readValue(workspacePath, `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ${quoteText(countTrigger)}`);
  await runStatementAsync(workspace, `ATTACH DATABASE ${quoteText(sidePath)} AS ${alias}`);
  try {
    await inTransaction(workspace, async () => {
      if (typeof triggerSql === 'string') await runStatementAsync(workspace, `DROP TRIGGER ${quoteIdentifier(countTrigger)}`);
      await runStatementAsync(workspace, `INSERT INTO ${quoteIdentifier(layerName)} SELECT * FROM ${alias}.${quoteIdentifier(layerName)}`);
      await runStatementAsync(workspace, `UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM ${quoteIdentifier(layerName)}) WHERE lower(table_name) = lower(${quoteText(layerName)})`);
      if (typeof triggerSql === 'string') await runStatementAsync(workspace, triggerSql);
    });
  } finally {
    await runStatementAsync(workspace, `DETACH DATABASE ${alias}`);
  }
}
