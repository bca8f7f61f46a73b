/**
 * Explains a code the way a data officer reads it: which kind of code it is
 * (found by its length among the layouts), each segment with its value, label
 * and meaning (division, street and community names, class names), or the
 * exact reasons it is not valid. Everything it knows comes from the context:
 * the layouts, a division lookup and the class tables, all data.
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { ClassTaxonomy } from '../taxonomy/taxonomy.js';
import { findClass, findMajor } from '../taxonomy/taxonomy.js';
import { CHARSETS, layoutLength, type CodeKind, type CodeLayout, type CodeLayouts } from './code_layout.js';
import { codeIssue, type CodeIssue } from './code_issue.js';
import { countyFullName, type DivisionLookup } from './division_lookup.js';

export interface ExplainContext {
  layouts: CodeLayouts;
  /** Division names; without it, division segments are checked for form only. */
  divisions?: DivisionLookup;
  /** Class tables by the taxonomy id a layout names (a city's merged table stands in for its base). */
  taxonomies?: Record<string, ClassTaxonomy>;
  /** Only consider layouts of this kind. */
  kind?: CodeKind;
}

export interface ExplainedSegment {
  name: string;
  value: string;
  label: LocalizedText;
  /** Division, street, community or class name; the number for a sequence. */
  meaning?: string;
  /** `unchecked`: no data to check it against, or a segment above it already failed. */
  status: SegmentStatus;
}

export type SegmentStatus = 'valid' | 'invalid' | 'unchecked';

/** Segments whose values are looked up in data; the rest are checked by form alone. */
const LOOKED_UP = new Set(['division', 'street', 'community', 'major', 'minor']);

export interface CodeExplanation {
  code: string;
  valid: boolean;
  kind: CodeKind | null;
  layoutId: string | null;
  title: LocalizedText | null;
  /** Id of the class table the class segments were read in. */
  taxonomy?: string;
  segments: ExplainedSegment[];
  issues: CodeIssue[];
  /** What could not be checked for want of data (no division lookup, no class table). */
  unchecked: LocalizedText[];
}

const KIND_NAMES: Record<CodeKind, LocalizedText> = {
  grid: { zh: '单元网格标识码', en: 'unit grid code' },
  component: { zh: '部件标识码', en: 'component code' },
  matter: { zh: '事项代码', en: 'matter code' },
  event: { zh: '事件类型代码', en: 'event type code' },
};

const ALLOWED: Record<CodeLayout['charset'], LocalizedText> = {
  'digits': { zh: '数字', en: 'digits' },
  'digits-upper': { zh: '数字或大写字母', en: 'digits or capital letters' },
};

const LEVEL_NAMES: Record<string, LocalizedText> = {
  province: { zh: '省级', en: 'province level' },
  city: { zh: '地级', en: 'prefecture level' },
};

function unexplained(code: string, issue: CodeIssue, layout?: CodeLayout): CodeExplanation {
  return {
    code, valid: false, kind: layout?.kind ?? null, layoutId: layout?.id ?? null, title: layout?.title ?? null,
    segments: [], issues: [issue], unchecked: [],
  };
}

function lengthIssue(code: string, candidates: CodeLayout[], kind: CodeKind | undefined): CodeIssue {
  if (kind) {
    const lengths = [...new Set(candidates.map(layoutLength))].sort((a, b) => a - b);
    return codeIssue('WRONG_LENGTH',
      `${KIND_NAMES[kind].zh}应为${lengths.join('或')}位，实际${code.length}位`,
      `a ${KIND_NAMES[kind].en} must have ${lengths.join(' or ')} characters, has ${code.length}`);
  }
  return codeIssue('LENGTH_UNKNOWN',
    `代码有${code.length}位，不是任何已知编码的长度：${candidates.map((layout) => layout.title.zh).join('、')}`,
    `the code has ${code.length} characters, the length of no known layout: ${candidates.map((layout) => layout.title.en).join('; ')}`);
}

function characterIssue(code: string, layout: CodeLayout): CodeIssue | undefined {
  if (CHARSETS[layout.charset].test(code)) return undefined;
  const index = [...code].findIndex((character) => !CHARSETS[layout.charset].test(character));
  const character = [...code][index]!;
  const lowercase = layout.charset === 'digits-upper' && /[a-z]/.test(character);
  return codeIssue('BAD_CHARACTERS',
    `第${index + 1}位字符“${character}”不允许：${layout.title.zh}只能包含${ALLOWED[layout.charset].zh}${lowercase ? '（小写字母应写作大写）' : ''}`,
    `character ${index + 1} "${character}" is not allowed: ${layout.title.en} may only contain ${ALLOWED[layout.charset].en}${lowercase ? ' (write letters as capitals)' : ''}`);
}

function found(segments: Map<string, ExplainedSegment>, name: string, meaning: string): void {
  const segment = segments.get(name);
  if (!segment) return;
  segment.status = 'valid';
  segment.meaning = meaning;
}

