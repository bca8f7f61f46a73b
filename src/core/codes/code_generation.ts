/**
 * Code generations and code fields, as `schemas/code-layouts.json` declares
 * them: a generation names the layout of each kind a workspace writes its
 * codes in (legacy: 14-digit grids and 16-digit components; current: 15 and
 * 17), and the code fields say which workspace fields hold a code of a kind,
 * either as the feature's own code or as a reference to another feature's.
 */
import type { LocalizedText } from '../api/geo_types.js';
import type { CodeField, CodeGeneration, CodeKind, CodeLayout, CodeLayouts } from './code_layout.js';
import { findLayout } from './code_layout.js';

/** One kind's move from a layout of the old generation to the new one's. */
export interface GenerationStep {
  kind: CodeKind;
  from: CodeLayout;
  to: CodeLayout;
}

export function findGeneration(layouts: CodeLayouts, id: string): CodeGeneration | undefined {
  return layouts.generations?.find((generation) => generation.id === id);
}

/** The generation that migrates from `fromId`, if the layouts name one. */
export function nextGeneration(layouts: CodeLayouts, fromId: string): CodeGeneration | undefined {
  return layouts.generations?.find((generation) => generation.migratesFrom === fromId);
}

/** Per kind both generations name, the layout it leaves and the one it takes. */
export function generationSteps(layouts: CodeLayouts, from: CodeGeneration, to: CodeGeneration): GenerationStep[] {
  const steps: GenerationStep[] = [];
  for (const [kind, toId] of Object.entries(to.layouts) as Array<[CodeKind, string]>) {
    const fromId = from.layouts[kind];
    if (!fromId || fromId === toId) continue;
    steps.push({ kind, from: findLayout(layouts, fromId), to: findLayout(layouts, toId) });
  }
  return steps;
}

export function codeFields(layouts: CodeLayouts): CodeField[] {
  return layouts.codeFields?.fields ?? [];
}

/**
 * Why a code's layout is out of place in a workspace on the given generation
 * (a 14-digit grid code in a workspace migrated to current codes), or
 * undefined when it fits or the generation does not say.
 */
export function layoutOutsideGeneration(layouts: CodeLayouts, generationId: string, layout: CodeLayout): LocalizedText | undefined {
  const generation = findGeneration(layouts, generationId);
  const expected = generation?.layouts[layout.kind];
  if (!generation || !expected || expected === layout.id) return undefined;
  const wanted = findLayout(layouts, expected);
  return {
    zh: `工作空间使用${generation.title.zh}，此类代码应为${wanted.title.zh}，这是${layout.title.zh}`,
    en: `the workspace is on ${generation.title.en}, which writes this kind as ${wanted.title.en}; this is a ${layout.title.en}`,
  };
}
