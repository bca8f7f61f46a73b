/** A cached county check the code rules share. */
import type { QaContext } from '../qa_context.js';

/** Whether a 6-digit code is a county-level division; asked once per distinct code. */
export function countyChecker(context: QaContext): (division: string) => boolean {
  return context.memo('countyChecker', () => {
    const known = new Map<string, boolean>();
    return (division: string): boolean => {
      let answer = known.get(division);
      if (answer === undefined) {
        answer = context.references.divisions.find(division)?.level === 'county';
        known.set(division, answer);
      }
      return answer;
    };
  });
}
