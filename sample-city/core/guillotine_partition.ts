/**
 * Recursive guillotine partition of a rectangle of lattice cells into parts of
 * given shares, cutting only along road centre lines that are allowed (no
 * left-out segment along the cut, so no block is split). Parts are rectangles
 * of whole cells, which makes their polygons exact unions of their grids.
 */

export interface CellRectangle {
  /** Cell ranges, both ends included. */
  column0: number;
  column1: number;
  row0: number;
  row1: number;
}

export interface PartitionRules {
  /** Weight (grid count) of a rectangle. */
  weight(rectangle: CellRectangle): number;
  /** Metres across, for keeping parts compact. */
  size(rectangle: CellRectangle): [number, number];
  /** May the rectangle be cut along the north–south line west of `column`? */
  canCutAtColumn(rectangle: CellRectangle, column: number): boolean;
  canCutAtRow(rectangle: CellRectangle, row: number): boolean;
}

interface Cut {
  first: CellRectangle;
  second: CellRectangle;
  score: number;
}

function aspectPenalty(rules: PartitionRules, rectangle: CellRectangle): number {
  const [width, height] = rules.size(rectangle);
  return Math.abs(Math.log(width / height));
}

/** The best cut giving `first` about `targetShare` of the weight; the first part is the western or northern one. */
function bestCut(rectangle: CellRectangle, targetShare: number, firstCount: number, secondCount: number, rules: PartitionRules): Cut | null {
  const total = rules.weight(rectangle);
  let best: Cut | null = null;
  const consider = (first: CellRectangle, second: CellRectangle): void => {
    const firstWeight = rules.weight(first);
    const secondWeight = total - firstWeight;
    if (firstWeight < firstCount || secondWeight < secondCount) return;
    const score = 4 * Math.abs(firstWeight / total - targetShare) + 0.08 * (aspectPenalty(rules, first) + aspectPenalty(rules, second));
    if (!best || score < best.score) best = { first, second, score };
  };
  for (let column = rectangle.column0 + 1; column <= rectangle.column1; column++) {
    if (!rules.canCutAtColumn(rectangle, column)) continue;
    consider({ ...rectangle, column1: column - 1 }, { ...rectangle, column0: column });
  }
  for (let row = rectangle.row0 + 1; row <= rectangle.row1; row++) {
    if (!rules.canCutAtRow(rectangle, row)) continue;
    // North first, so that parts read north → south like the grid numbering.
    consider({ ...rectangle, row0: row }, { ...rectangle, row1: row - 1 });
  }
  return best;
}

/**
 * Splits the rectangle into `shares.length` parts whose weights follow the
 * shares. Parts heavier than `mostWeight` are split further, so the result
 * may hold more parts than shares; then the extra parts get share 1.
 */
export function partitionCells(rectangle: CellRectangle, shares: readonly number[], rules: PartitionRules, mostWeight = Infinity): CellRectangle[] {
  if (shares.length === 0) return [];
  if (shares.length === 1) {
    if (rules.weight(rectangle) <= mostWeight) return [rectangle];
    const halves = partitionCells(rectangle, [1, 1], rules, mostWeight);
    if (halves.length < 2) throw new Error('a part is too heavy and cannot be cut along any road');
    return halves;
  }
  const firstCount = Math.ceil(shares.length / 2);
  const firstShares = shares.slice(0, firstCount);
  const secondShares = shares.slice(firstCount);
  const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
  const cut = bestCut(rectangle, sum(firstShares) / sum(shares), firstShares.length, secondShares.length, rules);
  if (!cut) {
    // No allowed cut: the rectangle stays whole (callers size the share count so this is rare),
    // but it must still respect the weight limit.
    return partitionCells(rectangle, [1], rules, mostWeight);
  }
  return [
    ...partitionCells(cut.first, firstShares, rules, mostWeight),
    ...partitionCells(cut.second, secondShares, rules, mostWeight),
  ];
}
