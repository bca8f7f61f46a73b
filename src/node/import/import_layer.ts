/**
 * `citygrid import`: reads a Shapefile (loose or zipped), GeoPackage or
 * GeoJSON through GDAL, maps its columns onto a workspace layer by the
 * standard names, reprojects into the workspace CRS and replaces the layer's
 * features in one transaction. Everything is read and checked before the
 * first write, so a corrupt file changes nothing.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import gdal from '../gdal/gdal_runtime.js';
import type { Dataset, Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import type { FeatureRecord, Geometry, Properties } from '../../core/api/geo_types.js';
import { matchFields, type FieldAliases, type FieldMatch } from '../../core/fields/match_fields.js';
import { throwIfCanceled, type Feedback } from '../../core/jobs/feedback.js';
import type { LayerSchema } from '../../core/schema/layer_schema.js';
import { readSchemaFile } from '../schemas/load_schemas.js';
import { Workspace } from '../workspace/workspace.js';
import { identifyCrsCode } from './identify_crs.js';

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
      const transform = target.srs && !sourceLayer.srs.isSame(target.srs)
        ? new gdal.CoordinateTransformation(sourceLayer.srs, target.srs)
        : null;
      feedback.reportProgress(0.05, { zh: `读取 ${options.source}`, en: `reading ${options.source}` });
      const records = readRecords(sourceLayer, layerSchema, match, transform, options.source, feedback);
      const replaced = workspace.layer(options.layer).features.count();
      feedback.reportProgress(0.5, { zh: `写入 ${options.layer}`, en: `writing ${options.layer}` });
      const imported = await workspace.replaceFeatures(options.layer, records, feedback, records.length);
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

function readRecords(
  layer: Layer, layerSchema: LayerSchema, match: FieldMatch,
  transform: gdal.CoordinateTransformation | null, source: string, feedback: Feedback,
): FeatureRecord[] {
  const records: FeatureRecord[] = [];
  let index = 0;
  try {
    layer.features.first();
    for (let feature = layer.features.first(); feature; feature = layer.features.next()) {
      index++;
      const geometry = feature.getGeometry();
      if (!geometry) throw new CityGridError('FILE_CORRUPT', `feature ${index} has no geometry`, source);
      const copy = geometry.clone();
      copy.flattenTo2D();
      if (transform) copy.transform(transform);
      const values = feature.fields.toObject() as Record<string, unknown>;
      const properties: Properties = {};
      for (const field of layerSchema.fields) {
        const column = match.mapping[field.name];
        properties[field.name] = column === undefined ? null : convertValue(values[column], field.type);
      }
      records.push({ geometry: singlePart(copy.toObject() as Geometry), properties });
      if (index % 20000 === 0) throwIfCanceled(feedback);
    }
  } catch (thrown) {
    if (thrown instanceof CityGridError) throw thrown;
    throw new CityGridError('FILE_CORRUPT', `reading feature ${index + 1} failed: ${(thrown as Error).message || 'damaged record'}`, source);
  }
  return records;
}

function convertValue(value: unknown, type: LayerSchema['fields'][number]['type']): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (type === 'String') return typeof value === 'object' ? JSON.stringify(value) : String(value);
  const number = Number(value);
  if (!Number.isFinite(number)) return null;
  return type === 'Integer' ? Math.trunc(number) : number;
}

/** A one-part Multi* becomes its single part; workspace layers hold simple geometries. */
function singlePart(geometry: Geometry): Geometry {
  if (geometry.type === 'MultiPoint' && geometry.coordinates.length === 1) return { type: 'Point', coordinates: geometry.coordinates[0]! };
  if (geometry.type === 'MultiLineString' && geometry.coordinates.length === 1) return { type: 'LineString', coordinates: geometry.coordinates[0]! };
  if (geometry.type === 'MultiPolygon' && geometry.coordinates.length === 1) return { type: 'Polygon', coordinates: geometry.coordinates[0]! };
  return geometry;
}
