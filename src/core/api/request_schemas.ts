/**
 * What each contract method accepts, as JSON Schema, checked by the shared
 * dispatcher before any service runs (check_request.ts). The TypeScript
 * request types say the same for the compiler; these say it at run time, for
 * what arrives over IPC or HTTP from a renderer that may not be ours. Objects
 * are closed (no unknown fields), numbers finite, names and paths non-empty.
 */
import type { ApiMethod } from './contract.js';

export interface RequestSchema {
  type: 'object';
  properties: Record<string, object>;
  required?: string[];
  additionalProperties: false;
}

const NAME = { type: 'string', minLength: 1 } as const;
const TEXT = { type: 'string' } as const;
const NUMBER = { type: 'number' } as const;
const EMPTY: RequestSchema = { type: 'object', properties: {}, additionalProperties: false };
/** Workspace field → source column, or null to leave it empty. */
const FIELD_MAPPING = { type: 'object', additionalProperties: { type: ['string', 'null'] } } as const;

function request(properties: Record<string, object>, required: string[] = []): RequestSchema {
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

/** One schema per method: the compiler refuses a method of the contract that has none. */
export const REQUEST_SCHEMAS = {
  openWorkspace: request({ path: NAME }, ['path']),
  getWorkspace: EMPTY,
  listLayers: EMPTY,
  getFeatures: request({
    layer: NAME,
    extent: { type: 'array', items: NUMBER, minItems: 4, maxItems: 4 },
    limit: { type: 'integer', minimum: 1 },
  }, ['layer', 'extent']),
  identify: request({
    x: NUMBER,
    y: NUMBER,
    tolerance: { type: 'number', minimum: 0 },
    layers: { type: 'array', items: NAME },
  }, ['x', 'y', 'tolerance']),
  startPublish: request({ outDir: TEXT, allowErrors: { type: 'boolean' } }),
  startValidation: EMPTY,
  startImport: request({ layer: NAME, source: NAME, encoding: TEXT, crs: TEXT, mapping: FIELD_MAPPING }, ['layer', 'source']),
  cancelJob: request({ jobId: NAME }, ['jobId']),
  inspectSource: request({ source: NAME, encoding: TEXT, layer: TEXT }, ['source']),
  listMappingPresets: request({ layer: TEXT }),
  saveMappingPreset: request({ name: NAME, layer: NAME, fields: FIELD_MAPPING }, ['name', 'layer', 'fields']),
} satisfies Record<ApiMethod, RequestSchema>;
