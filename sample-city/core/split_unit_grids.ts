/**
 * Unit grids (单元网格): each cell between road centre lines is split into
 * columns × rows of roughly 10 000 m² (the classic 万米单元网格), with a little
 * jitter so the city does not look ruled. Cells tile the managed area, so the
 * grids do too, and a point finds its grid by two binary searches and a scan
 * of at most a few breaks — never by searching all grids.
 */
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';
import { roundMetres, upperBound } from './planar_geometry.js';
import type { RoadLattice } from './road_lattice.js';

export interface UnitGridLayout {
  gridCount: number;
  columnsOfCell: Uint8Array;
  rowsOfCell: Uint8Array;
  firstGridOfCell: Int32Array;
  cellOfGrid: Int32Array;
  /** Per cell, columns + 1 x positions from the cell's west edge to its east edge. */
  firstXBreak: Int32Array;
  xBreaks: Float64Array;
  firstYBreak: Int32Array;
  yBreaks: Float64Array;
}

/** Grid areas stay inside these before jitter, so that after ±6% jitter per axis they stay within 5 000–20 000 m². */
const LEAST_AREA = 6700;
const MOST_AREA = 15500;
const JITTER = 0.06;

/** The columns × rows split whose grids are closest to the target area and to squares. */
export function chooseSplit(width: number, height: number, targetArea: number): [number, number] {
  let best: [number, number] = [1, 1];
  let bestScore = Infinity;
  for (let columns = 1; columns <= 8; columns++) {
    for (let rows = 1; rows <= 8; rows++) {
      const gridWidth = width / columns;
      const gridHeight = height / rows;
      const area = gridWidth * gridHeight;
      const outside = area < LEAST_AREA || area > MOST_AREA ? 10 : 0;
      const score = outside + Math.abs(Math.log(area / targetArea)) + 0.6 * Math.abs(Math.log(gridWidth / gridHeight));
      if (score < bestScore) {
        bestScore = score;
        best = [columns, rows];
      }
    }
  }
  return best;
}

function jitteredBreaks(start: number, end: number, parts: number, next: () => number): number[] {
  const step = (end - start) / parts;
  const breaks = [start];
  for (let part = 1; part < parts; part++) breaks.push(roundMetres(start + step * (part + (next() * 2 - 1) * JITTER)));
  breaks.push(end);
  return breaks;
}

export function splitUnitGrids(lattice: RoadLattice, targetArea: number, seed: number): UnitGridLayout {
  const { columnCount, rowCount, xs, ys } = lattice;
  const cells = columnCount * rowCount;
  const columnsOfCell = new Uint8Array(cells);
  const rowsOfCell = new Uint8Array(cells);
  const firstGridOfCell = new Int32Array(cells + 1);
  const firstXBreak = new Int32Array(cells + 1);
  const firstYBreak = new Int32Array(cells + 1);
  const xBreakList: number[] = [];
  const yBreakList: number[] = [];
  const purpose = hashText('unit-grids');
  let gridCount = 0;
  for (let row = 0; row < rowCount; row++) {
    for (let column = 0; column < columnCount; column++) {
      const cell = row * columnCount + column;
      const [columns, rows] = chooseSplit(xs[column + 1] - xs[column], ys[row + 1] - ys[row], targetArea);
      const next = mulberry32(mixSeed(seed, purpose, cell));
      columnsOfCell[cell] = columns;
      rowsOfCell[cell] = rows;
      firstGridOfCell[cell] = gridCount;
      firstXBreak[cell] = xBreakList.length;
      firstYBreak[cell] = yBreakList.length;
      xBreakList.push(...jitteredBreaks(xs[column], xs[column + 1], columns, next));
      yBreakList.push(...jitteredBreaks(ys[row], ys[row + 1], rows, next));
      gridCount += columns * rows;
    }
  }
  firstGridOfCell[cells] = gridCount;
  firstXBreak[cells] = xBreakList.length;
  firstYBreak[cells] = yBreakList.length;
  const cellOfGrid = new Int32Array(gridCount);
  for (let cell = 0; cell < cells; cell++) cellOfGrid.fill(cell, firstGridOfCell[cell], firstGridOfCell[cell + 1]);
  return {
    gridCount, columnsOfCell, rowsOfCell, firstGridOfCell, cellOfGrid,
    firstXBreak, xBreaks: Float64Array.from(xBreakList), firstYBreak, yBreaks: Float64Array.from(yBreakList),
  };
}

