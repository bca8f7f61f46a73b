/**
 * Builds a code from its segment values, as a value: each segment present,
 * no longer than its width, in the layout's characters and, for the
 * sequence, not zero. Numbers are left-padded with zeros.
 */
import { CHARSETS, type CodeLayout } from './code_layout.js';
import { codeIssue, type CodeIssue } from './code_issue.js';

export type BuildCodeResult = { ok: true; code: string } | { ok: false; error: CodeIssue };

export function buildCode(layout: CodeLayout, values: Record<string, string | number>): BuildCodeResult {
  const parts: string[] = [];
  for (const segment of layout.segments) {
    const raw = values[segment.name];
    if (raw === undefined || raw === '') {
      return { ok: false, error: codeIssue('SEGMENT_MISSING', `${layout.title.zh}缺少${segment.label.zh}（${segment.name}）`, `${layout.title.en}: ${segment.label.en} (${segment.name}) is missing`, segment.name) };
    }
    const value = String(raw).padStart(segment.length, '0');
    if (value.length > segment.length) {
      return { ok: false, error: codeIssue('SEGMENT_TOO_LONG', `${segment.label.zh}“${raw}”超过${segment.length}位`, `${segment.label.en} "${raw}" is longer than ${segment.length}`, segment.name) };
    }
    if (!CHARSETS[layout.charset].test(value)) {
      return { ok: false, error: codeIssue('BAD_CHARACTERS', `${segment.label.zh}“${raw}”含有${layout.title.zh}不允许的字符`, `${segment.label.en} "${raw}" has characters ${layout.title.en} does not allow`, segment.name) };
    }
    if (segment.name === 'sequence' && /^0+$/.test(value)) {
      return { ok: false, error: codeIssue('SEQUENCE_ZERO', `${segment.label.zh}不能为0，编号从1开始`, `${segment.label.en} cannot be 0; numbering starts at 1`, segment.name) };
    }
    parts.push(value);
  }
  return { ok: true, code: parts.join('') };
}