/** Checks division, street and community segments top-down; a failure stops the checks below it. */
function explainDivisions(values: Record<string, string>, lookup: DivisionLookup, segments: Map<string, ExplainedSegment>, issues: CodeIssue[]): void {
  const division = values.division;
  if (division === undefined) return;
  const county = lookup.find(division);
  if (!county) {
    segments.get('division')!.status = 'invalid';
    const city = division.endsWith('00') ? lookup.find(division.endsWith('0000') ? division.slice(0, 2) : division.slice(0, 4)) : undefined;
    if (city && LEVEL_NAMES[city.level]) {
      issues.push(codeIssue('DIVISION_NOT_COUNTY',
        `${division}是${city.name}（${LEVEL_NAMES[city.level]!.zh}）的代码，不是县级行政区划代码`,
        `${division} is the code of ${city.name} (${LEVEL_NAMES[city.level]!.en}), not a county-level division code`, 'division'));
    } else {
      issues.push(codeIssue('DIVISION_UNKNOWN',
        `县级行政区划代码${division}不存在`,
        `county-level division code ${division} does not exist`, 'division'));
    }
    return;
  }
  found(segments, 'division', countyFullName(lookup, county));
  if (values.street === undefined) return;
  const streetCode = `${division}${values.street}`;
  const street = lookup.find(streetCode);
  if (!street) {
    segments.get('street')!.status = 'invalid';
    issues.push(codeIssue('STREET_NOT_IN_COUNTY',
      `${county.name}（${division}）下没有代码为${values.street}的街道(乡镇)：${streetCode}不存在`,
      `${county.name} (${division}) has no street or township ${values.street}: ${streetCode} does not exist`, 'street'));
    return;
  }
  found(segments, 'street', street.name);
  if (values.community === undefined) return;
  const communityCode = `${streetCode}${values.community}`;
  const community = lookup.find(communityCode);
  if (!community) {
    segments.get('community')!.status = 'invalid';
    issues.push(codeIssue('COMMUNITY_NOT_IN_STREET',
      `${street.name}（${streetCode}）下没有代码为${values.community}的社区(村)：${communityCode}不存在`,
      `${street.name} (${streetCode}) has no community or village ${values.community}: ${communityCode} does not exist`, 'community'));
    return;
  }
  found(segments, 'community', community.name);
}

function explainClass(values: Record<string, string>, taxonomy: ClassTaxonomy, segments: Map<string, ExplainedSegment>, issues: CodeIssue[]): void {
  const { major, minor } = values;
  if (major === undefined) return;
  const majorClass = findMajor(taxonomy, major);
  if (!majorClass) {
    segments.get('major')!.status = 'invalid';
    issues.push(codeIssue('MAJOR_UNKNOWN', `大类${major}不在分类表${taxonomy.id}中`, `major class ${major} is not in class table ${taxonomy.id}`, 'major'));
    return;
  }
  found(segments, 'major', majorClass.name);
  if (minor === undefined) return;
  const definition = findClass(taxonomy, major, minor);
  if (!definition) {
    segments.get('minor')!.status = 'invalid';
    issues.push(codeIssue('CLASS_UNKNOWN',
      `小类${major}${minor}不在分类表${taxonomy.id}的大类${major}（${majorClass.name}）中`,
      `class ${major}${minor} is not in major ${major} (${majorClass.name}) of class table ${taxonomy.id}`, 'minor'));
    return;
  }
  found(segments, 'minor', definition.name);
}

function explainSequence(layout: CodeLayout, values: Record<string, string>, segments: Map<string, ExplainedSegment>, issues: CodeIssue[]): void {
  const definition = layout.segments.find((segment) => segment.name === 'sequence');
  const value = values.sequence;
  if (!definition || value === undefined) return;
  if (/^0+$/.test(value)) {
    segments.get('sequence')!.status = 'invalid';
    const meaning = definition.allZero;
    issues.push(codeIssue('SEQUENCE_ZERO',
      `${definition.label.zh}不能为${value}，编号从1开始${meaning ? `（${meaning.zh}）` : ''}`,
      `${definition.label.en} cannot be ${value}; numbering starts at 1${meaning ? ` (${meaning.en})` : ''}`, 'sequence'));
    return;
  }
  if (/^\d+$/.test(value)) segments.get('sequence')!.meaning = String(Number(value));
}

export function explainCode(code: string, context: ExplainContext): CodeExplanation {
  if (code.length === 0) return unexplained(code, codeIssue('EMPTY', '代码为空', 'the code is empty'));
  const candidates = context.layouts.layouts.filter((layout) => !context.kind || layout.kind === context.kind);
  const layout = candidates.find((candidate) => layoutLength(candidate) === code.length);
  if (!layout) return unexplained(code, lengthIssue(code, candidates, context.kind));
  const badCharacters = characterIssue(code, layout);
  if (badCharacters) return unexplained(code, badCharacters, layout);

  const values: Record<string, string> = {};
  const segments = new Map<string, ExplainedSegment>();
  let offset = 0;
  for (const segment of layout.segments) {
    const value = code.slice(offset, offset + segment.length);
    offset += segment.length;
    values[segment.name] = value;
    segments.set(segment.name, { name: segment.name, value, label: segment.label, status: LOOKED_UP.has(segment.name) ? 'unchecked' : 'valid' });
  }
  const issues: CodeIssue[] = [];
  const unchecked: LocalizedText[] = [];
  if (context.divisions) explainDivisions(values, context.divisions, segments, issues);
  else unchecked.push({ zh: '未核对行政区划（没有区划表）', en: 'divisions not checked (no division table)' });
  const taxonomy = layout.taxonomy ? context.taxonomies?.[layout.taxonomy] : undefined;
  if (taxonomy) explainClass(values, taxonomy, segments, issues);
  else if (layout.taxonomy) unchecked.push({ zh: `未核对分类（没有分类表${layout.taxonomy}）`, en: `classes not checked (no class table ${layout.taxonomy})` });
  explainSequence(layout, values, segments, issues);

  return {
    code,
    valid: issues.length === 0,
    kind: layout.kind,
    layoutId: layout.id,
    title: layout.title,
    ...(taxonomy ? { taxonomy: taxonomy.id } : {}),
    segments: [...segments.values()],
    issues,
    unchecked,
  };
}
