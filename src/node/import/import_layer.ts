/**
 * `citygrid import`: reads a source through GDAL (open_source.ts), maps its
 * columns onto a workspace layer by the standard names or a saved preset,
 * reprojects into the workspace CRS and replaces the layer's features in one
 * transaction. The source is translated and checked in a staging file first
 * (stage_source_layer.ts, fit_staged_geometries.ts), so a bad file changes
 * nothing; the replacement is one SQL transaction (replace_from_staging.ts).
 * A dry run does everything but the replacement, stages outside the
 * workspace's folder and leaves the workspace byte-for-byte as it was.
 */
import { accessSync, constants, existsSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import type { TextEncoding } from '../../core/encoding/detect_text_encoding.js';
import { throwIfCanceled, type Feedback } from '../../core/jobs/feedback.js';
import { isLayerShrink, shrinkText } from '../../core/import/layer_shrink.js';
import { findLayerSchema, type LayerSchema } from '../../core/schema/layer_schema.js';
import { loadLayersSchema } from '../schemas/load_schemas.js';
import { removeStaged, stagingFolderBeside, stagingPathIn, sweepStaleStaging, temporaryStagingFolder } from '../staging/staging_folder.js';
import { Workspace } from '../workspace/workspace.js';
import type { SourceEncoding } from './detect_source_encoding.js';
import { fitStagedGeometries } from './fit_staged_geometries.js';
import { identifyCrsCode } from './identify_crs.js';
import { matchSourceFields, saveMappingPreset } from './mapping_preset_file.js';
import { openSource } from './open_source.js';
import { readLayerSrs } from '../gdal/read_layer_srs.js';
import { workspaceBusyError } from '../gdal/workspace_busy.js';
import { replaceFromStaging } from './replace_from_staging.js';
import { resolveSourceCrs } from './resolve_source_crs.js';
import { stageSourceLayer } from './stage_source_layer.js';

export interface ImportOptions {
  workspacePath: string;
  layer: string;
  source: string;
  /** Workspace name when the import creates the workspace. */
  workspaceName?: string;
  /** Shapefile text encoding, over the .cpg and the detector. */
  encoding?: TextEncoding | undefined;
  /** EPSG code for a source without a (usable) coordinate system. */
  crs?: string | undefined;
  /** JSON preset: workspace field → source column. */
  mappingPreset?: string | undefined;
  /** Where to save the mapping used, as a preset. */
  saveMapping?: string | undefined;
  /** Which layer of a multi-layer source. */
  sourceLayer?: string | undefined;
  /** Report what would be imported; change nothing. */
  dryRun?: boolean | undefined;
  /** Replace a layer even by an empty source or one of less than half its features (layer_shrink.ts). */
  allowShrink?: boolean | undefined;
}

export interface ImportReport {
  workspacePath: string;
  /** True when the import created the workspace (or, in a dry run, would). */
  createdWorkspace: boolean;
  layer: string;
  source: string;
  sourceLayer: string;
  driver: string;
  imported: number;
  replaced: number;
  sourceCrs: string;
  workspaceCrs: string;
  crsNote: string | null;
  encoding: SourceEncoding | null;
  mapping: Record<string, string>;
  unmatchedSources: string[];
  unfilledFields: string[];
  /** One-part multi geometries stored as single ones. */
  unwrappedMultiParts: number;
  /** GDAL's warnings while opening the source. */
  warnings: string[];
  dryRun: boolean;
}

export async function importLayer(options: ImportOptions, feedback: Feedback): Promise<ImportReport> {
  const dryRun = options.dryRun === true;
  sweepStaleStaging(dryRun ? null : options.workspacePath);
  const opened = await openSource({ source: options.source, encoding: options.encoding, sourceLayer: options.sourceLayer, layerHint: options.layer });
  let workspace: Workspace | null = null;
  let createdWorkspace = false;
  try {
    const crs = resolveSourceCrs(opened.layer, options.crs, options.source);
    const sourceCrs = crs.code!;
    const existing = existsSync(options.workspacePath);
    if (existing) workspace = Workspace.open(options.workspacePath);
    const layerSchema = workspace ? workspace.layerSchema(options.layer) : schemaOf(options.layer, options.workspacePath);
    const workspaceCrs = workspace ? workspaceCrsOf(workspace, options.layer) : sourceCrs;
    const match = matchSourceFields(layerSchema, opened.layer.fields.getNames(), options.mappingPreset);
    if (options.saveMapping) saveMappingPreset(options.saveMapping, layerSchema, match);
    const stagingFolder = dryRun ? temporaryStagingFolder() : (writableFolderOf(options.workspacePath), stagingFolderBeside(options.workspacePath));
    const stagingPath = stagingPathIn(stagingFolder, 'import', '.gpkg');
    let imported: number;
    let unwrapped: number;
    let replaced = 0;
    try {
      const staged = await stageSourceLayer({
        dataset: opened.dataset, recipe: opened.recipe, sourceLayer: opened.layer, sourcePath: options.source, stagingPath, mapping: match.mapping,
        assignedCrs: crs.origin === '--crs' ? sourceCrs : null, targetCrs: workspaceCrs,
      }, feedback);
      try {
        imported = staged.count;
        unwrapped = fitStagedGeometries(staged.dataset, staged.layer, layerSchema, options.source).unwrapped;
      } finally {
        staged.dataset.close();
      }
      throwIfCanceled(feedback);
      if (workspace) replaced = countFeatures(workspace, options.layer);
      if (!dryRun && options.allowShrink !== true && isLayerShrink(replaced, imported)) {
        const said = shrinkText(options.layer, replaced, imported);
        throw new CityGridError('LAYER_WOULD_SHRINK', `${said.zh}；如确需替换，请使用 --allow-shrink / ${said.en}: refused, nothing changed; pass --allow-shrink (or confirm in the app) if that is what you want`, options.source);
      }
      if (!dryRun) {
        if (!workspace) {
          workspace = Workspace.create(options.workspacePath, { name: options.workspaceName ?? 'CityGrid workspace', crs: sourceCrs, taxonomy: 'legacy-cjt214-components' });
          createdWorkspace = true;
        }
        feedback.reportProgress(0.85, { zh: `写入 ${options.layer}`, en: `writing ${options.layer}` });
        await replaceFromStaging(workspace.dataset, options.layer, stagingPath, Object.keys(match.mapping)).catch((thrown: unknown) => {
          throw workspaceBusyError(thrown, options.workspacePath) ?? thrown;
        });
      }
    } finally {
      removeStaged(stagingPath);
    }
    feedback.reportProgress(1, dryRun ? { zh: `可导入 ${imported}`, en: `would import ${imported}` } : { zh: `已导入 ${imported}`, en: `imported ${imported}` });
    return {
      workspacePath: options.workspacePath, createdWorkspace: createdWorkspace || (dryRun && !existing), layer: options.layer, source: options.source,
      sourceLayer: opened.layer.name, driver: opened.driver, imported, replaced, sourceCrs, workspaceCrs, crsNote: crs.note,
      encoding: opened.encoding, mapping: match.mapping, unmatchedSources: match.unmatchedSources, unfilledFields: match.unfilledFields,
      unwrappedMultiParts: unwrapped, warnings: opened.warnings, dryRun,
    };
  } catch (thrown) {
    // A workspace this import created and could not fill is not left behind half-made.
    if (createdWorkspace && workspace) {
      workspace.close();
      workspace = null;
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${options.workspacePath}${suffix}`, { force: true });
    }
    throw thrown;
  } finally {
    workspace?.close();
    opened.close();
  }
}

/** The staging file goes beside the workspace; a folder that cannot take it is the workspace's problem, said as such. */
function writableFolderOf(workspacePath: string): string {
  const folder = dirname(workspacePath);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new CityGridError('OUTPUT_UNWRITABLE', `its folder ${folder} does not exist`, workspacePath);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CityGridError('OUTPUT_UNWRITABLE', `its folder ${folder} is not writable`, workspacePath);
  }
  return folder;
}

function schemaOf(layer: string, workspacePath: string): LayerSchema {
  const schema = loadLayersSchema();
  const found = findLayerSchema(schema, layer);
  if (!found) throw new CityGridError('LAYER_UNKNOWN', `no layer "${layer}" in a workspace (layers: ${schema.layers.map((candidate) => candidate.name).join(', ')})`, workspacePath);
  return found;
}

function workspaceCrsOf(workspace: Workspace, layer: string): string {
  const declared = workspace.readMeta().crs;
  if (declared) return declared;
  const srs = readLayerSrs(workspace.layer(layer));
  if (!srs) throw new CityGridError('CRS_MISSING', `layer ${layer} has no coordinate system`, workspace.path);
  return identifyCrsCode(srs, workspace.path);
}

/**
 * By SQL rather than the layer's feature count: counting through the layer
 * makes GDAL store the count when the file closes, and a dry run or a refused
 * source must leave the workspace file untouched.
 */
function countFeatures(workspace: Workspace, layer: string): number {
  const result = workspace.dataset.executeSQL(`SELECT count(*) AS n FROM "${layer.replace(/"/g, '""')}"`);
  const value = result.features.first()?.fields.get('n');
  return Number(value ?? 0);
}
