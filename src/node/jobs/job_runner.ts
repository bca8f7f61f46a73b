/**
 * Runs long work in the background of the service process and reports it as
 * events: progress (throttled, so a million-feature loop does not flood the
 * renderer) and one `job-finished` with the outcome as a value.
 */
import { randomUUID } from 'node:crypto';
import type { JobKind, JobResult, ServiceEvent } from '../../core/api/contract.js';
import { toServiceError } from '../../core/api/errors.js';
import type { LocalizedText } from '../../core/api/geo_types.js';
import type { Feedback } from '../../core/jobs/feedback.js';

const PROGRESS_INTERVAL_MS = 100;

interface RunningJob {
  kind: JobKind;
  canceled: boolean;
  done: Promise<void>;
}

export class JobRunner {
  private readonly jobs = new Map<string, RunningJob>();

  constructor(private readonly emit: (event: ServiceEvent) => void) {}

  /** The work must resolve to its kind's result type (contract.ts, JobResults): what the renderer's tracker expects. */
  start<K extends JobKind>(kind: K, work: (feedback: Feedback) => Promise<JobResult<K>>): string {
    const jobId = randomUUID();
    const job: RunningJob = { kind, canceled: false, done: Promise.resolve() };
    let lastSent = 0;
    const feedback: Feedback = {
      reportProgress: (fraction: number, message: LocalizedText) => {
        const now = Date.now();
        if (fraction < 1 && now - lastSent < PROGRESS_INTERVAL_MS) return;
        lastSent = now;
        this.emit({ kind: 'job-progress', jobId, fraction: Math.min(1, Math.max(0, fraction)), message });
      },
      get canceled() { return job.canceled; },
    };
    this.jobs.set(jobId, job);
    job.done = (async () => {
      // Let the caller receive the job id before the first event.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        const value = await work(feedback);
        this.emit({ kind: 'job-finished', jobId, result: { ok: true, value } });
      } catch (thrown) {
        this.emit({ kind: 'job-finished', jobId, result: { ok: false, error: toServiceError(thrown) } });
      } finally {
        this.jobs.delete(jobId);
      }
    })();
    return jobId;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.canceled = true;
    return true;
  }

  isRunning(kind: JobKind): boolean {
    return [...this.jobs.values()].some((job) => job.kind === kind);
  }

  /** Waits for every running job, for orderly shutdown and tests. */
  async settle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((job) => job.done));
  }
}
