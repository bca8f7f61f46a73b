/**
 * An import replaces a layer's features. One that leaves far fewer than the
 * layer had is more often a mistake than an intention: the wrong file, a
 * truncated delivery, a zip bomb read as empty (a 7,758-component layer was
 * replaced by 0 and by 20 that way). Such an import is refused unless the
 * user says so explicitly (`--allow-shrink`, `allowShrink`, or the UI's
 * confirmation, which states both counts).
 */
import type { LocalizedText } from '../api/geo_types.js';

/**
 * Below this share of the current count an import counts as shrinking the
 * layer. A re-survey of a city changes its components by a few per cent, a
 * street's redraw of its grids by a few dozen; losing half is not an update.
 */
export const SHRINK_SHARE = 0.5;

/** True when replacing `current` features by `incoming` empties or more than halves a non-empty layer. */
export function isLayerShrink(current: number, incoming: number): boolean {
  return current > 0 && incoming < current * SHRINK_SHARE;
}

/** Both counts, said the same way by the services' refusal and the UI's confirmation. */
export function shrinkText(layer: string, current: number, incoming: number): LocalizedText {
  const count = (value: number): string => value.toLocaleString('en-US');
  return {
    zh: `图层 ${layer} 现有 ${count(current)} 个要素，导入后只剩 ${count(incoming)} 个`,
    en: `layer ${layer} has ${count(current)} features and would keep only ${count(incoming)}`,
  };
}
