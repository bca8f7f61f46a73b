/**
 * What each component's code says, worked out once for the code rules and
 * the duplicate-position rule: the layout (by length), whether it is valid
 * and why not, and its class (major + minor) as an index into a small table.
 * Codes share few distinct divisions and classes, so those are checked once
 * each, not once per component.
 */
import type { LocalizedText } from '../../api/geo_types.js';
import { layoutLength, parseCode, type CodeLayout } from '../../codes/code_layout.js';
import { findComponentClass, type ClassTaxonomy } from '../../taxonomy/taxonomy.js';
import { digitsValue } from '../../columns/code_column.js';
import type { QaContext } from '../qa_context.js';
import { countyChecker } from './code_segments.js';

export const CODE_VALID = 0;
export const CODE_INVALID = 1;
export const CODE_CLASS_UNKNOWN = 2;
export const CODE_EMPTY = 3;

export interface ComponentCodeFacts {
  /** CODE_VALID, CODE_INVALID, CODE_CLASS_UNKNOWN or CODE_EMPTY per component. */
  status: Uint8Array;
  /** Index into `classCodes`, -1 when the code gives no class. */
  classOf: Int32Array;
  classCodes: string[];
  /** Id of the class table each of `classCodes` was looked up in. */
  classTables: string[];
  /** Why a code is invalid, for the components that are. */
  reasons: Map<number, LocalizedText[]>;
}

interface SegmentRange { start: number; end: number }

function range(layout: CodeLayout, name: string): SegmentRange | null {
  let start = 0;
  for (const segment of layout.segments) {
    if (segment.name === name) return { start, end: start + segment.length };
    start += segment.length;
  }
  return null;
}

interface LayoutRanges { layout: CodeLayout; division: SegmentRange | null; sequence: SegmentRange | null; classCode: SegmentRange | null; digits: boolean; table: ClassTaxonomy }

export function componentCodeFacts(context: QaContext): ComponentCodeFacts {
  return context.memo('componentCodeFacts', () => {
    const { codes, count } = context.input.components;
    const layoutsByLength = new Map<number, LayoutRanges>();
    for (const layout of context.references.layouts.layouts) {
      if (layout.kind !== 'component' || layoutsByLength.has(layoutLength(layout))) continue;
      const major = range(layout, 'major'), minor = range(layout, 'minor');
      layoutsByLength.set(layoutLength(layout), {
        layout, division: range(layout, 'division'), sequence: range(layout, 'sequence'),
        classCode: major && minor ? { start: major.start, end: minor.end } : null, digits: layout.charset === 'digits',
        // Each layout's codes name classes of its own table (legacy 2+2, current 2+3 digits).
        table: (layout.taxonomy ? context.references.codeTables?.[layout.taxonomy] : undefined) ?? context.references.taxonomy,
      });
    }
    const lengths = [...layoutsByLength.keys()].join('/');
    const isCounty = countyChecker(context);
    // Divisions and classes by the number their digits make (a string for each of a million codes
    // would be garbage); a segment with other characters goes by its text.
    const countyByNumber = new Map<number, boolean>();
    const classIndex = new Map<number | string, number>();
    const classKnown: boolean[] = [];
    const facts: ComponentCodeFacts = { status: new Uint8Array(count), classOf: new Int32Array(count).fill(-1), classCodes: [], classTables: [], reasons: new Map() };
    const text = codes.text;
    for (let row = 0; row < count; row++) {
      const start = codes.starts[row]!, length = codes.lengthAt(row);
      if (length === 0) { facts.status[row] = CODE_EMPTY; continue; }
      const ranges = layoutsByLength.get(length);
      if (!ranges) {
        facts.status[row] = CODE_INVALID;
        facts.reasons.set(row, [{ zh: `长度 ${length} 不是部件标识码的长度（${lengths}）`, en: `length ${length} is not a component code length (${lengths})` }]);
        continue;
      }
      if (!hasCharset(text, start, length, ranges.digits)) {
        const parsed = parseCode(codes.at(row), ranges.layout);
        facts.status[row] = CODE_INVALID;
        facts.reasons.set(row, [parsed.ok ? { zh: '字符无效', en: 'invalid characters' } : parsed.reason]);
        continue;
      }
      let reasons: LocalizedText[] | null = null;
      if (ranges.division) {
        const number = digitsValue(text, start + ranges.division.start, start + ranges.division.end);
        const key = number * 100 + (ranges.division.end - ranges.division.start);
        let county = number >= 0 ? countyByNumber.get(key) : undefined;
        if (county === undefined) {
          county = isCounty(text.slice(start + ranges.division.start, start + ranges.division.end));
          if (number >= 0) countyByNumber.set(key, county);
        }
        if (!county) {
          const value = text.slice(start + ranges.division.start, start + ranges.division.end);
          (reasons ??= []).push({ zh: `区划代码 ${value} 不是县级行政区划`, en: `division ${value} is not a county-level division` });
        }
      }
      if (ranges.sequence && allZeros(text, start, ranges.sequence)) {
        (reasons ??= []).push({ zh: '流水号不能全为0', en: 'the sequence may not be all zeros' });
      }
      if (ranges.classCode) {
        const classStart = start + ranges.classCode.start, classEnd = start + ranges.classCode.end;
        // The length goes into the key: 2+2 and 2+3 digit classes of the same number differ.
        const number = digitsValue(text, classStart, classEnd);
        const key = number >= 0 ? number * 100 + (classEnd - classStart) : text.slice(classStart, classEnd);
        let index = classIndex.get(key);
        if (index === undefined) {
          const classCode = text.slice(classStart, classEnd);
          index = facts.classCodes.length;
          classIndex.set(key, index);
          facts.classCodes.push(classCode);
          facts.classTables.push(ranges.table.id);
          classKnown.push(findComponentClass(ranges.table, classCode) !== undefined);
        }
        facts.classOf[row] = index;
        if (!reasons && !classKnown[index]) { facts.status[row] = CODE_CLASS_UNKNOWN; continue; }
      }
      if (reasons) {
        facts.status[row] = CODE_INVALID;
        facts.reasons.set(row, reasons);
      }
    }
    return facts;
  });
}

/** Digits only, or digits and capital letters: a loop, no regular expression per code. */
function hasCharset(text: string, start: number, length: number, digitsOnly: boolean): boolean {
  for (let index = start; index < start + length; index++) {
    const char = text.charCodeAt(index);
    if (char >= 48 && char <= 57) continue;
    if (!digitsOnly && char >= 65 && char <= 90) continue;
    return false;
  }
  return true;
}

function allZeros(text: string, start: number, segment: SegmentRange): boolean {
  for (let index = start + segment.start; index < start + segment.end; index++) if (text.charCodeAt(index) !== 48) return false;
  return true;
}
