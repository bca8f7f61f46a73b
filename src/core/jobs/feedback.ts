/**
 * Long work takes a feedback object (as QGIS's QgsFeedback): it reports
 * progress and asks whether the user has canceled, so that the same operation
 * runs under the CLI, the web host and Electron.
 */
import type { LocalizedText } from '../api/geo_types.js';
import { CityGridError } from '../api/errors.js';

export interface Feedback {
  /** fraction in [0, 1]. */
  reportProgress(fraction: number, message: LocalizedText): void;
  readonly canceled: boolean;
}

export function throwIfCanceled(feedback: Feedback): void {
  if (feedback.canceled) throw new CityGridError('CANCELED', 'canceled by the user / 用户已取消');
}

/** A feedback that reports a sub-range of a parent's progress. */
export function subFeedback(parent: Feedback, from: number, to: number): Feedback {
  return {
    reportProgress(fraction, message) {
      parent.reportProgress(from + (to - from) * Math.min(1, Math.max(0, fraction)), message);
    },
    get canceled() { return parent.canceled; },
  };
}

/** Feedback that goes nowhere, for callers that do not show progress. */
export const SILENT_FEEDBACK: Feedback = { reportProgress() {}, canceled: false };
