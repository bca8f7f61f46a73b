/**
 * A city's class table = its base table + local majors and classes. Merging
 * refuses (as error values, all of them at once) anything that would make a
 * code mean two things: a duplicate major or class code, a class whose code
 * is not its major + minor, a minor of the wrong length, a class under a
 * major neither table has.
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { ClassTaxonomy, MajorClass, TaxonomyClass, TaxonomyExtension } from './taxonomy.js';

export type TaxonomyIssueCode =
  | 'BASE_NOT_FOUND'
  | 'BASE_KIND_MISMATCH'
  | 'DUPLICATE_MAJOR_CODE'
  | 'DUPLICATE_CLASS_CODE'
  | 'CLASS_CODE_MISMATCH'
  | 'MINOR_LENGTH_MISMATCH'
  | 'MAJOR_UNKNOWN'
  | 'CURRENT_CLASS_UNKNOWN';

export interface TaxonomyIssue {
  code: TaxonomyIssueCode;
  message: LocalizedText;
}

export type TaxonomyResult<T> = { ok: true; value: T } | { ok: false; errors: TaxonomyIssue[] };

export interface MergeIdentity {
  id: string;
  version: string;
  description: string;
}

export function mergeTaxonomy(base: ClassTaxonomy, extension: TaxonomyExtension, identity: MergeIdentity): TaxonomyResult<ClassTaxonomy> {
  const errors: TaxonomyIssue[] = [];
  const majors = new Map<string, MajorClass>(base.majors.map((major) => [major.code, major]));
  for (const major of extension.majors) {
    const existing = majors.get(major.code);
    if (existing) {
      errors.push({
        code: 'DUPLICATE_MAJOR_CODE',
        message: {
          zh: `${identity.id}：本地大类 ${major.code} ${major.name} 与${existing.local ? '本地' : `基础表 ${base.id} 的`}大类 ${existing.code} ${existing.name} 代码重复`,
          en: `${identity.id}: local major ${major.code} ${major.name} has the same code as ${existing.local ? 'local' : `${base.id}'s`} major ${existing.code} ${existing.name}`,
        },
      });
      continue;
    }
    majors.set(major.code, { code: major.code, name: major.name, local: true });
  }
  // Local classes must have the same minor width as the base: a code layout reads them.
  const minorLength = base.classes[0]?.minor.length;
  const classes = new Map<string, TaxonomyClass>(base.classes.map((definition) => [definition.code, definition]));
  for (const definition of extension.classes) {
    const label = `${definition.code} ${definition.name}`;
    if (definition.code !== `${definition.major}${definition.minor}`) {
      errors.push({
        code: 'CLASS_CODE_MISMATCH',
        message: { zh: `${identity.id}：本地小类 ${label} 的代码不等于大类 ${definition.major} + 小类 ${definition.minor}`, en: `${identity.id}: local class ${label}: code is not major ${definition.major} + minor ${definition.minor}` },
      });
      continue;
    }
    if (minorLength !== undefined && definition.minor.length !== minorLength) {
      errors.push({
        code: 'MINOR_LENGTH_MISMATCH',
        message: { zh: `${identity.id}：本地小类 ${label} 的小类码应为${minorLength}位（与 ${base.id} 一致）`, en: `${identity.id}: local class ${label}: the minor code must have ${minorLength} digits, as in ${base.id}` },
      });
      continue;
    }
    if (!majors.has(definition.major)) {
      errors.push({
        code: 'MAJOR_UNKNOWN',
        message: { zh: `${identity.id}：本地小类 ${label} 的大类 ${definition.major} 既不在 ${base.id} 中也不是本地大类`, en: `${identity.id}: local class ${label}: major ${definition.major} is neither in ${base.id} nor a local major` },
      });
      continue;
    }
    const existing = classes.get(definition.code);
    if (existing) {
      errors.push({
        code: 'DUPLICATE_CLASS_CODE',
        message: {
          zh: `${identity.id}：本地小类 ${label} 与${existing.local ? '本地' : `基础表 ${base.id} 的`}小类 ${existing.code} ${existing.name} 代码重复`,
          en: `${identity.id}: local class ${label} has the same code as ${existing.local ? 'local' : `${base.id}'s`} class ${existing.code} ${existing.name}`,
        },
      });
      continue;
    }
    const { currentClass: _decision, ...plain } = definition;
    classes.set(definition.code, { ...plain, local: true });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      id: identity.id,
      version: identity.version,
      kind: base.kind,
      description: identity.description,
      provenance: { ...base.provenance, source: `${base.provenance.source} + ${identity.id} local classes` },
      ...(base.notes ? { notes: base.notes } : {}),
      // Base classes keep their order and come first: a city extension never renumbers or reorders the standard.
      majors: [...majors.values()],
      classes: [...classes.values()],
    },
  };
}
