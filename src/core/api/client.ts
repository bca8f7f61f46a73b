/**
 * A typed client for the service contract over any transport (Electron IPC,
 * loopback HTTP). Errors come back as values: every method resolves to a
 * Result, and a transport failure becomes an error value too, so the renderer
 * has one way to handle failure.
 */
import { API_METHODS, type ApiMethod, type ApiRequest, type ApiResponse, type Result, type ServiceEvent } from './contract.js';
import { toServiceError } from './errors.js';

export interface Transport {
  invoke(method: ApiMethod, request: unknown): Promise<Result<unknown>>;
  /** Subscribes to service events; returns the unsubscribe function. */
  onEvent(listener: (event: ServiceEvent) => void): () => void;
}

export type ApiClient = {
  [M in ApiMethod]: (request: ApiRequest<M>) => Promise<Result<ApiResponse<M>>>;
} & {
  onEvent(listener: (event: ServiceEvent) => void): () => void;
};

export function createApiClient(transport: Transport): ApiClient {
  const client = {
    onEvent: (listener: (event: ServiceEvent) => void) => transport.onEvent(listener),
  } as ApiClient;
  for (const method of API_METHODS) {
    (client as unknown as Record<string, unknown>)[method] = async (request: unknown) => {
      try {
        return await transport.invoke(method, request);
      } catch (thrown) {
        return { ok: false, error: toServiceError(thrown) };
      }
    };
  }
  return client;
}

/** Unwraps a Result, throwing its error value; for scripts and tests. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const error = new Error(`${result.error.code}: ${result.error.message}`);
  Object.assign(error, { serviceError: result.error });
  throw error;
}
