/**
 * The web host's dispatch, keeping uploaded files while they are used: an
 * inspection holds the upload batch of its source for the request, an import
 * for its whole job, and a successful import lets the batch go
 * (upload_staging.ts). Without this, staging could drop a delivery between
 * the upload and the import that reads it.
 */
import type { Result } from '../../core/api/contract.js';
import { dispatch } from '../../core/api/dispatch.js';
import type { UploadStaging } from '../import/upload_staging.js';
import type { CityGridServices } from '../services/citygrid_services.js';

/** Methods whose `source` may name an upload. */
const READS_SOURCE = new Set(['inspectSource', 'startImport']);

export interface UploadAwareDispatch {
  dispatch(method: string, request: unknown): Promise<Result<unknown>>;
  close(): void;
}

export function dispatchHoldingUploads(services: CityGridServices, staging: () => UploadStaging | null): UploadAwareDispatch {
  const heldByJob = new Map<string, (imported: boolean) => void>();
  const unsubscribe = services.subscribe((event) => {
    if (event.kind !== 'job-finished') return;
    const release = heldByJob.get(event.jobId);
    heldByJob.delete(event.jobId);
    release?.(event.result.ok);
  });
  return {
    async dispatch(method, request) {
      const source = READS_SOURCE.has(method) ? (request as { source?: unknown } | null)?.source : undefined;
      const release = typeof source === 'string' ? staging()?.hold(source) ?? null : null;
      const answer = await dispatch(services, method, request);
      if (!release) return answer;
      // The job starts after this answer (JobRunner defers it), so its finish cannot be missed.
      if (method === 'startImport' && answer.ok) heldByJob.set((answer.value as { jobId: string }).jobId, release);
      else release(false);
      return answer;
    },
    close: unsubscribe,
  };
}
