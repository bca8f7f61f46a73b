/**
 * First half of an import: GDAL translates the source layer natively (at
 * ogr2ogr's speed) into a staging GeoPackage, with the columns renamed to the
 * workspace's fields (OGR SQL), text decoded as the source was opened,
 * geometry flattened to 2D and reprojected into the workspace CRS. Nothing
 * touches the workspace yet; a source that cannot be read to the end is
 * refused here. Each staged row keeps its source FID, so that problems found
 * later name the feature as the user's own tools number it.
 *
 * Progress is not GDAL's progress callback: GDAL calls it once per feature,
 * and gdal-async hands each call to the main thread (a lock and a wake-up),
 * which for a million features cost 10 s of CPU, half of the translation
 * itself. Instead the staging file's size is compared, four times a second,
 * with the size it will reach (staging_progress.ts).
 *
 * The translation runs in a child process (source_child.ts), which opens the
 * source again as this process did: GDAL's translation cannot be stopped
 * from inside (gdal-async's progress callback cannot abort it), and it is
 * most of an import's time, so Cancel kills the child and the import ends at
 * once with nothing changed.
 */
import { quoteIdentifier } from '../gdal/gdal_sql.js';
import type { Dataset, Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import gdal from '../gdal/gdal_runtime.js';
import type { SourceRecipe } from './open_source.js';
import { removeStaged } from '../staging/staging_folder.js';
import { runSourceChild } from './run_source_child.js';
import { watchStagingProgress } from './staging_progress.js';

export const STAGING_LAYER = 'staging';
export const SOURCE_FID_COLUMN = 'citygrid_source_fid';

export interface StageOptions {
  dataset: Dataset;
  /** How the child process opens the source again. */
  recipe: SourceRecipe;
  sourceLayer: Layer;
  sourcePath: string;
  stagingPath: string;
  /** workspace field → source column; null stages every column as it is (inspection). */
  mapping: Record<string, string> | null;
  /** The source CRS when the user named it (--crs), for a source that declares none. */
  assignedCrs: string | null;
  /** EPSG code to reproject into, or null to keep the coordinates as they are. */
  targetCrs: string | null;
}


export interface StagedLayer {
  /** The staging GeoPackage, open for update; the caller closes it. */
  dataset: Dataset;
  layer: Layer;
  count: number;
}

/** ogr2ogr's arguments for the staging translation. */
export function stagingArguments(options: Pick<StageOptions, 'sourceLayer' | 'mapping' | 'assignedCrs' | 'targetCrs'>): string[] {
  const columns = options.mapping
    ? Object.entries(options.mapping).map(([field, column]) => `${quoteIdentifier(column)} AS ${quoteIdentifier(field)}`)
    : ['*'];
  // OGR SQL (named, since GeoPackage sources default to SQLite's) carries the geometry along without naming it.
  const select = `SELECT ${[`FID AS ${SOURCE_FID_COLUMN}`, ...columns].join(', ')} FROM ${quoteIdentifier(options.sourceLayer.name)}`;
  const args = ['-f', 'GPKG', '-dialect', 'OGRSQL', '-sql', select, '-nln', STAGING_LAYER, '-nlt', 'GEOMETRY', '-dim', 'XY',
    '-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=NO'];
  if (options.assignedCrs) args.push('-s_srs', options.assignedCrs);
  if (options.targetCrs) args.push('-t_srs', options.targetCrs);
  return args;
}

export async function stageSourceLayer(options: StageOptions, feedback: Feedback): Promise<StagedLayer> {
  const args = stagingArguments(options);
  const expected = options.sourceLayer.features.count();
  let staged: Dataset | undefined;
  const reading = { zh: `读取 ${options.sourcePath}`, en: `reading ${options.sourcePath}` };
  const progress = await watchStagingProgress(options.dataset, args, options.stagingPath, expected, (complete) => feedback.reportProgress(0.8 * complete, reading));
  try {
    try {
      await runSourceChild({ task: 'stage', ...options.recipe, stagingPath: options.stagingPath, args, place: options.sourcePath }, {
        place: options.sourcePath, feedback, doing: 'reading it',
      });
      staged = gdal.open(options.stagingPath, 'r+');
    } finally {
      progress.stop();
    }
    const layer = staged.layers.get(STAGING_LAYER);
    const written = layer.features.count();
    if (written !== expected) {
      throw new CityGridError('FILE_CORRUPT', `only ${written} of ${expected} features could be read; the file is damaged or truncated`, options.sourcePath);
    }
    feedback.reportProgress(0.8, reading);
    return { dataset: staged, layer, count: written };
  } catch (thrown) {
    staged?.close();
    removeStaged(options.stagingPath);
    if (thrown instanceof CityGridError) throw thrown;
    throw new CityGridError('FILE_CORRUPT', `GDAL could not read it to the end: ${(thrown as Error).message || 'damaged record'}`, options.sourcePath);
  }
}
