/**
 * The building blocks of the per-method request schemas each area of the
 * contract declares (areas/*.ts), checked by the shared dispatcher before any
 * service runs (check_request.ts). The TypeScript request types say the same
 * for the compiler; the schemas say it at run time, for what arrives over IPC
 * or HTTP from a renderer that may not be ours. Objects are closed (no unknown
 * fields), numbers finite, names and paths non-empty.
 */
export interface RequestSchema {
  type: 'object';
  properties: Record<string, object>;
  required?: string[];
  additionalProperties: false;
}

/** One schema for each method of an area's interface, and nothing else. */
export type AreaRequestSchemas<Area> = { [Method in keyof Area]: RequestSchema };

export const NAME = { type: 'string', minLength: 1 } as const;
export const TEXT = { type: 'string' } as const;
export const NUMBER = { type: 'number' } as const;
export const EMPTY_REQUEST: RequestSchema = { type: 'object', properties: {}, additionalProperties: false };
/** Workspace field → source column, or null to leave it empty. */
export const FIELD_MAPPING = { type: 'object', additionalProperties: { type: ['string', 'null'] } } as const;

/** A closed object with these properties, the `required` ones mandatory. */
export function requestSchema(properties: Record<string, object>, required: string[] = []): RequestSchema {
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}
