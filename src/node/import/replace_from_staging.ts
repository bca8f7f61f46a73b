/**
 * Second half of an import: in one SQLite transaction on the workspace, the
 * layer's rows are replaced by the staged ones (ATTACH + INSERT … SELECT, so
 * geometry blobs are copied as they are), the layer's spatial index is
 * rebuilt and the feature count GeoPackage keeps in its tables brought up to
 * date (GDAL derives the layer extent from the R-tree when it next needs
 * it). Any failure rolls everything back, the file as it was.
 *
 * The spatial index is not left to the GeoPackage R-tree triggers: they
 * insert row by row (SQLite's rtree has no bulk load), 20 s of a 40 s
 * import of a million points. Inside the transaction the layer's R-tree
 * and feature-count triggers are set aside (their SQL read from
 * sqlite_master), the rows copied, a packed tree (pack_rtree.ts) of the
 * staged boxes (read_staged_boxes.ts) written into the rtree's tables, the
 * triggers created again from their own SQL, and SQLite's rtreecheck() must
 * pass before anything is committed. Each feature keeps a fid GeoPackage
 * would have given it (past every fid the layer ever had), set explicitly
 * so that the tree and the rows agree by construction.
 *
 * The staging file stays attached until the caller closes the workspace
 * dataset (importLayer does, right after): gdal-async releases SQL result
 * sets only when they are garbage-collected, and SQLite refuses to DETACH a
 * database that an unreleased statement still reads.
 */
import type { Dataset } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import gdal from '../gdal/gdal_runtime.js';
import { inTransaction, quoteIdentifier, quoteText, runStatement, runStatementAsync } from '../gdal/gdal_sql.js';
import { packRtree, type PackedRtree } from '../gdal/pack_rtree.js';
import { writeRtreeTables } from '../gdal/bulk_load_rtree.js';
import { readStagedBoxes } from './read_staged_boxes.js';
import { STAGING_LAYER } from './stage_source_layer.js';

interface LayerLayout {
  srsId: number;
  geometryColumn: string;
  /** The rtree table's name, or null for a layer without spatial index. */
  rtree: string | null;
  nodeSize: number;
  /** The layer's R-tree and feature-count triggers, to set aside and put back. */
  triggers: Array<{ name: string; sql: string }>;
  /** The largest fid the layer has ever had (AUTOINCREMENT's sqlite_sequence, or its rows). */
  lastFid: number;
}

/** Rows of a query through a short-lived read-only connection, closed (with its result sets) at once. */
async function readRows(path: string, queries: string[]): Promise<Array<Array<Record<string, unknown>>>> {
  const reader = await gdal.openAsync(path, 'r');
  try {
    const answers: Array<Array<Record<string, unknown>>> = [];
    for (const query of queries) {
      const result = await reader.executeSQLAsync(query);
      const rows: Array<Record<string, unknown>> = [];
      result.features.forEach((row) => { rows.push(row.fields.toObject() as Record<string, unknown>); });
      answers.push(rows);
    }
    return answers;
  } finally {
    reader.close();
  }
}

async function readLayerLayout(path: string, layerName: string): Promise<LayerLayout> {
  const name = quoteText(layerName);
  const [columns, sequence] = await readRows(path, [
    `SELECT srs_id, column_name FROM gpkg_geometry_columns WHERE table_name = ${name}`,
    "SELECT count(*) AS present FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'",
  ]);
  const column = columns![0];
  if (!column) throw new CityGridError('WORKSPACE_INVALID', `layer ${layerName} has no geometry column`, path);
  const geometryColumn = String(column.column_name);
  const rtree = `rtree_${layerName}_${geometryColumn}`;
  const triggerPrefix = `${rtree}_`;
  const [rtrees, triggers, fids] = await readRows(path, [
    `SELECT count(*) AS present FROM sqlite_master WHERE type = 'table' AND name = ${quoteText(rtree)}`,
    `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ${name} AND (substr(name, 1, ${triggerPrefix.length}) = ${quoteText(triggerPrefix)}`
      + ` OR name IN (${quoteText(`trigger_insert_feature_count_${layerName}`)}, ${quoteText(`trigger_delete_feature_count_${layerName}`)})) ORDER BY name`,
    `SELECT max(ifnull((SELECT max(fid) FROM ${quoteIdentifier(layerName)}), 0), `
      + `${Number(sequence![0]!.present) > 0 ? `ifnull((SELECT seq FROM sqlite_sequence WHERE name = ${name}), 0)` : '0'}) AS last`,
  ]);
  const hasRtree = Number(rtrees![0]!.present) > 0;
  const [nodes] = hasRtree ? await readRows(path, [`SELECT length(data) AS size FROM ${quoteIdentifier(`${rtree}_node`)} WHERE nodeno = 1`]) : [[]];
  return {
    srsId: Number(column.srs_id), geometryColumn, rtree: hasRtree ? rtree : null, nodeSize: Number(nodes![0]?.size ?? 0),
    triggers: triggers!.map((row) => ({ name: String(row.name), sql: String(row.sql) })), lastFid: Number(fids![0]!.last),
  };
}

