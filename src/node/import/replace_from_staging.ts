/**
 * Second half of an import: in one SQLite transaction on the workspace, the
 * layer's rows are replaced by the staged ones (ATTACH + INSERT … SELECT, so
 * geometry blobs are copied as they are and the R-tree triggers keep the
 * spatial index right), with the feature count GeoPackage keeps in its
 * tables brought up to date (GDAL derives the layer extent from the R-tree
 * when it next needs it). Any failure rolls the whole layer back.
 *
 * The staging file stays attached until the caller closes the workspace
 * dataset (importLayer does, right after): gdal-async releases SQL result
 * sets only when they are garbage-collected, and SQLite refuses to DETACH a
 * database that an unreleased statement still reads.
 */
import type { Dataset } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import { inTransaction, quoteIdentifier, quoteText, runStatement } from '../gdal/gdal_sql.js';
import { STAGING_LAYER } from './stage_source_layer.js';



function singleValue(dataset: Dataset, sql: string): unknown {
  const result = dataset.executeSQL(sql);
  const feature = result.features.first();
  return feature ? Object.values(feature.fields.toObject() as Record<string, unknown>)[0] : undefined;
}

export async function replaceFromStaging(workspace: Dataset, layerName: string, stagingPath: string, fields: string[]): Promise<void> {
  const table = quoteIdentifier(layerName);
  const stagedSrs = singleValue(workspace, `SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ${quoteText(layerName)}`);
  const alias = `citygrid_staging_${Date.now().toString(36)}`;
  runStatement(workspace, `ATTACH DATABASE ${quoteText(stagingPath)} AS ${alias}`);
  {
    const stagingSrs = singleValue(workspace, `SELECT srs_id FROM ${alias}.gpkg_geometry_columns WHERE table_name = '${STAGING_LAYER}'`);
    if (stagedSrs !== stagingSrs) {
      throw new CityGridError('INTERNAL', `staged geometries are in SRS ${String(stagingSrs)}, the layer in ${String(stagedSrs)}`, `layer:${layerName}`);
    }
    const columns = ['geom', ...fields].map(quoteIdentifier).join(', ');
    await inTransaction(workspace, () => {
      runStatement(workspace, `DELETE FROM ${table}`);
      runStatement(workspace, `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${alias}.${STAGING_LAYER}`);
      runStatement(workspace, `UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM ${table}) WHERE lower(table_name) = lower(${quoteText(layerName)})`);
    });
  }
}
