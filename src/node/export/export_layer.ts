/**
 * `citygrid export`: writes one workspace layer, whole or filtered to a
 * street or community, as Shapefile, GeoPackage, GeoJSON, KML, CSV or DXF in
 * a chosen CRS (export_formats.ts). The workspace is opened read-only, so an
 * export never changes it; the output appears complete or not at all
 * (export_output.ts).
 */
import type { Dataset } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import { throwIfCanceled, type Feedback } from '../../core/jobs/feedback.js';
import { findLayerSchema } from '../../core/schema/layer_schema.js';
import gdal from '../gdal/gdal_runtime.js';
import { loadLayersSchema } from '../schemas/load_schemas.js';
import { META_TABLE, openWorkspaceDataset } from '../workspace/workspace.js';
import { EXPORT_FORMATS, FORMAT_SPECS, translateArguments, type CsvGeometry, type ExportFormat, type ShapefileEncoding } from './export_formats.js';
import { prepareExportOutput } from './export_output.js';
import { resolveExportFilter, type ExportFilter } from './resolve_export_filter.js';

export interface ExportOptions {
  workspacePath: string;
  layer: string;
  format: ExportFormat;
  outPath: string;
  /** EPSG code; default: the workspace's (GeoJSON and KML: EPSG:4326). */
  crs?: string | undefined;
  /** Shapefile text encoding; default GBK. */
  encoding?: ShapefileEncoding | undefined;
  /** `street=CODE` or `community=CODE`. */
  where?: string | undefined;
  /** CSV geometry columns; default X/Y for points, WKT otherwise. */
  csvGeometry?: CsvGeometry | undefined;
  /** Replace existing output files. */
  force?: boolean | undefined;
}

export interface ExportReport {
  workspacePath: string;
  layer: string;
  format: ExportFormat;
  files: string[];
  count: number;
  crs: string;
  encoding: string | null;
  csvGeometry: CsvGeometry | null;
  filter: ExportFilter | null;
}

export async function exportLayer(options: ExportOptions, feedback: Feedback): Promise<ExportReport> {
  if (!EXPORT_FORMATS.includes(options.format)) throw new CityGridError('FORMAT_UNSUPPORTED', `unknown format "${options.format}" (one of ${EXPORT_FORMATS.join(', ')})`, options.outPath);
  const spec = FORMAT_SPECS[options.format];
  if (options.encoding && options.format !== 'shp') {
    throw new CityGridError('INVALID_REQUEST', `--encoding applies to Shapefile; ${options.format} is always written in UTF-8`, options.outPath);
  }
  const layerSchema = findLayerSchema(loadLayersSchema(), options.layer);
  if (!layerSchema) throw new CityGridError('LAYER_UNKNOWN', `no layer "${options.layer}" (layers: ${loadLayersSchema().layers.map((layer) => layer.name).join(', ')})`, options.workspacePath);
  const csvGeometry = options.csvGeometry ?? (layerSchema.geometry === 'Point' ? 'xy' : 'wkt');
  if (options.format === 'csv' && csvGeometry === 'xy' && layerSchema.geometry !== 'Point') {
    throw new CityGridError('INVALID_REQUEST', `X/Y columns hold points only; layer ${options.layer} holds ${layerSchema.geometry}s: use --csv-geometry wkt`, options.outPath);
  }
  const dataset = openWorkspaceDataset(options.workspacePath, 'r');
  try {
    const layer = workspaceLayer(dataset, options.layer, options.workspacePath);
    const targetCrs = chooseCrs(options.crs, spec.defaultCrs ?? workspaceCrs(dataset, options.workspacePath), spec.onlyCrs, options);
    const filter = options.where ? resolveExportFilter(dataset, options.layer, options.where, options.workspacePath) : null;
    const output = prepareExportOutput(options.outPath, options.format, options.force === true);
    let count: number;
    try {
      const encoding = options.encoding ?? 'GBK';
      const args = translateArguments({
        format: options.format, layer: layerSchema, geometryColumn: layer.geomColumn || 'geom', targetCrs,
        where: filter?.where ?? null, encoding, csvGeometry,
      });
      count = countSelected(dataset, options.layer, filter?.where ?? null);
      feedback.reportProgress(0.05, { zh: `导出 ${options.layer}`, en: `exporting ${options.layer}` });
      const written = await gdal.vectorTranslateAsync(output.stagingPath, dataset, args, {
        progress_cb: (complete: number) => feedback.reportProgress(0.05 + 0.9 * complete, { zh: `导出 ${options.layer}`, en: `exporting ${options.layer}` }),
      });
      written.close();
      throwIfCanceled(feedback);
      const files = output.commit(options.force === true);
      feedback.reportProgress(1, { zh: `已导出 ${count}`, en: `exported ${count}` });
      return {
        workspacePath: options.workspacePath, layer: options.layer, format: options.format, files, count, crs: targetCrs,
        encoding: options.format === 'shp' ? encoding : null, csvGeometry: options.format === 'csv' ? csvGeometry : null, filter,
      };
    } catch (thrown) {
      output.discard();
      if (thrown instanceof CityGridError) throw thrown;
      throw new CityGridError('OUTPUT_UNWRITABLE', `GDAL could not write it: ${(thrown as Error).message || 'unknown failure'}`, options.outPath);
    }
  } finally {
    dataset.close();
  }
}

function workspaceLayer(dataset: Dataset, name: string, path: string): ReturnType<Dataset['layers']['get']> {
  try {
    return dataset.layers.get(name);
  } catch {
    throw new CityGridError('WORKSPACE_INVALID', `the workspace lacks layer "${name}"`, path);
  }
}

function workspaceCrs(dataset: Dataset, path: string): string {
  const result = dataset.executeSQL(`SELECT value FROM ${META_TABLE} WHERE key = 'crs'`);
  const value = result.features.first()?.fields.get('value');
  if (typeof value !== 'string' || !value) throw new CityGridError('CRS_MISSING', 'the workspace does not record its coordinate system', path);
  return value;
}

function chooseCrs(requested: string | undefined, fallback: string, only: string | null, options: ExportOptions): string {
  const code = (requested ?? fallback).trim().toUpperCase();
  if (!/^EPSG:\d+$/.test(code)) throw new CityGridError('INVALID_REQUEST', `--crs "${requested}": expected EPSG:N`, options.outPath);
  if (only && code !== only) throw new CityGridError('INVALID_REQUEST', `${options.format} is always ${only} (WGS 84 lon/lat); leave out --crs`, options.outPath);
  try {
    gdal.SpatialReference.fromUserInput(code);
  } catch {
    throw new CityGridError('CRS_UNSUPPORTED', `--crs ${code} is not a coordinate system GDAL knows`, options.outPath);
  }
  return code;
}

function countSelected(dataset: Dataset, layer: string, where: string | null): number {
  const result = dataset.executeSQL(`SELECT count(*) AS n FROM "${layer.replace(/"/g, '""')}"${where ? ` WHERE ${where}` : ''}`);
  return Number(result.features.first()?.fields.get('n') ?? 0);
}
