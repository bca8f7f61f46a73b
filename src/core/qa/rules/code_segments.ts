/** Helpers the code rules share: where a segment ends, and a cached county check. */
import type { CodeLayout } from '../../codes/code_layout.js';
import type { QaContext } from '../qa_context.js';

/** Characters up to and including the named segment; 0 when the layout has no such segment. */
export function segmentEnd(layout: CodeLayout, name: string): number {
  let end = 0;
  for (const segment of layout.segments) {
    end += segment.length;
    if (segment.name === name) return end;
  }
  return 0;
}

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
