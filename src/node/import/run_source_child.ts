/**
 * Runs a task of source_child.ts in a child process and waits for its answer,
 * killing the child (SIGKILL: GDAL is in native code and would not notice
 * anything gentler) when the user cancels or when the task outlives its time
 * bound. The child is the same executable as this process (node, or Electron
 * run as node), so it loads the same gdal-async.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CityGridError, isServiceError } from '../../core/api/errors.js';
import { throwIfCanceled, type Feedback } from '../../core/jobs/feedback.js';
import type { SourceChildRequest } from './source_child.js';

const CHILD_SCRIPT = fileURLToPath(new URL('./source_child.js', import.meta.url));
/** How often a running child looks whether the user canceled. */
const CANCEL_POLL_MILLISECONDS = 100;

export interface ChildRunOptions {
  /** The file the task reads, for messages. */
  place: string;
  /** Canceling kills the child and throws CANCELED. */
  feedback?: Feedback | undefined;
  /** Past this the child is killed and the source refused, as built to stall. */
  timeoutSeconds?: number | undefined;
  /** What the task was doing, for the time-bound message ("reading its schema"). */
  doing: string;
}

export async function runSourceChild<T>(request: SourceChildRequest, options: ChildRunOptions): Promise<T> {
  const child = spawn(process.execPath, [CHILD_SCRIPT, JSON.stringify(request)], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stopped: 'canceled' | 'timeout' | null = null;
  const stop = (why: 'canceled' | 'timeout'): void => {
    if (stopped) return;
    stopped = why;
    child.kill('SIGKILL');
  };
  const watcher = options.feedback ? setInterval(() => { if (options.feedback!.canceled) stop('canceled'); }, CANCEL_POLL_MILLISECONDS) : null;
  const timer = options.timeoutSeconds ? setTimeout(() => stop('timeout'), options.timeoutSeconds * 1000) : null;
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => { output += chunk; });
  const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  }).finally(() => {
    if (watcher) clearInterval(watcher);
    if (timer) clearTimeout(timer);
  });
  if (stopped === 'canceled' && options.feedback) throwIfCanceled(options.feedback);
  if (stopped === 'timeout') {
    throw new CityGridError('FILE_UNREADABLE', `${options.doing} took longer than ${options.timeoutSeconds} s and was stopped: a file of this kind is read in moments, this one seems built to stall`, options.place);
  }
  const answer = parseAnswer(output);
  if (!answer) {
    throw new CityGridError('FILE_CORRUPT', `GDAL stopped while ${options.doing} (${exit.signal ? `signal ${exit.signal}` : `exit code ${String(exit.code)}`})`, options.place);
  }
  if (!answer.ok) {
    const { code, message, place } = answer.error;
    // The message arrives with its place in front (CityGridError's form); the error is rebuilt from the parts.
    throw new CityGridError(code, place && message.startsWith(`${place}: `) ? message.slice(place.length + 2) : message, place);
  }
  return answer.value as T;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: CityGridError['code']; message: string; place?: string } };

function parseAnswer(output: string): Answer | null {
  const line = output.trim().split('\n').pop();
  if (!line) return null;
  try {
    const answer = JSON.parse(line) as Answer;
    if (answer.ok || isServiceError(answer.error)) return answer;
  } catch {
    // Not an answer: GDAL printed something and then died.
  }
  return null;
}
