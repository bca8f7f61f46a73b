/**
 * The one service contract between the renderer and the services, composed
 * from one file per area (areas/): workspace, import, qa, publish, jobs.
 *
 * Electron serves it over IPC (electron/ipc_adapter.ts), the web host over
 * loopback HTTP (src/node/web/web_host.ts); both dispatch to the same
 * implementation (src/node/services/citygrid_services.ts). Every method takes
 * one plain request object, checked against its area's request schema, and
 * resolves to one plain value, so that the contract survives structured
 * cloning and JSON alike.
 *
 * Coming areas (edit, analysis, geocoding) each get their file in areas/ with
 * their interface and request schemas, and join CityGridApi, REQUEST_SCHEMAS
 * and, for their jobs, JobResults below.
 */
import type { ServiceError } from './errors.js';
import type { LocalizedText } from './geo_types.js';
import type { RequestSchema } from './request_schema.js';
import { IMPORT_REQUEST_SCHEMAS, type ImportApi, type ImportResult } from './areas/import.js';
import { JOBS_REQUEST_SCHEMAS, type JobHandle, type JobsApi } from './areas/jobs.js';
import { PUBLISH_REQUEST_SCHEMAS, type PublishApi, type PublishResult } from './areas/publish.js';
import { QA_REQUEST_SCHEMAS, type QaApi, type QaReport } from './areas/qa.js';
import { WORKSPACE_REQUEST_SCHEMAS, type WorkspaceApi } from './areas/workspace.js';

export type * from './areas/workspace.js';
export type * from './areas/import.js';
export type * from './areas/qa.js';
export type * from './areas/publish.js';
export type * from './areas/jobs.js';

/** What the services implement: each method resolves to its value or rejects with a CityGridError. */
export interface CityGridApi extends WorkspaceApi, ImportApi, QaApi, PublishApi, JobsApi {}

export type ApiMethod = keyof CityGridApi;
export type ApiRequest<M extends ApiMethod> = Parameters<CityGridApi[M]>[0];
export type ApiResponse<M extends ApiMethod> = Awaited<ReturnType<CityGridApi[M]>>;

/** What each kind of job resolves to: the result a `job-finished` event carries for a JobHandle<kind>. */
export interface JobResults {
  import: ImportResult;
  validation: QaReport;
  publish: PublishResult;
}
export type JobKind = keyof JobResults;
export type JobResult<K extends JobKind> = JobResults[K];

/** Every start method's handle names a kind of job that JobResults knows, and every kind there has a start method: a compile error otherwise. */
type StartedKind = { [M in ApiMethod]: ApiResponse<M> extends JobHandle<infer K> ? (string extends K ? never : K) : never }[ApiMethod];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type JobKindsMatchStartMethods = Same<StartedKind, JobKind> extends true ? true : never;
const jobKindsMatchStartMethods: JobKindsMatchStartMethods = true;
void jobKindsMatchStartMethods;

/** Each method's request schema, at run time; the compiler refuses a method without one, or one too many. */
export const REQUEST_SCHEMAS = {
  ...WORKSPACE_REQUEST_SCHEMAS,
  ...IMPORT_REQUEST_SCHEMAS,
  ...QA_REQUEST_SCHEMAS,
  ...PUBLISH_REQUEST_SCHEMAS,
  ...JOBS_REQUEST_SCHEMAS,
} satisfies Record<ApiMethod, RequestSchema>;

/**
 * The method names, at run time: adapters refuse anything else, so a renderer
 * can never reach a service method that is not part of the contract.
 */
export const API_METHODS = Object.keys(REQUEST_SCHEMAS) as readonly ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(REQUEST_SCHEMAS, name);
}

/** Errors cross the boundary as values. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

/** Events pushed from the services to every connected renderer. */
export type ServiceEvent =
  | { kind: 'job-progress'; jobId: string; fraction: number; message: LocalizedText }
  /** `result` holds the JobResults entry of the job's kind; the job tracker, which knows the kind from the handle, narrows it. */
  | { kind: 'job-finished'; jobId: string; result: Result<unknown> }
  | { kind: 'workspace-changed'; path: string };
