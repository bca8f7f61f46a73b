/**
 * Reads component codes (OBJCODE) through the code layouts in
 * schemas/code-layouts.json instead of slicing fixed positions: the legacy
 * 16-digit and the current 17-digit codes place the minor class and sequence
 * differently, and the layouts are the one place that knows. Class names and
 * the major classes of the legend come from the open workspace's own taxonomy
 * (getTaxonomy in the contract), a city's local classes included; the
 * colours from the map style, with its palette for majors the style does not
 * name (a city's own, like the sample's 07 智慧感知设施).
 */
import layoutsJson from '../../../schemas/code-layouts.json';
import { layoutForCode, parseCode, type CodeLayouts } from '../../core/codes/code_layout.js';
import type { ComponentClassTable, TaxonomyInfo } from '../../core/api/contract.js';
import { MAP_STYLE } from './style_config.js';

const CODE_LAYOUTS = layoutsJson as CodeLayouts;

/** The open workspace's component tables, by the base table id a layout names; none until a workspace's taxonomy is read. */
let tables = new Map<string, ComponentClassTable>();

export function setWorkspaceTaxonomy(taxonomy: TaxonomyInfo | null): void {
  tables = new Map((taxonomy?.components ?? []).map((table) => [table.id, table]));
}

function tableOfLayout(layoutId: string): ComponentClassTable | undefined {
  const layout = CODE_LAYOUTS.layouts.find((candidate) => candidate.id === layoutId);
  return layout?.taxonomy ? tables.get(layout.taxonomy) : undefined;
}

export interface ComponentClassInfo {
  layoutId: string;
  major: string;
  minor: string;
  /** Names from the workspace's taxonomy, when it knows the classes. */
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
  const table = tableOfLayout(layout.id);
  return {
    layoutId: layout.id,
    major,
    minor,
    majorName: table?.majors.find((candidate) => candidate.code === major)?.name,
    className: table?.classes.find((candidate) => candidate.major === major && candidate.minor === minor)?.name,
  };
}

/**
 * A major class's colour: the style's own, else the next colour of the style's palette for
 * majors it does not name, in the order of the layout's table, so that the map and the legend
 * agree; the fallback colour for a major the taxonomy does not know either.
 */
export function majorColor(layoutId: string, major: string): string {
  const style = MAP_STYLE.layers.components;
  const named = style.majorColors[major];
  if (named) return named;
  const unnamed = (tableOfLayout(layoutId)?.majors ?? []).map((candidate) => candidate.code).filter((code) => !style.majorColors[code]).sort();
  const index = unnamed.indexOf(major);
  return index >= 0 && style.paletteColors.length > 0 ? style.paletteColors[index % style.paletteColors.length]! : style.fallbackColor;
}

export interface LegendEntry {
  code: string;
  name?: string;
  color: string;
}

/** The legend of the major classes of a layout: every major of the workspace's table, else the style's. */
export function legendEntries(layoutId: string): LegendEntry[] {
  const table = tableOfLayout(layoutId);
  const majors = table ? [...table.majors].sort((a, b) => a.code.localeCompare(b.code)).map((major) => ({ code: major.code, name: major.name }))
    : Object.keys(MAP_STYLE.layers.components.majorColors).map((code) => ({ code }));
  return majors.map((major) => ({ ...major, color: majorColor(layoutId, major.code) }));
}
