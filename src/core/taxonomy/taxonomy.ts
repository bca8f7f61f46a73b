/**
 * Types of the versioned class tables in `schemas/taxonomies/`: component,
 * event and matter classes, the legacy→current class mapping and a city's
 * extension. A workspace names the taxonomy it follows (a base table or a
 * city taxonomy = base + local classes).
 */
import type { LocalizedText } from '../api/geo_types.js';

export interface MajorClass {
  code: string;
  name: string;
  /** True for a major a city added to its base table. */
  local?: boolean;
}

export interface TaxonomyClass {
  /** Full class code: major + minor, e.g. `0101` (legacy) or `01001` (current). */
  code: string;
  major: string;
  minor: string;
  name: string;
  /** Geometry type seen in practice, where the source says. */
  geometry?: 'point' | 'line' | 'polygon';
  /** True for a class a city added to its base table. */
  local?: boolean;
}

/** Component classes are plain taxonomy classes; the alias keeps the domain word. */
export type ComponentClass = TaxonomyClass;

export type TaxonomyKind = 'component-classes' | 'event-classes' | 'matter-classes';

export interface TaxonomyProvenance {
  source: string;
  sureness: string;
  builtBy: string;
}

export interface ClassTaxonomy {
  id: string;
  version: string;
  kind: TaxonomyKind;
  description: string;
  provenance: TaxonomyProvenance;
  notes?: string[];
  majors: MajorClass[];
  classes: TaxonomyClass[];
}

export interface ComponentTaxonomy extends ClassTaxonomy {
  kind: 'component-classes';
}

/**
 * Matter classes of GB/T 47678.5: majors 06–10 are listed; the `derived`
 * majors are "<component class><nameSuffix>" for every component class.
 */
export interface MatterTaxonomy extends ClassTaxonomy {
  kind: 'matter-classes';
  derived?: { from: string; nameSuffix: string; majors: string[] };
}

export interface ClassMappingPair {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  /** The correspondence rule that matched (see the mapping file's `rules`), or `city` for a city's own decision. */
  rule: string;
}

export interface UnmappedClass {
  from: string;
  fromName: string;
  reason: 'no-counterpart' | 'ambiguous';
  candidates?: string[];
  reviewHints?: string[];
}

/** `schemas/taxonomies/mapping-*.json`: which class of one table is which of another. */
export interface ClassMapping {
  id: string;
  version: string;
  kind: 'class-mapping';
  from: string;
  to: string;
  description: string;
  provenance: TaxonomyProvenance;
  rules: Array<{ id: string; description: string }>;
  counts: Record<string, unknown>;
  pairs: ClassMappingPair[];
  unmapped: UnmappedClass[];
}

/** A local class in a city file; `currentClass` is the city's own decision for migration. */
export interface LocalClass extends TaxonomyClass {
  currentClass?: string;
}

export interface TaxonomyExtension {
  /** Id of the base table in schemas/taxonomies/. */
  base: string;
  /** Id of the current table that local classes' `currentClass` codes are in. */
  currentTable?: string;
  majors: MajorClass[];
  classes: LocalClass[];
}

/** `schemas/taxonomies/city-*.json`: a city's taxonomy as base tables plus local classes. */
export interface CityTaxonomy {
  id: string;
  version: string;
  kind: 'city-taxonomy';
  name: LocalizedText;
  /** County-level division code the city's codes use. */
  division?: string;
  description: string;
  provenance: TaxonomyProvenance;
  components: TaxonomyExtension;
  events?: TaxonomyExtension;
}

export function findComponentClass(taxonomy: ClassTaxonomy, classCode: string): TaxonomyClass | undefined {
  return taxonomy.classes.find((candidate) => candidate.code === classCode);
}

export function findClass(taxonomy: ClassTaxonomy, major: string, minor: string): TaxonomyClass | undefined {
  return taxonomy.classes.find((candidate) => candidate.major === major && candidate.minor === minor);
}

export function findMajor(taxonomy: ClassTaxonomy, major: string): MajorClass | undefined {
  return taxonomy.majors.find((candidate) => candidate.code === major);
}
