/**
 * Why a code is not valid, as a value: a stable code for programs and a
 * message in Chinese and English for people, with the segment it is in.
 */
import type { LocalizedText } from '../api/geo_types.js';

export type CodeIssueCode =
  | 'EMPTY'
  | 'LENGTH_UNKNOWN'
  | 'WRONG_LENGTH'
  | 'BAD_CHARACTERS'
  | 'DIVISION_UNKNOWN'
  | 'DIVISION_NOT_COUNTY'
  | 'STREET_NOT_IN_COUNTY'
  | 'COMMUNITY_NOT_IN_STREET'
  | 'MAJOR_UNKNOWN'
  | 'CLASS_UNKNOWN'
  | 'SEQUENCE_ZERO'
  | 'SEQUENCE_EXHAUSTED'
  | 'SEGMENT_MISSING'
  | 'SEGMENT_TOO_LONG';

export interface CodeIssue {
  code: CodeIssueCode;
  message: LocalizedText;
  /** Name of the segment the problem is in, when it is in one. */
  segment?: string;
}

export function codeIssue(code: CodeIssueCode, zh: string, en: string, segment?: string): CodeIssue {
  return segment === undefined ? { code, message: { zh, en } } : { code, message: { zh, en }, segment };
}
