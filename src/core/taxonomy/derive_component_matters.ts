/**
 * GB/T 47678.5 lists only the real event classes (majors 06–10); matter
 * classes 01–05 are "<component class>异常", one per component class with the
 * same 5-digit code. This builds the full matter table from the listed one
 * and the component table, as the matter file's `derived` entry says.
 */
import type { ClassTaxonomy, MatterTaxonomy, TaxonomyClass } from './taxonomy.js';

export type DeriveMattersResult =
  | { ok: true; value: ClassTaxonomy }
  | { ok: false; error: { code: 'DERIVATION_SOURCE_MISMATCH' | 'DUPLICATE_CLASS_CODE'; message: { zh: string; en: string } } };

export function deriveComponentMatters(matters: MatterTaxonomy, components: ClassTaxonomy): DeriveMattersResult {
  const rule = matters.derived;
  if (!rule) return { ok: true, value: matters };
  if (rule.from !== components.id) {
    return {
      ok: false,
      error: {
        code: 'DERIVATION_SOURCE_MISMATCH',
        message: { zh: `${matters.id} 的 01–05 大类由 ${rule.from} 派生，给出的是 ${components.id}`, en: `${matters.id} derives its majors from ${rule.from}, was given ${components.id}` },
      },
    };
  }
  const derivedMajors = new Set(rule.majors);
  const majors = components.majors
    .filter((major) => derivedMajors.has(major.code))
    // The source names no derived majors; the component major name is the only name there is.
    .map((major) => ({ code: major.code, name: major.name }));
  const classes: TaxonomyClass[] = components.classes
    .filter((definition) => derivedMajors.has(definition.major))
    .map((definition) => ({ code: definition.code, major: definition.major, minor: definition.minor, name: `${definition.name}${rule.nameSuffix}` }));
  const listed = new Set(matters.classes.map((definition) => definition.code));
  const clash = classes.find((definition) => listed.has(definition.code));
  if (clash) {
    return {
      ok: false,
      error: {
        code: 'DUPLICATE_CLASS_CODE',
        message: { zh: `派生事项 ${clash.code} ${clash.name} 与 ${matters.id} 所列事项代码重复`, en: `derived matter ${clash.code} ${clash.name} has the same code as a class listed in ${matters.id}` },
      },
    };
  }
  return {
    ok: true,
    value: {
      id: matters.id,
      version: matters.version,
      kind: matters.kind,
      description: matters.description,
      provenance: { ...matters.provenance, source: `${matters.provenance.source} + derived from ${components.id}` },
      ...(matters.notes ? { notes: matters.notes } : {}),
      majors: [...majors, ...matters.majors],
      classes: [...classes, ...matters.classes],
    },
  };
}
