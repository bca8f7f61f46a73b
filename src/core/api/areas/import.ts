/** Import: inspect a source, import it into a layer, field-mapping presets. */
import type { Properties } from '../geo_types.js';
import { FIELD_MAPPING, NAME, requestSchema, TEXT, type AreaRequestSchemas } from '../request_schema.js';
import type { JobHandle } from './jobs.js';
import type { FieldInfo } from './workspace.js';

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
  /** Replace the layer even when the source empties it or leaves less than half its features (refused otherwise, LAYER_WOULD_SHRINK). */
  allowShrink?: boolean;
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

export interface ImportApi {
  /** Starts an import job (one transaction); the ImportResult as the job's result. */
  startImport(request: ImportRequest): Promise<JobHandle<'import'>>;
  /** Reads a source without importing it: count, CRS, encoding guess with samples, columns and recognised fields. */
  inspectSource(request: InspectSourceRequest): Promise<SourceInspection>;
  /** Presets in the `mapping-presets` folder beside the open workspace. */
  listMappingPresets(request: ListMappingPresetsRequest): Promise<MappingPresetInfo[]>;
  saveMappingPreset(request: SaveMappingPresetRequest): Promise<MappingPresetInfo>;
}

export const IMPORT_REQUEST_SCHEMAS = {
  startImport: requestSchema({ layer: NAME, source: NAME, encoding: TEXT, crs: TEXT, mapping: FIELD_MAPPING, allowShrink: { type: 'boolean' } }, ['layer', 'source']),
  inspectSource: requestSchema({ source: NAME, encoding: TEXT, layer: TEXT }, ['source']),
  listMappingPresets: requestSchema({ layer: TEXT }),
  saveMappingPreset: requestSchema({ name: NAME, layer: NAME, fields: FIELD_MAPPING }, ['name', 'layer', 'fields']),
} satisfies AreaRequestSchemas<ImportApi>;