async function checkRtree(workspace: Dataset, rtree: string, layerName: string): Promise<void> {
  const result = await workspace.executeSQLAsync(`SELECT rtreecheck(${quoteText(rtree)}) AS verdict`);
  const verdict = result.features.first()?.fields.get('verdict');
  if (verdict !== 'ok') throw new CityGridError('INTERNAL', `the rebuilt spatial index does not check: ${String(verdict)}`, `layer:${layerName}`);
}

export async function replaceFromStaging(workspace: Dataset, layerName: string, stagingPath: string, fields: string[]): Promise<void> {
  const table = quoteIdentifier(layerName);
  const alias = `citygrid_staging_${Date.now().toString(36)}`;
  // Also makes GDAL write what it deferred for a layer it just created (its R-tree and triggers), before the file is read.
  runStatement(workspace, `ATTACH DATABASE ${quoteText(stagingPath)} AS ${alias}`);
  const layout = await readLayerLayout(workspace.description, layerName);
  const [[staging]] = await readRows(stagingPath, [`SELECT (SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = '${STAGING_LAYER}') AS srs_id, (SELECT count(*) FROM ${STAGING_LAYER}) AS n`]) as [[Record<string, unknown>]];
  if (Number(staging.srs_id) !== layout.srsId) {
    throw new CityGridError('INTERNAL', `staged geometries are in SRS ${String(staging.srs_id)}, the layer in ${layout.srsId}`, `layer:${layerName}`);
  }
  const columns = ['geom', ...fields].map(quoteIdentifier).join(', ');
  const targetColumns = layout.geometryColumn === 'geom' ? columns : [layout.geometryColumn, ...fields].map(quoteIdentifier).join(', ');
  await inTransaction(workspace, async () => {
    for (const trigger of layout.triggers) runStatement(workspace, `DROP TRIGGER ${quoteIdentifier(trigger.name)}`);
    // The rows are copied on GDAL's thread while the boxes are read (another connection, another thread) and packed here.
    const copying = (async () => {
      await runStatementAsync(workspace, `DELETE FROM ${table}`);
      await runStatementAsync(workspace, `INSERT INTO ${table} ("fid", ${targetColumns}) SELECT fid + ${layout.lastFid}, ${columns} FROM ${alias}.${STAGING_LAYER} ORDER BY fid`);
    })();
    const indexing = layout.rtree ? packStagedIndex(stagingPath, layout, Number(staging.n)) : Promise.resolve(null);
    // Both settle before anything is rolled back: a statement still running would outlive the transaction.
    const [copied, indexed] = await Promise.allSettled([copying, indexing]);
    if (copied.status === 'rejected') throw copied.reason;
    if (indexed.status === 'rejected') throw indexed.reason;
    const index = indexed.value;
    if (index && layout.rtree) {
      await writeRtreeTables(workspace, layout.rtree, index.packed, index.ids);
      await checkRtree(workspace, layout.rtree, layerName);
    }
    runStatement(workspace, `UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM ${table}) WHERE lower(table_name) = lower(${quoteText(layerName)})`);
    for (const trigger of layout.triggers) runStatement(workspace, trigger.sql);
  });
}

/** The packed tree of the staged boxes, under the fids the rows get in the layer. */
async function packStagedIndex(stagingPath: string, layout: LayerLayout, rowCount: number): Promise<{ packed: PackedRtree; ids: Float64Array }> {
  const boxes = await readStagedBoxes(stagingPath, STAGING_LAYER, 'geom', rowCount);
  const ids = boxes.ids.subarray(0, boxes.count).map((fid) => fid + layout.lastFid);
  return { packed: packRtree({ ...boxes, ids }, layout.nodeSize), ids };
}
