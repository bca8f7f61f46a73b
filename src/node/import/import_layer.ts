/**
 * `citygrid import`: reads a Shapefile (loose or zipped), GeoPackage or
 * GeoJSON through GDAL, maps its columns onto a workspace layer by the
 * standard names, reprojects into the workspace CRS and replaces the layer's
 * features in one transaction. The source is translated and checked in a
 * staging file first (stage_source_layer.ts), so a corrupt file changes
 * nothing; the replacement is one SQL transaction (replace_from_staging.ts).
 */
import { existsSync, rmSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import gdal from '../gdal/gdal_runtime.js';
import type { Dataset, Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import { matchFields, type FieldAliases } from '../../core/fields/match_fields.js';
import { throwIfCanceled, type Feedback } from '../../core/jobs/feedback.js';
import { readSchemaFile } from '../schemas/load_schemas.js';
import { Workspace } from '../workspace/workspace.js';
import { identifyCrsCode } from './identify_crs.js';
import { replaceFromStaging } from './replace_from_staging.js';
import { stageSourceLayer } from './stage_source_layer.js';

export interface ImportOptions {
  workspacePath: string;
  layer: string;
  source: string;
  /** Workspace name when the import creates the workspace. */
  workspaceName?: string;
}

export interface ImportReport {
  workspacePath: string;
  createdWorkspace: boolean;
  layer: string;
  source: string;
  sourceLayer: string;
  imported: number;
  replaced: number;
  sourceCrs: string;
  workspaceCrs: string;
  mapping: Record<string, string>;
  unmatchedSources: string[];
  unfilledFields: string[];
}

export async function importLayer(options: ImportOptions, feedback: Feedback): Promise<ImportReport> {
  const dataset = openSource(options.source);
  try {
    const sourceLayer = pickSourceLayer(dataset, options);
    if (!sourceLayer.srs) {
      throw new CityGridError('CRS_MISSING', 'the source has no coordinate system (.prj missing or empty); CityGrid does not guess one', options.source);
    }
    const sourceCrs = identifyCrsCode(sourceLayer.srs, options.source);
    const createdWorkspace = !existsSync(options.workspacePath);
    const workspace = createdWorkspace
      ? Workspace.create(options.workspacePath, { name: options.workspaceName ?? 'CityGrid workspace', crs: sourceCrs, taxonomy: 'legacy-cjt214-components' })
      : Workspace.open(options.workspacePath);
    try {
      const layerSchema = workspace.layerSchema(options.layer);
      const columns = sourceLayer.fields.getNames();
      const match = matchFields(layerSchema, readSchemaFile<FieldAliases>('field-aliases.json'), columns);
      const target = workspace.layer(options.layer);
      const workspaceCrs = workspace.readMeta().crs || identifyCrsCode(target.srs!, options.workspacePath);
      const needsReprojection = Boolean(target.srs && !sourceLayer.srs.isSame(target.srs));
      const stagingPath = join(dirname(options.workspacePath), `.citygrid-import-${process.pid}-${Date.now()}.gpkg`);
      let imported: number;
      let replaced: number;
      try {
        const staged = await stageSourceLayer({
          dataset, sourceLayer, sourcePath: options.source, stagingPath, mapping: match.mapping,
          targetCrs: needsReprojection ? workspaceCrs : null,
        }, feedback);
        imported = staged.count;
        throwIfCanceled(feedback);
        // Counted only now: counting makes GDAL store the count on close, and a
        // refused source must leave the workspace file untouched.
        replaced = target.features.count();
        feedback.reportProgress(0.85, { zh: `写入 ${options.layer}`, en: `writing ${options.layer}` });
        await replaceFromStaging(workspace.dataset, options.layer, stagingPath, Object.keys(match.mapping));
      } finally {
        rmSync(stagingPath, { force: true });
      }
      feedback.reportProgress(1, { zh: `已导入 ${imported}`, en: `imported ${imported}` });
      return {
        workspacePath: options.workspacePath, createdWorkspace, layer: options.layer, source: options.source,
        sourceLayer: sourceLayer.name, imported, replaced, sourceCrs, workspaceCrs,
        mapping: match.mapping, unmatchedSources: match.unmatchedSources, unfilledFields: match.unfilledFields,
      };
    } finally {
      workspace.close();
    }
  } finally {
    dataset.close();
  }
}

function openSource(path: string): Dataset {
  if (!existsSync(path)) throw new CityGridError('FILE_NOT_FOUND', 'no such file', path);
  const gdalPath = extname(path).toLowerCase() === '.zip' ? `/vsizip/${path}` : path;
  try {
    return gdal.open(gdalPath);
  } catch (thrown) {
    throw new CityGridError('FILE_CORRUPT', `GDAL cannot read it: ${(thrown as Error).message || 'unrecognised or damaged file'}`, path);
  }
}

function pickSourceLayer(dataset: Dataset, options: ImportOptions): Layer {
  const layers = dataset.layers.map((layer) => layer);
  if (layers.length === 0) throw new CityGridError('FILE_CORRUPT', 'the file holds no vector layer', options.source);
  return layers.find((layer) => layer.name === options.layer) ?? layers[0]!;
}
