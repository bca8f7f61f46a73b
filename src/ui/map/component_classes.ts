/**
 * Reads component codes (OBJCODE) through the code layouts in
 * schemas/code-layouts.json instead of slicing fixed positions: the legacy
 * 16-digit and the current 17-digit codes place the minor class and sequence
 * differently, and the layouts are the one place that knows.
 */
import layoutsJson from '../../../schemas/code-layouts.json';
import legacyTaxonomyJson from '../../../schemas/taxonomies/legacy-cjt214-components.json';
import currentTaxonomyJson from '../../../schemas/taxonomies/gbt47678.5-components.json';
import { layoutForCode, parseCode, type CodeLayouts } from '../../core/codes/code_layout.js';
import type { ComponentTaxonomy } from '../../core/taxonomy/taxonomy.js';

const CODE_LAYOUTS = layoutsJson as CodeLayouts;

const TAXONOMIES: ComponentTaxonomy[] = [
  legacyTaxonomyJson as ComponentTaxonomy,
  currentTaxonomyJson as ComponentTaxonomy,
];

export interface ComponentClassInfo {
  layoutId: string;
  major: string;
  minor: string;
  /** Names from the layout's taxonomy, when the taxonomy knows the classes. */
  majorName?: string;
  className?: string;
}

/** Splits a component code; undefined for codes that fit no component layout. */
export function classifyComponentCode(code: string): ComponentClassInfo | undefined {
  const layout = layoutForCode(CODE_LAYOUTS, 'component', code);
  if (!layout) return undefined;
  const parsed = parseCode(code, layout);
  if (!parsed.ok) return undefined;
  const major = parsed.segments.major ?? '';
  const minor = parsed.segments.minor ?? '';
  const taxonomy = TAXONOMIES.find((candidate) => candidate.id === layout.taxonomy);
  return {
    layoutId: layout.id,
    major,
    minor,
    majorName: taxonomy?.majors.find((candidate) => candidate.code === major)?.name,
    className: taxonomy?.classes.find((candidate) => candidate.major === major && candidate.minor === minor)?.name,
  };
}

/** Major class names of the taxonomy a layout follows, for the legend. */
export function majorClassNames(layoutId: string): Map<string, string> {
  const layout = CODE_LAYOUTS.layouts.find((candidate) => candidate.id === layoutId);
  const taxonomy = TAXONOMIES.find((candidate) => candidate.id === layout?.taxonomy);
  return new Map((taxonomy?.majors ?? []).map((major) => [major.code, major.name]));
}
