/**
 * The road lattice: straight north–south and east–west centre lines that span
 * the managed area, some of whose 支路 segments are left out. Every other
 * structure (blocks, unit grids, communities, streets) is made of the cells
 * between these centre lines, which is what keeps them tiling exactly and
 * lets a point find its grid by binary search instead of by searching.
 */
import { upperBound } from './planar_geometry.js';

export type RoadClass = '主干路' | '次干路' | '支路';

export interface RoadLine {
  /** x of a north–south line, y of an east–west line (EPSG:4527 metres). */
  position: number;
  roadClass: RoadClass;
  /** Right-of-way (红线) width, pavements included. */
  width: number;
  /** Width of each pavement; the kerb is at width / 2 − sidewalk from the centre line. */
  sidewalk: number;
  /** Index of the river when this line is one of its embankment roads. */
  riverBank: { river: number; side: 'south' | 'north' } | null;
}

export interface RoadLattice {
  /** North–south lines, west → east; the first and last are the managed area's edges. */
  northSouth: RoadLine[];
  /** East–west lines, south → north. */
  eastWest: RoadLine[];
  xs: Float64Array;
  ys: Float64Array;
  columnCount: number;
  rowCount: number;
  /** 1 where north–south line `line` carries road between ys[row] and ys[row + 1]; index line * rowCount + row. */
  northSouthPresent: Uint8Array;
  /** 1 where east–west line `line` carries road between xs[column] and xs[column + 1]; index line * columnCount + column. */
  eastWestPresent: Uint8Array;
  /** Per cell row: the river flowing through it, or −1. */
  riverOfRow: Int16Array;
  /** Indices of the 主干路 lines; they bound the superblocks that streets are made of. */
  arterialColumns: number[];
  arterialRows: number[];
}

export function hasNorthSouthSegment(lattice: RoadLattice, line: number, row: number): boolean {
  if (line < 0 || line > lattice.columnCount || row < 0 || row >= lattice.rowCount) return false;
  return lattice.northSouthPresent[line * lattice.rowCount + row] === 1;
}

export function hasEastWestSegment(lattice: RoadLattice, line: number, column: number): boolean {
  if (line < 0 || line > lattice.rowCount || column < 0 || column >= lattice.columnCount) return false;
  return lattice.eastWestPresent[line * lattice.columnCount + column] === 1;
}

/** Which of the four arms of the node (north–south line, east–west line) carry road. */
export interface NodeArms {
  north: boolean;
  south: boolean;
  east: boolean;
  west: boolean;
}

export function nodeArms(lattice: RoadLattice, northSouthLine: number, eastWestLine: number): NodeArms {
  return {
    north: hasNorthSouthSegment(lattice, northSouthLine, eastWestLine),
    south: hasNorthSouthSegment(lattice, northSouthLine, eastWestLine - 1),
    east: hasEastWestSegment(lattice, eastWestLine, northSouthLine),
    west: hasEastWestSegment(lattice, eastWestLine, northSouthLine - 1),
  };
}

/** Cell column holding x, or −1 outside the lattice. */
export function columnAt(lattice: RoadLattice, x: number): number {
  const column = upperBound(lattice.xs, x) - 1;
  return column >= 0 && column < lattice.columnCount ? column : -1;
}

export function rowAt(lattice: RoadLattice, y: number): number {
  const row = upperBound(lattice.ys, y) - 1;
  return row >= 0 && row < lattice.rowCount ? row : -1;
}

export function cellIndex(lattice: RoadLattice, column: number, row: number): number {
  return row * lattice.columnCount + column;
}

/** Prefix sums of omitted segments per line, so that a cut along a line can be checked in O(1). */
export interface OmissionCounts {
  /** For north–south line l: omittedNorthSouth[l * (rowCount + 1) + r] = omitted segments in rows < r. */
  northSouth: Int32Array;
  eastWest: Int32Array;
}

export function countOmissions(lattice: RoadLattice): OmissionCounts {
  const { columnCount, rowCount } = lattice;
  const northSouth = new Int32Array((columnCount + 1) * (rowCount + 1));
  for (let line = 0; line <= columnCount; line++) {
    for (let row = 0; row < rowCount; row++) {
      const omitted = lattice.northSouthPresent[line * rowCount + row] === 1 ? 0 : 1;
      northSouth[line * (rowCount + 1) + row + 1] = northSouth[line * (rowCount + 1) + row] + omitted;
    }
  }
  const eastWest = new Int32Array((rowCount + 1) * (columnCount + 1));
  for (let line = 0; line <= rowCount; line++) {
    for (let column = 0; column < columnCount; column++) {
      const omitted = lattice.eastWestPresent[line * columnCount + column] === 1 ? 0 : 1;
      eastWest[line * (columnCount + 1) + column + 1] = eastWest[line * (columnCount + 1) + column] + omitted;
    }
  }
  return { northSouth, eastWest };
}

/** True when north–south line `line` carries road over every row in [rowFrom, rowTo). */
export function northSouthUnbroken(lattice: RoadLattice, counts: OmissionCounts, line: number, rowFrom: number, rowTo: number): boolean {
  const base = line * (lattice.rowCount + 1);
  return counts.northSouth[base + rowTo] - counts.northSouth[base + rowFrom] === 0;
}

export function eastWestUnbroken(lattice: RoadLattice, counts: OmissionCounts, line: number, columnFrom: number, columnTo: number): boolean {
  const base = line * (lattice.columnCount + 1);
  return counts.eastWest[base + columnTo] - counts.eastWest[base + columnFrom] === 0;
}

/**
 * The arterial interval (superblock column or row) of every line or cell
 * index below `count`; an arterial line belongs to the interval it starts.
 */
export function arterialIntervalOf(count: number, arterialLines: readonly number[]): Int32Array {
  const result = new Int32Array(count);
  let interval = 0;
  for (let index = 0; index < count; index++) {
    while (interval + 1 < arterialLines.length - 1 && arterialLines[interval + 1] <= index) interval++;
    result[index] = interval;
  }
  return result;
}
