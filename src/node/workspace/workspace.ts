/**
 * A workspace is one GeoPackage file, written through GDAL so that ogrinfo and
 * QGIS read it as it is. It holds the layers of `schemas/workspace-layers.json`
 * and a small `citygrid_meta` table (name, CRS, taxonomy, published version).
 * Every write goes through one SQLite transaction.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import gdal from '../gdal/gdal_runtime.js';
import type { Dataset, Layer } from 'gdal-async';
import type { LayerInfo, WorkspaceInfo, GeometryKind } from '../../core/api/contract.js';
import { workspaceBusyError } from '../gdal/workspace_busy.js';
import { CityGridError } from '../../core/api/errors.js';
import type { Extent, FeatureRecord } from '../../core/api/geo_types.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import { throwIfCanceled, SILENT_FEEDBACK } from '../../core/jobs/feedback.js';
import { findLayerSchema, type LayerSchema, type WorkspaceLayersSchema } from '../../core/schema/layer_schema.js';
import { loadLayersSchema } from '../schemas/load_schemas.js';
import { createFieldDefinition, toGdalFeature } from '../gdal/gdal_features.js';
import { inTransaction } from '../gdal/gdal_sql.js';
import { readLayerSrs } from '../gdal/read_layer_srs.js';
import { crsInfoOf, spatialReferenceFor } from './workspace_crs.js';

export const META_TABLE = 'citygrid_meta';

export interface WorkspaceMeta {
  name: string;
  crs: string;
  taxonomy: string;
  created: string;
  publishedVersion: string;
  [key: string]: string;
}

export interface CreateWorkspaceOptions {
  name: string;
  crs: string;
  taxonomy: string;
}

const GEOMETRY_TYPES: Record<LayerSchema['geometry'], number> = {
  Point: gdal.wkbPoint,
  LineString: gdal.wkbLineString,
  Polygon: gdal.wkbPolygon,
  MultiPoint: gdal.wkbMultiPoint,
  MultiLineString: gdal.wkbMultiLineString,
  MultiPolygon: gdal.wkbMultiPolygon,
};

export class Workspace {
  private constructor(
    readonly path: string,
    readonly dataset: Dataset,
    readonly schema: WorkspaceLayersSchema,
  ) {}

  /** Creates a new, empty workspace with every schema layer; refuses to overwrite a file. */
  static create(path: string, options: CreateWorkspaceOptions): Workspace {
    if (existsSync(path)) throw new CityGridError('OUTPUT_UNWRITABLE', 'a file already exists there; choose a new path', path);
    const srs = spatialReferenceFor(options.crs);
    let dataset: Dataset;
    try {
      dataset = gdal.open(path, 'w', 'GPKG');
    } catch (thrown) {
      throw new CityGridError('OUTPUT_UNWRITABLE', `cannot create the GeoPackage (${(thrown as Error).message})`, path);
    }
    const schema = loadLayersSchema();
    for (const layerSchema of schema.layers) {
      const layer = dataset.layers.create(layerSchema.name, srs, GEOMETRY_TYPES[layerSchema.geometry], ['SPATIAL_INDEX=YES']);
      for (const field of layerSchema.fields) layer.fields.add(createFieldDefinition(field));
    }
    const meta = dataset.layers.create(META_TABLE, null, gdal.wkbNone);
    meta.fields.add(new gdal.FieldDefn('key', gdal.OFTString));
    meta.fields.add(new gdal.FieldDefn('value', gdal.OFTString));
    const workspace = new Workspace(path, dataset, schema);
    workspace.writeMetaSync({
      name: options.name, crs: options.crs, taxonomy: options.taxonomy,
      created: new Date().toISOString(), publishedVersion: '0',
    });
    return workspace;
  }

  /** Opens an existing workspace, saying exactly why a file is not one. */
  static open(path: string): Workspace {
    return new Workspace(path, openWorkspaceDataset(path, 'r+'), loadLayersSchema());
  }

  close(): void {
    this.dataset.close();
  }

  readMeta(): WorkspaceMeta {
    const meta: Record<string, string> = {};
    const table = this.dataset.layers.get(META_TABLE);
    table.features.forEach((feature) => {
      meta[String(feature.fields.get('key'))] = String(feature.fields.get('value') ?? '');
    });
    return {
      name: meta.name ?? basename(this.path, '.gpkg'),
      crs: meta.crs ?? '',
      taxonomy: meta.taxonomy ?? '',
      created: meta.created ?? '',
      publishedVersion: meta.publishedVersion ?? '0',
      ...meta,
    };
  }

  async writeMeta(values: Partial<WorkspaceMeta>): Promise<void> {
    await inTransaction(this.dataset, () => this.writeMetaSync(values));
  }

  private writeMetaSync(values: Partial<WorkspaceMeta>): void {
    const table = this.dataset.layers.get(META_TABLE);
    const fidsByKey = new Map<string, number>();
    table.features.forEach((feature) => { fidsByKey.set(String(feature.fields.get('key')), feature.fid); });
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const existing = fidsByKey.get(key);
      if (existing !== undefined) table.features.remove(existing);
      const feature = new gdal.Feature(table);
      feature.fields.set({ key, value });
      table.features.add(feature);
    }
    table.flush();
  }

  layer(name: string): Layer {
    const layerSchema = findLayerSchema(this.schema, name);
    if (!layerSchema) throw new CityGridError('LAYER_UNKNOWN', `no layer "${name}" in this workspace (layers: ${this.schema.layers.map((l) => l.name).join(', ')})`, this.path);
    try {
      return this.dataset.layers.get(name);
    } catch {
      throw new CityGridError('WORKSPACE_INVALID', `the workspace lacks layer "${name}"`, this.path);
    }
  }

  layerSchema(name: string): LayerSchema {
    const layerSchema = findLayerSchema(this.schema, name);
    if (!layerSchema) throw new CityGridError('LAYER_UNKNOWN', `no layer "${name}" in this workspace`, this.path);
    return layerSchema;
  }

  layerInfos(): LayerInfo[] {
    const present = new Set(this.dataset.layers.map((layer) => layer.name));
    return this.schema.layers.filter((layerSchema) => present.has(layerSchema.name)).map((layerSchema) => {
      const layer = this.dataset.layers.get(layerSchema.name);
      const featureCount = layer.features.count();
      return {
        name: layerSchema.name,
        title: layerSchema.title,
        role: layerSchema.role,
        geometryKind: layerSchema.geometry as GeometryKind,
        featureCount,
        extent: featureCount > 0 ? envelopeToExtent(layer.getExtent()) : null,
        fields: layerSchema.fields.map((field) => ({ name: field.name, label: field.label })),
        labelField: layerSchema.labelField,
      };
    });
  }

  info(): WorkspaceInfo {
    const meta = this.readMeta();
    const layers = this.layerInfos();
    return {
      path: this.path,
      name: meta.name,
      // readLayerSrs: gdal-async can hand back a closed dataset's SRS wrapper otherwise.
      crs: crsInfoOf(readLayerSrs(this.dataset.layers.get(this.schema.layers[0]!.name)), meta.crs),
      extent: unionExtents(layers.map((layer) => layer.extent)),
      layers,
      publishedVersion: Number(meta.publishedVersion) || 0,
    };
  }

  /**
   * Replaces every feature of a layer with `records`, in one transaction: a
   * failure or a cancel part-way leaves the layer exactly as it was.
   */
  async replaceFeatures(layerName: string, records: Iterable<FeatureRecord>, feedback: Feedback = SILENT_FEEDBACK, expectedCount = 0): Promise<number> {
    const layer = this.layer(layerName);
    return inTransaction(this.dataset, async () => {
      runDelete(this.dataset, layerName);
      let written = 0;
      for (const record of records) {
        try {
          layer.features.add(toGdalFeature(layer, record));
        } catch (thrown) {
          throw new CityGridError('INVALID_REQUEST', `feature ${written + 1} could not be written: ${(thrown as Error).message}`, `layer:${layerName}`);
        }
        written++;
        if (written % 5000 === 0) {
          throwIfCanceled(feedback);
          if (expectedCount > 0) feedback.reportProgress(written / expectedCount, { zh: `写入 ${layerName} ${written}`, en: `writing ${layerName} ${written}` });
        }
      }
      layer.flush();
      return written;
    });
  }
}

