/**
 * Translates one code from a layout to another of the same kind, segment by
 * segment and by name, so that the rule comes from the layouts (data) and not
 * from string surgery: a segment the new layout makes wider is left-padded
 * with zeros (the 14-digit grid's 2-digit sequence `07` becomes `007` in the
 * 15-character layout); the class segments (major + minor) go through the
 * class mapping when the layouts read classes in different tables. Every
 * segment value is then checked again by buildCode, so a value the new
 * layout cannot hold (an all-zero sequence, a value too long) is refused with
 * the reason, never truncated or guessed.
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { ClassMappingPair } from '../taxonomy/taxonomy.js';
import { buildCode } from './build_code.js';
import { parseCode, type CodeLayout } from './code_layout.js';

export type TranslationProblem = 'invalid' | 'unmapped-class' | 'not-representable';

export type CodeTranslation =
  | { ok: true; code: string; classPair?: ClassMappingPair }
  | { ok: false; problem: TranslationProblem; reason: LocalizedText; classCode?: string };

/** Class pairs by old class code (major + minor); only needed when the layouts read different class tables. */
export type ClassPairs = ReadonlyMap<string, ClassMappingPair>;

function hasClassSegments(layout: CodeLayout): boolean {
  return layout.segments.some((segment) => segment.name === 'major') && layout.segments.some((segment) => segment.name === 'minor');
}

export function translateCode(code: string, from: CodeLayout, to: CodeLayout, classPairs?: ClassPairs): CodeTranslation {
  const parsed = parseCode(code, from);
  if (!parsed.ok) return { ok: false, problem: 'invalid', reason: parsed.reason };
  const values: Record<string, string> = { ...parsed.segments };

  // The old layout's meaning of an all-zero segment (e.g. a community-level record) says why it has no place in the new one.
  for (const segment of from.segments) {
    if (segment.allZero && /^0+$/.test(values[segment.name] ?? '')) {
      return {
        ok: false, problem: 'not-representable',
        reason: { zh: `${segment.label.zh}${values[segment.name]}：${segment.allZero.zh}，不能迁移为${to.title.zh}`, en: `${segment.label.en} ${values[segment.name]}: ${segment.allZero.en}; it cannot become a ${to.title.en}` },
      };
    }
  }

  let classPair: ClassMappingPair | undefined;
  if (hasClassSegments(from) && hasClassSegments(to) && from.taxonomy !== to.taxonomy) {
    const classCode = `${values.major}${values.minor}`;
    classPair = classPairs?.get(classCode);
    if (!classPair) {
      return {
        ok: false, problem: 'unmapped-class', classCode,
        reason: { zh: `分类${classCode}在${from.taxonomy}→${to.taxonomy}的映射中没有对应的现行分类`, en: `class ${classCode} has no counterpart in the ${from.taxonomy} → ${to.taxonomy} mapping` },
      };
    }
    const majorLength = to.segments.find((segment) => segment.name === 'major')!.length;
    values.major = classPair.to.slice(0, majorLength);
    values.minor = classPair.to.slice(majorLength);
  }

  for (const segment of to.segments) {
    if (values[segment.name] === undefined) {
      return {
        ok: false, problem: 'not-representable',
        reason: { zh: `${from.title.zh}没有${to.title.zh}需要的${segment.label.zh}（${segment.name}）`, en: `${from.title.en} has no ${segment.label.en} (${segment.name}), which ${to.title.en} needs` },
      };
    }
  }
  const built = buildCode(to, values);
  if (!built.ok) return { ok: false, problem: 'not-representable', reason: built.error.message };
  return classPair ? { ok: true, code: built.code, classPair } : { ok: true, code: built.code };
}
