/**
 * One service job as a panel follows it: idle → starting → running → finished,
 * with Cancel. A job starts on the service side at once, so its progress and
 * even its outcome can arrive before the start call answers with the job id:
 * events are buffered while the start is pending and replayed afterwards.
 * Publish, import and validation all follow their jobs through this; a
 * tracker is for one kind of job, so its outcome has that kind's result type.
 */
import type { JobHandle, JobKind, JobResult, LayerInfo, Result, ServiceEvent } from '../../core/api/contract.js';
import type { ApiClient } from '../../core/api/client.js';
import type { ServiceError } from '../../core/api/errors.js';
import type { LocalizedText } from '../../core/api/geo_types.js';
import { element } from '../util/dom.js';
import { localize } from '../i18n/language.js';

export type JobState<K extends JobKind> =
  | { kind: 'idle' }
  | { kind: 'starting'; buffered: ServiceEvent[] }
  | { kind: 'running'; jobId: string; fraction: number; message: LocalizedText | null }
  | { kind: 'finished'; result: Result<JobResult<K>> };

export interface JobTracker<K extends JobKind> {
  readonly state: JobState<K>;
  /** True while starting or running. */
  readonly busy: boolean;
  /** Starts a job unless one is under way; `begin` calls the contract's start method. */
  start(begin: () => Promise<Result<JobHandle<K>>>): void;
  cancel(): void;
  handleEvent(event: ServiceEvent): void;
  /** Forgets a finished job (e.g. when another workspace opens). */
  reset(): void;
}

export interface JobTrackerDeps<K extends JobKind> {
  /** Called after every change of state; the panel re-renders. */
  onChange(state: JobState<K>): void;
  /** A refused start or cancel. */
  onError(error: ServiceError): void;
  /** The job's outcome (not called for a refused start, which goes to onError). */
  onFinished?(result: Result<JobResult<K>>): void;
}

export function createJobTracker<K extends JobKind>(client: ApiClient, deps: JobTrackerDeps<K>): JobTracker<K> {
  let state: JobState<K> = { kind: 'idle' };
  const isBusy = () => state.kind === 'starting' || state.kind === 'running';
  const change = (next: JobState<K>) => {
    state = next;
    deps.onChange(state);
  };

  const apply = (event: ServiceEvent) => {
    if (state.kind !== 'running' || !('jobId' in event) || event.jobId !== state.jobId) return;
    if (event.kind === 'job-progress') {
      change({ ...state, fraction: Math.min(1, Math.max(0, event.fraction)), message: event.message });
    } else if (event.kind === 'job-finished') {
      // The one narrowing: this id came from a JobHandle<K>, and the services' JobRunner makes a K job resolve to JobResult<K>.
      const result = event.result as Result<JobResult<K>>;
      change({ kind: 'finished', result });
      deps.onFinished?.(result);
    }
  };

  return {
    get state() { return state; },
    get busy() { return isBusy(); },
    start(begin) {
      if (isBusy()) return;
      change({ kind: 'starting', buffered: [] });
      void begin().then((started) => {
        const buffered = state.kind === 'starting' ? state.buffered : [];
        if (!started.ok) {
          deps.onError(started.error);
          change({ kind: 'finished', result: { ok: false, error: started.error } });
          return;
        }
        change({ kind: 'running', jobId: started.value.jobId, fraction: 0, message: null });
        for (const event of buffered) apply(event);
      });
    },
    cancel() {
      if (state.kind !== 'running') return;
      void client.cancelJob({ jobId: state.jobId }).then((result) => {
        if (!result.ok) deps.onError(result.error);
      });
    },
    handleEvent(event) {
      if (state.kind === 'starting') state.buffered.push(event);
      else apply(event);
    },
    reset() {
      if (state.kind === 'finished') change({ kind: 'idle' });
      else deps.onChange(state);
    },
  };
}

/** A dialog that runs one kind of job (publish, import), as main.ts drives it. */
export interface JobDialog {
  open(): void;
  handleEvent(event: ServiceEvent): void;
}

export interface JobDialogDeps<K extends JobKind> {
  layers(): LayerInfo[];
  onError(error: ServiceError): void;
  onFinished(result: Result<JobResult<K>>): void;
}

export interface JobProgressView {
  /** The box to place in the panel. */
  box: HTMLElement;
  /** Shows the bar while the job starts or runs; `fallback` is the text before the first message. */
  show(state: JobState<JobKind>, fallback: string): void;
}

/** The progress bar and its message line, shared by every job panel. */
export function createJobProgressView(testIds: { bar: string; message: string }, className = 'progress-box'): JobProgressView {
  const bar = element('progress', { className: 'progress', testId: testIds.bar, attributes: { max: '1', value: '0' } });
  const message = element('div', { className: 'progress-message', testId: testIds.message });
  const box = element('div', { className }, [bar, message]);
  return {
    box,
    show(state, fallback) {
      box.hidden = state.kind !== 'starting' && state.kind !== 'running';
      if (state.kind === 'running') {
        bar.value = state.fraction;
        message.textContent = `${state.message ? localize(state.message) : fallback}  ${Math.round(state.fraction * 100)}%`;
      } else if (state.kind === 'starting') {
        // Indeterminate until the first progress event.
        bar.removeAttribute('value');
        message.textContent = fallback;
      }
    },
  };
}
