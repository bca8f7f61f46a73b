/**
 * Drawing order, bottom to top: the base map first, then the areas a centre
 * maintains from large to small, then points on top so they are never hidden.
 */
export const DRAW_ORDER: readonly string[] = [
  'blocks', 'green', 'water', 'roads', 'ownership', 'streets', 'communities', 'grids', 'addresses', 'components',
];

/** z-index for a layer; unknown layers go above the known areas but below points. */
export function zIndexFor(layerName: string): number {
  const index = DRAW_ORDER.indexOf(layerName);
  return index >= 0 ? index * 10 : DRAW_ORDER.indexOf('grids') * 10 + 5;
}

/** Layer names sorted top-most first, as identify wants them. */
export function topMostFirst(layerNames: string[]): string[] {
  return [...layerNames].sort((a, b) => zIndexFor(b) - zIndexFor(a));
}
