/**
 * A rule family: one pass over the input that reports one or more rule ids
 * (a code check finds invalid and repeated codes in the same loop).
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { QaContext } from './qa_context.js';
import type { QaInputPart } from './qa_input.js';

export interface QaRuleFamily {
  /** Short name, for timings and progress. */
  name: string;
  ruleIds: readonly string[];
  /** The input parts it reads; the engine waits for them when the input arrives in parts. */
  needs: readonly QaInputPart[];
  /** Relative cost, for progress fractions. */
  weight: number;
  /** Why the family cannot check this input (e.g. no communities), if it cannot. */
  skipReason?(context: QaContext): LocalizedText | null;
  run(context: QaContext): void;
}