/** Least distance kept between a placed point and any grid edge. */
const EDGE_CLEARANCE = 0.1;
const EDGE_NUDGE = 0.3;

function nudgeAway(value: number, breaks: Float64Array, first: number, last: number): number {
  for (let index = first; index <= last; index++) {
    const gap = value - breaks[index];
    if (Math.abs(gap) < EDGE_CLEARANCE) return breaks[index] + (gap >= 0 ? EDGE_NUDGE : -EDGE_NUDGE);
  }
  return value;
}

/**
 * Moves a point that lies on or next to a grid edge 0.3 m off it (and rounds
 * it to the millimetre), so that it lies strictly inside exactly one grid.
 * Returns null outside the managed area.
 */
export function settleInsideGrid(lattice: RoadLattice, layout: UnitGridLayout, x: number, y: number): [number, number] | null {
  const column = upperBound(lattice.xs, x) - 1;
  const row = upperBound(lattice.ys, y) - 1;
  if (column < 0 || row < 0 || column >= lattice.columnCount || row >= lattice.rowCount) return null;
  const cell = row * lattice.columnCount + column;
  const settledX = roundMetres(nudgeAway(x, layout.xBreaks, layout.firstXBreak[cell], layout.firstXBreak[cell + 1] - 1));
  const settledY = roundMetres(nudgeAway(y, layout.yBreaks, layout.firstYBreak[cell], layout.firstYBreak[cell + 1] - 1));
  if (settledX <= lattice.xs[0] || settledX >= lattice.xs[lattice.columnCount]) return null;
  if (settledY <= lattice.ys[0] || settledY >= lattice.ys[lattice.rowCount]) return null;
  return [settledX, settledY];
}

/** The grid holding a point (call with a settled point), or −1 outside the area. */
export function gridAt(lattice: RoadLattice, layout: UnitGridLayout, x: number, y: number): number {
  const column = upperBound(lattice.xs, x) - 1;
  const row = upperBound(lattice.ys, y) - 1;
  if (column < 0 || row < 0 || column >= lattice.columnCount || row >= lattice.rowCount) return -1;
  const cell = row * lattice.columnCount + column;
  const columns = layout.columnsOfCell[cell];
  const rows = layout.rowsOfCell[cell];
  let subColumn = 0;
  while (subColumn + 1 < columns && layout.xBreaks[layout.firstXBreak[cell] + subColumn + 1] <= x) subColumn++;
  let subRow = 0;
  while (subRow + 1 < rows && layout.yBreaks[layout.firstYBreak[cell] + subRow + 1] <= y) subRow++;
  return layout.firstGridOfCell[cell] + subRow * columns + subColumn;
}

/** [west, south, east, north] of a grid. */
export function gridBounds(layout: UnitGridLayout, grid: number): [number, number, number, number] {
  const cell = layout.cellOfGrid[grid];
  const columns = layout.columnsOfCell[cell];
  const local = grid - layout.firstGridOfCell[cell];
  const subRow = Math.floor(local / columns);
  const subColumn = local % columns;
  const xFirst = layout.firstXBreak[cell];
  const yFirst = layout.firstYBreak[cell];
  return [
    layout.xBreaks[xFirst + subColumn], layout.yBreaks[yFirst + subRow],
    layout.xBreaks[xFirst + subColumn + 1], layout.yBreaks[yFirst + subRow + 1],
  ];
}
