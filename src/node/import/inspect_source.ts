/**
 * What a source holds, without a workspace or a target layer: its layers,
 * feature count, geometry type, coordinate system, text encoding (with the
 * detector's samples) and columns, plus the first feature's attributes as
 * they will be read. The count is not GDAL's header figure but the number of
 * features actually read to the end (staged into a temporary file, then
 * removed), so a truncated file is caught here as it would be on import.
 * `citygrid import --dry-run SOURCE` without --layer prints this.
 */
import type { SourceInspection as SourceInspectionInfo } from '../../core/api/contract.js';
import type { TextEncoding } from '../../core/encoding/detect_text_encoding.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import gdal from '../gdal/gdal_runtime.js';
import { toFeatureDto } from '../gdal/gdal_features.js';
import type { SourceEncoding } from './detect_source_encoding.js';
import { removeStaged, stagingPathIn, sweepStaleStaging, temporaryStagingFolder } from '../staging/staging_folder.js';
import { openSource } from './open_source.js';
import { resolveSourceCrs } from './resolve_source_crs.js';
import { stageSourceLayer } from './stage_source_layer.js';

export interface InspectOptions {
  source: string;
  encoding?: TextEncoding | undefined;
  crs?: string | undefined;
  sourceLayer?: string | undefined;
}

/**
 * The contract's inspection, with the service's own encoding record (the GDAL
 * open option and the detector's raw guess) in place of its display form.
 */
export type SourceInspection = Omit<SourceInspectionInfo, 'encoding' | 'fieldMatch'> & {
  encoding: SourceEncoding | null;
  dryRun: true;
};

export async function inspectSource(options: InspectOptions, feedback: Feedback): Promise<SourceInspection> {
  sweepStaleStaging(null);
  const opened = await openSource({ source: options.source, encoding: options.encoding, sourceLayer: options.sourceLayer });
  try {
    const crs = resolveSourceCrs(opened.layer, options.crs, options.source, true);
    const first = opened.layer.features.first();
    const firstFeature = first ? toFeatureDto(opened.layer.name, first).properties : null;
    const stagingPath = stagingPathIn(temporaryStagingFolder(), 'inspect', '.gpkg');
    let featureCount: number;
    try {
      const staged = await stageSourceLayer({
        dataset: opened.dataset, recipe: opened.recipe, sourceLayer: opened.layer, sourcePath: options.source, stagingPath,
        mapping: null, assignedCrs: null, targetCrs: null,
      }, feedback);
      featureCount = staged.count;
      staged.dataset.close();
    } finally {
      removeStaged(stagingPath);
    }
    feedback.reportProgress(1, { zh: `共 ${featureCount} 个要素`, en: `${featureCount} features` });
    return {
      source: options.source, driver: opened.driver, layers: opened.layerNames, sourceLayer: opened.layer.name,
      featureCount, geometryType: gdal.Geometry.getName(opened.layer.geomType), crs: crs.code, crsNote: crs.note,
      encoding: opened.encoding, columns: opened.layer.fields.getNames(), firstFeature, warnings: opened.warnings, dryRun: true,
    };
  } finally {
    opened.close();
  }
}
