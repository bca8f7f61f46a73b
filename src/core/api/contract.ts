/**
 * The one service contract between the renderer and the services.
 *
 * Electron serves it over IPC (electron/ipc_adapter.ts), the web host over
 * loopback HTTP (src/node/web/web_host.ts); both dispatch to the same
 * implementation (src/node/services/citygrid_services.ts). Every method takes
 * one plain request object and resolves to one plain value, so that the
 * contract survives structured cloning and JSON alike.
 */
import type { ServiceError } from './errors.js';
import type { Extent, FeatureDto, LocalizedText, Properties } from './geo_types.js';
import type { QaReport } from '../qa/qa_finding.js';

export type { QaReport };

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

export interface OpenWorkspaceRequest { path: string }
export interface ListLayersRequest { }
export interface GetWorkspaceRequest { }

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

export interface PublishRequest {
  /** Folder receiving `<name>-<version>/`; defaults to `packages/` beside the workspace. */
  outDir?: string;
  /** Publish although the standards check finds errors; refused (VALIDATION_FAILED) otherwise. */
  allowErrors?: boolean;
}

export interface PublishResult {
  directory: string;
  name: string;
  version: number;
  files: string[];
  layerCounts: Record<string, number>;
  /** Findings of the standards check the package records (qa-report.json). */
  qa?: { errors: number; warnings: number };
}

/** Validation takes no options: the rule set is schemas/qa-rules.json. Its job's result is a QaReport. */
export interface ValidationRequest { }

/** Import a file on the service machine into a layer of the open workspace (replacing its features). */
export interface ImportRequest {
  layer: string;
  /** Path of a Shapefile (.shp/.zip), GeoPackage, GeoJSON, FileGDB, KML, CSV or DXF. */
  source: string;
  /** UTF-8 | GBK | GB18030, over the .cpg and the detector. */
  encoding?: string;
  /** EPSG code for a source without a coordinate system (never guessed). */
  crs?: string;
  /**
   * Workspace field → source column (null: leave the field empty), over the
   * standard names; fields it does not name are matched as usual.
   */
  mapping?: Record<string, string | null>;
}

/** What a source holds, before any import: `citygrid import --dry-run SOURCE`. */
export interface InspectSourceRequest {
  source: string;
  /** UTF-8 | GBK | GB18030: read the text so instead of the .cpg or the guess. */
  encoding?: string;
  /** A workspace layer: its fields are matched against the source's columns. */
  layer?: string;
}

export interface EncodingCandidateInfo {
  encoding: string;
  /** Every sampled value is well-formed in this encoding. */
  fits: boolean;
  samples: string[];
}

export interface SourceEncodingInfo {
  /** What the text is read as, in words (e.g. `GBK (detected, confidence 0.99)`). */
  readAs: string;
  origin: 'option' | 'cpg' | 'language-driver' | 'detected' | 'default';
  /** The detector's answer from the DBF bytes; null when undecided. */
  guessed: string | null;
  confidence: number | null;
  /** Values with non-ASCII bytes, the only ones that tell encodings apart. */
  nonAsciiValues: number;
  candidates: EncodingCandidateInfo[];
  warning: string | null;
}

export interface FieldMatchInfo {
  layer: string;
  fields: FieldInfo[];
  /** workspace field → source column recognised by name (legacy, current or Chinese) */
  mapping: Record<string, string>;
  unmatchedSources: string[];
  unfilledFields: string[];
}

export interface SourceInspection {
  source: string;
  driver: string;
  layers: string[];
  sourceLayer: string;
  featureCount: number;
  geometryType: string;
  /** EPSG code, or null: the source has none and the import must be told one. */
  crs: string | null;
  crsNote: string | null;
  /** Shapefiles and CSV only. */
  encoding: SourceEncodingInfo | null;
  columns: string[];
  firstFeature: Properties | null;
  warnings: string[];
  /** With `layer` in the request. */
  fieldMatch: FieldMatchInfo | null;
}

/** A saved field mapping, in the same JSON as `citygrid import --save-mapping`. */
export interface MappingPresetInfo {
  name: string;
  layer: string;
  fields: Record<string, string | null>;
  path: string;
}

export interface ListMappingPresetsRequest { layer?: string }
export interface SaveMappingPresetRequest { name: string; layer: string; fields: Record<string, string | null> }

export interface ImportResult {
  layer: string;
  source: string;
  imported: number;
  replaced: number;
  sourceCrs: string;
  workspaceCrs: string;
}

export interface JobHandle { jobId: string }
export interface CancelJobRequest { jobId: string }
export interface CancelJobResult { canceled: boolean }

/** What the services implement: each method resolves to its value or rejects with a CityGridError. */
export interface CityGridApi {
  openWorkspace(request: OpenWorkspaceRequest): Promise<WorkspaceInfo>;
  getWorkspace(request: GetWorkspaceRequest): Promise<WorkspaceInfo | null>;
  listLayers(request: ListLayersRequest): Promise<LayerInfo[]>;
  getFeatures(request: FeaturesRequest): Promise<FeaturePage>;
  identify(request: IdentifyRequest): Promise<IdentifyResult>;
  /** Starts a publish job; progress and the outcome arrive as events. */
  startPublish(request: PublishRequest): Promise<JobHandle>;
  /** Starts the standards check of the open workspace; progress as events, the QaReport as the job's result. */
  startValidation(request: ValidationRequest): Promise<JobHandle>;
  /** Starts an import job (one transaction); the ImportResult as the job's result. */
  startImport(request: ImportRequest): Promise<JobHandle>;
  cancelJob(request: CancelJobRequest): Promise<CancelJobResult>;
  /** Reads a source without importing it: count, CRS, encoding guess with samples, columns and recognised fields. */
  inspectSource(request: InspectSourceRequest): Promise<SourceInspection>;
  /** Presets in the `mapping-presets` folder beside the open workspace. */
  listMappingPresets(request: ListMappingPresetsRequest): Promise<MappingPresetInfo[]>;
  saveMappingPreset(request: SaveMappingPresetRequest): Promise<MappingPresetInfo>;
}

export type ApiMethod = keyof CityGridApi;
export type ApiRequest<M extends ApiMethod> = Parameters<CityGridApi[M]>[0];
export type ApiResponse<M extends ApiMethod> = Awaited<ReturnType<CityGridApi[M]>>;

/**
 * The method names, at run time: adapters refuse anything else, so a renderer
 * can never reach a service method that is not part of the contract.
 */
export const API_METHODS: readonly ApiMethod[] = [
  'openWorkspace',
  'getWorkspace',
  'listLayers',
  'getFeatures',
  'identify',
  'startPublish',
  'startValidation',
  'startImport',
  'cancelJob',
  'inspectSource',
  'listMappingPresets',
  'saveMappingPreset',
] as const;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/** Errors cross the boundary as values. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

/** Events pushed from the services to every connected renderer. */
export type ServiceEvent =
  | { kind: 'job-progress'; jobId: string; fraction: number; message: LocalizedText }
  | { kind: 'job-finished'; jobId: string; result: Result<unknown> }
  | { kind: 'workspace-changed'; path: string };
