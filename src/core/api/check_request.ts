/**
 * Checks a request against its method's schema (REQUEST_SCHEMAS in contract.ts, one per area) with ajv,
 * the well-kept JSON Schema validator, and says what does not fit in terms of
 * the method and the field, e.g. `getFeatures: "limit" must be integer (got "x")`.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { ApiMethod } from './contract.js';
import { CityGridError } from './errors.js';
import { REQUEST_SCHEMAS } from './contract.js';

// strictNumbers: NaN and Infinity, which structured cloning (IPC) carries and JSON cannot, are not numbers here.
const ajv = new Ajv({ allErrors: false, strictNumbers: true, allowUnionTypes: true, coerceTypes: false, useDefaults: false });
const compiled = new Map<ApiMethod, ValidateFunction>();

/** Throws INVALID_REQUEST naming the method and the field when `request` does not fit the contract. */
export function checkRequest(method: ApiMethod, request: unknown): void {
  let validate = compiled.get(method);
  if (!validate) {
    validate = ajv.compile(REQUEST_SCHEMAS[method]);
    compiled.set(method, validate);
  }
  if (validate(request)) return;
  const error = validate.errors?.[0];
  const field = error ? fieldOf(error) : '';
  // The method is the place (the message then reads `getFeatures: "limit" …`); the field is in the words.
  throw new CityGridError('INVALID_REQUEST', error ? describe(error, field, request) : 'the request does not fit the contract', method);
}

function describe(error: ErrorObject, field: string, request: unknown): string {
  if (error.keyword === 'required') return `"${field}" is required`;
  if (error.keyword === 'additionalProperties') return `"${field}" is not a field of this request`;
  if (field === '') return `the request ${error.message ?? 'is malformed'}`;
  return `"${field}" ${error.message ?? 'is malformed'} (got ${shown(valueAt(request, error.instancePath))})`;
}

/** `/extent/1` → `extent[1]`; a missing or unknown property is named too. */
function fieldOf(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const extra = params.missingProperty ?? params.additionalProperty;
  if (extra !== undefined) segments.push(extra);
  return segments.reduce((path, segment) => /^\d+$/.test(segment) ? `${path}[${segment}]` : path === '' ? segment : `${path}.${segment}`, '');
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const segment of pointer.split('/').slice(1)) value = (value as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  return value;
}

function shown(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
