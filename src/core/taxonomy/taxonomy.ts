/**
 * Types of the versioned class tables in `schemas/taxonomies/`. A workspace
 * names the taxonomy it follows; cities extend it with local classes.
 */
export interface MajorClass {
  code: string;
  name: string;
}

export interface ComponentClass {
  /** Full class code: major + minor, e.g. `0101` (legacy) or `01001` (current). */
  code: string;
  major: string;
  minor: string;
  name: string;
  /** Geometry type seen in practice, where the source says. */
  geometry?: 'point' | 'line' | 'polygon';
}

export interface ComponentTaxonomy {
  id: string;
  version: string;
  kind: 'component-classes';
  description: string;
  provenance: { source: string; sureness: string; builtBy: string };
  majors: MajorClass[];
  classes: ComponentClass[];
}

export function findComponentClass(taxonomy: ComponentTaxonomy, classCode: string): ComponentClass | undefined {
  return taxonomy.classes.find((candidate) => candidate.code === classCode);
}
