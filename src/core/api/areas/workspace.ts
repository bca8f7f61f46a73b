/** The workspace: open it, its layers and taxonomy, features by extent, identify. */
import type { MajorClass, TaxonomyClass } from '../../taxonomy/taxonomy.js';
import type { Extent, FeatureDto, LocalizedText } from '../geo_types.js';
import { EMPTY_REQUEST, NAME, NUMBER, requestSchema, type AreaRequestSchemas } from '../request_schema.js';

export interface CrsInfo {
  /** Authority code, e.g. `EPSG:4527`. */
  code: string;
  name: string;
  /** proj4 definition, so that the renderer can project without GDAL. */
  proj4: string;
}

export type GeometryKind = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon' | 'MultiLineString' | 'MultiPoint' | 'None';

export interface FieldInfo {
  name: string;
  label: LocalizedText;
}

export interface LayerInfo {
  name: string;
  title: LocalizedText;
  /** `data` layers are what the centre maintains; `base` layers only draw the base map. */
  role: 'data' | 'base';
  geometryKind: GeometryKind;
  featureCount: number;
  extent: Extent | null;
  fields: FieldInfo[];
  /** Field shown as a label at close zoom, if any. */
  labelField: string | null;
}

export interface WorkspaceInfo {
  path: string;
  name: string;
  crs: CrsInfo;
  extent: Extent | null;
  layers: LayerInfo[];
  /** Last published package version, 0 before the first publish. */
  publishedVersion: number;
}

/** A class table the workspace's component codes are read in. */
export interface ComponentClassTable {
  /** The base table a code layout names (`taxonomy`), e.g. `legacy-cjt214-components`. */
  id: string;
  majors: MajorClass[];
  classes: TaxonomyClass[];
}

/** The taxonomy the workspace names (citygrid_meta.taxonomy), e.g. `city-lanshan`: base tables plus a city's own classes. */
export interface TaxonomyInfo {
  /** '' when the workspace names none: the base tables apply. */
  id: string;
  name: LocalizedText | null;
  /** One per base table the component code layouts name; a city's merged table (local classes included) stands in for its base. */
  components: ComponentClassTable[];
}

export interface OpenWorkspaceRequest { path: string }
export interface ListLayersRequest { }
export interface GetWorkspaceRequest { }
export interface GetTaxonomyRequest { }

export interface FeaturesRequest {
  layer: string;
  extent: Extent;
  /** At most this many features; the page says when it was cut. */
  limit?: number;
}

export interface FeaturePage {
  layer: string;
  features: FeatureDto[];
  truncated: boolean;
}

export interface IdentifyRequest {
  x: number;
  y: number;
  /** Search radius for points and lines, in workspace CRS units (metres). */
  tolerance: number;
  /** Layers to search, top-most first; all data layers when omitted. */
  layers?: string[];
}

export interface IdentifyResult {
  hits: FeatureDto[];
}

export interface WorkspaceApi {
  openWorkspace(request: OpenWorkspaceRequest): Promise<WorkspaceInfo>;
  getWorkspace(request: GetWorkspaceRequest): Promise<WorkspaceInfo | null>;
  listLayers(request: ListLayersRequest): Promise<LayerInfo[]>;
  /** The component classes of the open workspace's own taxonomy, for the legend and the identify panel. */
  getTaxonomy(request: GetTaxonomyRequest): Promise<TaxonomyInfo>;
  getFeatures(request: FeaturesRequest): Promise<FeaturePage>;
  identify(request: IdentifyRequest): Promise<IdentifyResult>;
}

export const WORKSPACE_REQUEST_SCHEMAS = {
  openWorkspace: requestSchema({ path: NAME }, ['path']),
  getWorkspace: EMPTY_REQUEST,
  listLayers: EMPTY_REQUEST,
  getTaxonomy: EMPTY_REQUEST,
  getFeatures: requestSchema({
    layer: NAME,
    extent: { type: 'array', items: NUMBER, minItems: 4, maxItems: 4 },
    limit: { type: 'integer', minimum: 1 },
  }, ['layer', 'extent']),
  identify: requestSchema({
    x: NUMBER,
    y: NUMBER,
    tolerance: { type: 'number', minimum: 0 },
    layers: { type: 'array', items: NAME },
  }, ['x', 'y', 'tolerance']),
} satisfies AreaRequestSchemas<WorkspaceApi>;
