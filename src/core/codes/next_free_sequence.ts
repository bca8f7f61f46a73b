/**
 * The next sequence number for a new code: one more than the highest
 * sequence already used under the same prefix (every segment but the
 * sequence, e.g. division + class for a component). Gaps are not refilled on
 * purpose: a retired component's code must never come back as another one's,
 * or old cases would point at the wrong object.
 */
import { layoutLength, type CodeLayout } from './code_layout.js';
import { buildCode } from './build_code.js';
import { codeIssue, type CodeIssue } from './code_issue.js';

export type NextSequenceResult = { ok: true; sequence: number } | { ok: false; error: CodeIssue };
export type NextCodeResult = { ok: true; code: string; sequence: number } | { ok: false; error: CodeIssue };

/** @param prefix values of every segment except `sequence`, e.g. { division: '371302', major: '01', minor: '18' } */
export function nextFreeSequence(layout: CodeLayout, prefix: Record<string, string>, existingCodes: Iterable<string>): NextSequenceResult {
  const sequenceSegment = layout.segments.find((segment) => segment.name === 'sequence');
  if (!sequenceSegment) {
    return { ok: false, error: codeIssue('SEGMENT_MISSING', `${layout.title.zh}没有顺序码段`, `${layout.title.en} has no sequence segment`) };
  }
  // Building the first code checks the prefix values and gives the prefix exactly as codes spell it.
  const first = buildCode(layout, { ...prefix, sequence: 1 });
  if (!first.ok) return first;
  let sequenceOffset = 0;
  for (const segment of layout.segments) {
    if (segment.name === 'sequence') break;
    sequenceOffset += segment.length;
  }
  const prefixText = `${first.code.slice(0, sequenceOffset)}${first.code.slice(sequenceOffset + sequenceSegment.length)}`;
  const length = layoutLength(layout);
  let highest = 0;
  for (const code of existingCodes) {
    if (code.length !== length) continue;
    const sequence = code.slice(sequenceOffset, sequenceOffset + sequenceSegment.length);
    if (`${code.slice(0, sequenceOffset)}${code.slice(sequenceOffset + sequenceSegment.length)}` !== prefixText) continue;
    // Lettered sequences (allowed by the 15-character grid layout) are not part of the numeric series.
    if (!/^\d+$/.test(sequence)) continue;
    highest = Math.max(highest, Number(sequence));
  }
  const next = highest + 1;
  if (String(next).length > sequenceSegment.length) {
    return {
      ok: false,
      error: codeIssue('SEQUENCE_EXHAUSTED',
        `${sequenceSegment.label.zh}已用尽：${prefixText}下最大为${highest}，${sequenceSegment.length}位容纳不下${next}`,
        `${sequenceSegment.label.en} exhausted: the highest under ${prefixText} is ${highest}; ${next} does not fit in ${sequenceSegment.length} digits`, 'sequence'),
    };
  }
  return { ok: true, sequence: next };
}

/** The next free code under a prefix, formatted. */
export function nextFreeCode(layout: CodeLayout, prefix: Record<string, string>, existingCodes: Iterable<string>): NextCodeResult {
  const next = nextFreeSequence(layout, prefix, existingCodes);
  if (!next.ok) return next;
  const built = buildCode(layout, { ...prefix, sequence: next.sequence });
  return built.ok ? { ok: true, code: built.code, sequence: next.sequence } : built;
}