function runDelete(dataset: Dataset, layerName: string): void {
  try {
    dataset.executeSQL(`DELETE FROM "${layerName.replace(/"/g, '""')}"`);
  } catch (thrown) {
    if (thrown instanceof Error && thrown.message) throw thrown;
  }
}

export function envelopeToExtent(envelope: { minX: number; minY: number; maxX: number; maxY: number }): Extent {
  return [envelope.minX, envelope.minY, envelope.maxX, envelope.maxY];
}

function unionExtents(extents: Array<Extent | null>): Extent | null {
  let union: Extent | null = null;
  for (const extent of extents) {
    if (!extent) continue;
    union = union
      ? [Math.min(union[0], extent[0]), Math.min(union[1], extent[1]), Math.max(union[2], extent[2]), Math.max(union[3], extent[3])]
      : [...extent];
  }
  return union;
}

/**
 * The GDAL dataset of an existing workspace (read-only for readers such as the
 * export), or the exact reason the file is not one: missing, a folder, not
 * readable by GDAL, another format, or a GeoPackage without the workspace table.
 */
export function openWorkspaceDataset(path: string, mode: 'r' | 'r+'): Dataset {
  if (!existsSync(path)) throw new CityGridError('FILE_NOT_FOUND', 'no such file', path);
  if (statSync(path).isDirectory()) throw new CityGridError('WORKSPACE_INVALID', 'is a folder, not a workspace .gpkg file', path);
  let dataset: Dataset;
  try {
    dataset = gdal.open(path, mode);
  } catch (thrown) {
    throw workspaceBusyError(thrown, path) ?? new CityGridError('WORKSPACE_INVALID', `not a GeoPackage workspace: GDAL cannot open it (${(thrown as Error).message || 'unrecognised format'})`, path);
  }
  if (dataset.driver.description !== 'GPKG') {
    const driver = dataset.driver.description;
    dataset.close();
    throw new CityGridError('WORKSPACE_INVALID', `is a ${driver} file, not a GeoPackage workspace; use "citygrid import" to bring its data into a workspace`, path);
  }
  if (!dataset.layers.map((layer) => layer.name).includes(META_TABLE)) {
    dataset.close();
    throw new CityGridError('WORKSPACE_INVALID', `a GeoPackage but not a CityGrid workspace (no ${META_TABLE} table); use "citygrid import" to bring its layers into one`, path);
  }
  return dataset;
}
