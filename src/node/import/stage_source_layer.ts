/**
 * First half of an import: GDAL translates the source layer natively (at
 * ogr2ogr's speed) into a staging GeoPackage beside the workspace, with the
 * columns renamed to the workspace's fields (OGR SQL), text decoded from the
 * .cpg/DBF encoding, geometry flattened to 2D and reprojected into the
 * workspace CRS. Nothing touches the workspace yet; a source that cannot be
 * read to the end is refused here.
 */
import { rmSync } from 'node:fs';
import type { Dataset, Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import gdal from '../gdal/gdal_runtime.js';

export const STAGING_LAYER = 'staging';

export interface StageOptions {
  dataset: Dataset;
  sourceLayer: Layer;
  sourcePath: string;
  stagingPath: string;
  /** workspace field → source column */
  mapping: Record<string, string>;
  /** EPSG code to reproject into, or null when the source is already in the workspace CRS. */
  targetCrs: string | null;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface StagedLayer {
  count: number;
}

export async function stageSourceLayer(options: StageOptions, feedback: Feedback): Promise<StagedLayer> {
  const columns = Object.entries(options.mapping).map(([field, column]) => `${quoteIdentifier(column)} AS ${quoteIdentifier(field)}`);
  // OGR SQL carries the geometry along without naming it.
  const select = `SELECT ${columns.length ? columns.join(', ') : 'FID AS citygrid_fid'} FROM ${quoteIdentifier(options.sourceLayer.name)}`;
  const args = ['-f', 'GPKG', '-sql', select, '-nln', STAGING_LAYER, '-dim', 'XY', '-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=NO'];
  if (options.targetCrs) args.push('-t_srs', options.targetCrs);
  const expected = options.sourceLayer.features.count();
  let staged: Dataset | undefined;
  try {
    staged = await gdal.vectorTranslateAsync(options.stagingPath, options.dataset, args, {
      progress_cb: (complete: number) => feedback.reportProgress(0.8 * complete, { zh: `读取 ${options.sourcePath}`, en: `reading ${options.sourcePath}` }),
    });
    const stagedLayer = staged.layers.get(STAGING_LAYER);
    const written = stagedLayer.features.count();
    if (written !== expected) {
      throw new CityGridError('FILE_CORRUPT', `only ${written} of ${expected} features could be read; the file is damaged or truncated`, options.sourcePath);
    }
    // GDAL reads a record cut off by a truncated .shp as a feature without
    // geometry; workspace layers never hold one, so it is refused, named.
    stagedLayer.setAttributeFilter('geom IS NULL');
    const withoutGeometry = stagedLayer.features.first();
    if (withoutGeometry) {
      throw new CityGridError('FILE_CORRUPT', `feature ${withoutGeometry.fid} has no geometry (a damaged or truncated record)`, options.sourcePath);
    }
    return { count: written };
  } catch (thrown) {
    staged?.close();
    staged = undefined;
    rmSync(options.stagingPath, { force: true });
    if (thrown instanceof CityGridError) throw thrown;
    throw new CityGridError('FILE_CORRUPT', `GDAL could not read it to the end: ${(thrown as Error).message || 'damaged record'}`, options.sourcePath);
  } finally {
    staged?.close();
  }
}
