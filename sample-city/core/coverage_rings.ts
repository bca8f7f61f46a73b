/**
 * Rings of grids, communities and streets with every grid corner that lies on
 * their edges. Neighbouring grids are split differently, so without these
 * extra vertices one grid's corner would sit in the middle of its
 * neighbour's edge (a T-junction); with them the three layers form a fully
 * noded coverage whose shared edges match vertex for vertex.
 */
import type { Position } from '../../src/core/api/geo_types.js';
import { roundedPosition, upperBound } from './planar_geometry.js';
import type { RoadLattice } from './road_lattice.js';
import type { UnitGridLayout } from './split_unit_grids.js';

/** Indices (at most two) of the cell rows or columns whose closed range holds `value`. */
function bandsHolding(positions: Float64Array, bandCount: number, value: number): number[] {
  const band = upperBound(positions, value) - 1;
  const bands: number[] = [];
  for (const candidate of [band - 1, band]) {
    if (candidate >= 0 && candidate < bandCount && positions[candidate] <= value && value <= positions[candidate + 1]) bands.push(candidate);
  }
  return bands;
}

/** Grid corners strictly between `from` and `to` on the horizontal line y, ascending. */
function cornersOnHorizontal(lattice: RoadLattice, layout: UnitGridLayout, y: number, from: number, to: number): number[] {
  const found = new Set<number>();
  for (const row of bandsHolding(lattice.ys, lattice.rowCount, y)) {
    for (let column = Math.max(0, upperBound(lattice.xs, from) - 1); column < lattice.columnCount && lattice.xs[column] < to; column++) {
      const cell = row * lattice.columnCount + column;
      for (let index = layout.firstXBreak[cell]; index < layout.firstXBreak[cell + 1]; index++) {
        const x = layout.xBreaks[index];
        if (x > from && x < to) found.add(x);
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

function cornersOnVertical(lattice: RoadLattice, layout: UnitGridLayout, x: number, from: number, to: number): number[] {
  const found = new Set<number>();
  for (const column of bandsHolding(lattice.xs, lattice.columnCount, x)) {
    for (let row = Math.max(0, upperBound(lattice.ys, from) - 1); row < lattice.rowCount && lattice.ys[row] < to; row++) {
      const cell = row * lattice.columnCount + column;
      for (let index = layout.firstYBreak[cell]; index < layout.firstYBreak[cell + 1]; index++) {
        const y = layout.yBreaks[index];
        if (y > from && y < to) found.add(y);
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** Closed counter-clockwise ring of the rectangle, noded with every grid corner on its edges. */
export function coverageRing(lattice: RoadLattice, layout: UnitGridLayout, west: number, south: number, east: number, north: number): Position[] {
  const ring: Position[] = [roundedPosition(west, south)];
  for (const x of cornersOnHorizontal(lattice, layout, south, west, east)) ring.push(roundedPosition(x, south));
  ring.push(roundedPosition(east, south));
  for (const y of cornersOnVertical(lattice, layout, east, south, north)) ring.push(roundedPosition(east, y));
  ring.push(roundedPosition(east, north));
  for (const x of cornersOnHorizontal(lattice, layout, north, west, east).reverse()) ring.push(roundedPosition(x, north));
  ring.push(roundedPosition(west, north));
  for (const y of cornersOnVertical(lattice, layout, west, south, north).reverse()) ring.push(roundedPosition(west, y));
  ring.push(roundedPosition(west, south));
  return ring;
}
