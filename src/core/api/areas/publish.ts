/** Publishing: a versioned data package of the open workspace. */
import { requestSchema, TEXT, type AreaRequestSchemas } from '../request_schema.js';
import type { JobHandle } from './jobs.js';

export interface PublishRequest {
  /** Folder receiving `<name>-<version>/`; defaults to `packages/` beside the workspace. */
  outDir?: string;
  /** Publish although the standards check finds errors; refused (VALIDATION_FAILED) otherwise. */
  allowErrors?: boolean;
}

export interface PublishResult {
  directory: string;
  name: string;
  version: number;
  files: string[];
  layerCounts: Record<string, number>;
  /** Findings of the standards check the package records (qa-report.json). */
  qa?: { errors: number; warnings: number };
}

export interface PublishApi {
  /** Starts a publish job; progress and the outcome (a PublishResult) arrive as events. */
  startPublish(request: PublishRequest): Promise<JobHandle<'publish'>>;
}

export const PUBLISH_REQUEST_SCHEMAS = {
  startPublish: requestSchema({ outDir: TEXT, allowErrors: { type: 'boolean' } }),
} satisfies AreaRequestSchemas<PublishApi>;
