/** The standards check (QA) of the open workspace. */
import type { QaReport } from '../../qa/qa_finding.js';
import { requestSchema, type AreaRequestSchemas } from '../request_schema.js';
import type { JobHandle } from './jobs.js';

export type { QaReport };

/**
 * The rule set is schemas/qa-rules.json. `findingsCsv`: also write every
 * finding (also those the report only counts) as CSV beside the workspace;
 * the report's `findingsCsv` names the file.
 */
export interface ValidationRequest { findingsCsv?: boolean }

export interface QaApi {
  /** Starts the standards check of the open workspace; progress as events, the QaReport as the job's result. */
  startValidation(request: ValidationRequest): Promise<JobHandle<'validation'>>;
}

export const QA_REQUEST_SCHEMAS = {
  startValidation: requestSchema({ findingsCsv: { type: 'boolean' } }),
} satisfies AreaRequestSchemas<QaApi>;
