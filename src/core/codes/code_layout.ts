/**
 * Code layouts (`schemas/code-layouts.json`) and a parser that splits a code
 * into its named segments or says exactly why it does not fit.
 */
import type { LocalizedText } from '../api/geo_types.js';

export interface CodeSegment {
  /** Also the segment's meaning: division, street, community, major, minor, sequence. */
  name: string;
  length: number;
  label: LocalizedText;
  /** What an all-zero value stands for, where practice gives it a meaning (it is still not a valid code of this kind). */
  allZero?: LocalizedText;
}

export type CodeKind = 'grid' | 'component' | 'matter' | 'event';

export interface CodeLayout {
  id: string;
  kind: CodeKind;
  title: LocalizedText;
  /** `digits`: 0-9 only; `digits-upper`: 0-9 and A-Z. */
  charset: 'digits' | 'digits-upper';
  /** practice, 3p (third-party transcription), std, or convention (CityGrid's own). */
  sureness?: string;
  /** Id of the class table the major and minor segments are read in. */
  taxonomy?: string;
  segments: CodeSegment[];
}

/** A generation: the layout of each kind a workspace writes its codes in (read in code_generation.ts). */
export interface CodeGeneration {
  id: string;
  title: LocalizedText;
  /** Layout id per code kind. */
  layouts: Partial<Record<CodeKind, string>>;
  /** The generation a workspace migrates to this one from. */
  migratesFrom?: string;
}

export type CodeFieldRole = 'identity' | 'reference';

/** A workspace field that holds a code of a kind: the feature's own (identity) or a reference to another feature's. */
export interface CodeField {
  layer: string;
  field: string;
  kind: CodeKind;
  role: CodeFieldRole;
}

export interface CodeLayouts {
  id: string;
  version: string;
  layouts: CodeLayout[];
  /** Which layout of each kind a workspace writes in, per standard generation (code_generation.ts). */
  generations?: CodeGeneration[];
  /** Workspace fields that hold codes (code_generation.ts). */
  codeFields?: { fields: CodeField[] };
}

export type ParsedCode =
  | { ok: true; layout: CodeLayout; segments: Record<string, string> }
  | { ok: false; layout: CodeLayout; reason: LocalizedText };

export const CHARSETS: Record<CodeLayout['charset'], RegExp> = {
  'digits': /^[0-9]*$/,
  'digits-upper': /^[0-9A-Z]*$/,
};

/** Characters up to and including the named segment; 0 when the layout has no such segment. */
export function segmentEnd(layout: CodeLayout, name: string): number {
  let end = 0;
  for (const segment of layout.segments) {
    end += segment.length;
    if (segment.name === name) return end;
  }
  return 0;
}

export function layoutLength(layout: CodeLayout): number {
  return layout.segments.reduce((sum, segment) => sum + segment.length, 0);
}

export function parseCode(code: string, layout: CodeLayout): ParsedCode {
  const expected = layoutLength(layout);
  if (code.length !== expected) {
    return {
      ok: false, layout,
      reason: {
        zh: `${layout.title.zh}应为${expected}位，实际${code.length}位`,
        en: `${layout.title.en} must have ${expected} characters, has ${code.length}`,
      },
    };
  }
  if (!CHARSETS[layout.charset].test(code)) {
    const allowed = layout.charset === 'digits' ? { zh: '数字', en: 'digits' } : { zh: '数字或大写字母', en: 'digits or capital letters' };
    return {
      ok: false, layout,
      reason: { zh: `${layout.title.zh}只能包含${allowed.zh}`, en: `${layout.title.en} may only contain ${allowed.en}` },
    };
  }
  const segments: Record<string, string> = {};
  let offset = 0;
  for (const segment of layout.segments) {
    segments[segment.name] = code.slice(offset, offset + segment.length);
    offset += segment.length;
  }
  return { ok: true, layout, segments };
}

/** The first layout of the given kind whose length matches the code, if any. */
export function layoutForCode(layouts: CodeLayouts, kind: CodeLayout['kind'], code: string): CodeLayout | undefined {
  return layouts.layouts.find((layout) => layout.kind === kind && layoutLength(layout) === code.length);
}

export function findLayout(layouts: CodeLayouts, id: string): CodeLayout {
  const layout = layouts.layouts.find((candidate) => candidate.id === id);
  if (!layout) throw new Error(`code layout ${id} is not in ${layouts.id} ${layouts.version}`);
  return layout;
}

/** Joins segment values into a code, left-padding numbers with zeros. */
export function formatCode(layout: CodeLayout, values: Record<string, string | number>): string {
  return layout.segments.map((segment) => {
    const value = String(values[segment.name] ?? '');
    if (value.length > segment.length) {
      throw new Error(`${layout.id}: segment ${segment.name} "${value}" is longer than ${segment.length}`);
    }
    return value.padStart(segment.length, '0');
  }).join('');
}
