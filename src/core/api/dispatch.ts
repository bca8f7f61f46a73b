/**
 * The service side of every adapter: checks the method name and the request
 * against the contract (its schema per method), calls the implementation and
 * turns any failure into an error value.
 */
import { isApiMethod, type CityGridApi, type Result } from './contract.js';
import { checkRequest } from './check_request.js';
import { CityGridError, toServiceError } from './errors.js';

export async function dispatch(services: CityGridApi, method: unknown, request: unknown): Promise<Result<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'INVALID_REQUEST', message: `unknown method ${String(method)}` } };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { ok: false, error: { code: 'INVALID_REQUEST', message: `${method}: the request must be an object` } };
  }
  try {
    checkRequest(method, request);
    const call = services[method] as (request: unknown) => Promise<unknown>;
    const value = await call.call(services, request);
    return { ok: true, value: value === undefined ? null : value };
  } catch (thrown) {
    return { ok: false, error: toServiceError(thrown) };
  }
}

export function requireString(request: Record<string, unknown>, key: string, method: string): string {
  const value = request[key];
  if (typeof value !== 'string' || value === '') {
    throw new CityGridError('INVALID_REQUEST', `${method}: "${key}" must be a non-empty string`);
  }
  return value;
}
