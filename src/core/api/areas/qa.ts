/** The standards check (QA) of the open workspace. */
import type { QaReport } from '../../qa/qa_finding.js';
import { EMPTY_REQUEST, type AreaRequestSchemas } from '../request_schema.js';
import type { JobHandle } from './jobs.js';

export type { QaReport };

/** Validation takes no options: the rule set is schemas/qa-rules.json. */
export interface ValidationRequest { }

export interface QaApi {
  /** Starts the standards check of the open workspace; progress as events, the QaReport as the job's result. */
  startValidation(request: ValidationRequest): Promise<JobHandle<'validation'>>;
}

export const QA_REQUEST_SCHEMAS = {
  startValidation: EMPTY_REQUEST,
} satisfies AreaRequestSchemas<QaApi>;
