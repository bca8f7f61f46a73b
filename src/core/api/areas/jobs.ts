/** Jobs: long work (import, publish, validation) runs in the background; progress and outcome arrive as events. */
import { NAME, requestSchema, type AreaRequestSchemas } from '../request_schema.js';

declare const jobKind: unique symbol;

/**
 * What a start method answers. `K` names the kind of job, so that the
 * renderer's job tracker knows the type of its result (contract.ts, JobResults);
 * it is a type only and never travels.
 */
export interface JobHandle<K extends string = string> {
  jobId: string;
  readonly [jobKind]?: K;
}

export interface CancelJobRequest { jobId: string }
export interface CancelJobResult { canceled: boolean }

export interface JobsApi {
  cancelJob(request: CancelJobRequest): Promise<CancelJobResult>;
}

export const JOBS_REQUEST_SCHEMAS = {
  cancelJob: requestSchema({ jobId: NAME }, ['jobId']),
} satisfies AreaRequestSchemas<JobsApi>;
