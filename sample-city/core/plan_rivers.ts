/**
 * Rivers meander west → east inside their corridors. The banks are smooth
 * functions of x, so the water polygon, the riverside green strips and the
 * "is this point in the water" test all agree without any polygon clipping.
 */
import type { Position } from '../../src/core/api/geo_types.js';
import { hashText, randomFor } from './seeded_random.js';
import { roundedPosition, upperBound } from './planar_geometry.js';
import type { RoadLattice } from './road_lattice.js';
import type { RiverSpecification } from './scale_parameters.js';

export interface RiverPlan {
  name: string;
  /** The cell row of the corridor. */
  row: number;
  /** Red lines of the embankment roads: land between them is the corridor. */
  landSouth: number;
  landNorth: number;
  west: number;
  east: number;
  waves: { amplitude: number; wavelength: number; phase: number }[];
  widthMin: number;
  widthMax: number;
  widthWavelength: number;
  widthPhase: number;
}

/** Least land kept between the water and an embankment road, for the green strip and its path. */
const MINIMUM_BANK = 12;

/** Samples of the banks are this far apart along x. */
export const BANK_STEP = 20;

export function planRivers(lattice: RoadLattice, specifications: readonly RiverSpecification[], seed: number): RiverPlan[] {
  const rivers: RiverPlan[] = [];
  for (let row = 0; row < lattice.rowCount; row++) {
    const index = lattice.riverOfRow[row];
    if (index < 0) continue;
    const specification = specifications[index];
    const random = randomFor(seed, hashText('river'), index);
    const southLine = lattice.eastWest[row];
    const northLine = lattice.eastWest[row + 1];
    const landSouth = southLine.position + southLine.width / 2;
    const landNorth = northLine.position - northLine.width / 2;
    const [widthMin, widthMax] = specification.waterWidth;
    const room = Math.max(0, (landNorth - landSouth) / 2 - widthMax / 2 - MINIMUM_BANK);
    rivers.push({
      name: specification.name,
      row,
      landSouth,
      landNorth,
      west: lattice.xs[0],
      east: lattice.xs[lattice.columnCount],
      waves: [
        { amplitude: room * 0.62, wavelength: random.range(900, 1500), phase: random.range(0, 2 * Math.PI) },
        { amplitude: room * 0.33, wavelength: random.range(260, 420), phase: random.range(0, 2 * Math.PI) },
      ],
      widthMin,
      widthMax,
      widthWavelength: random.range(600, 1100),
      widthPhase: random.range(0, 2 * Math.PI),
    });
  }
  return rivers;
}

/** South and north edge of the water at x. */
export function waterEdgesAt(river: RiverPlan, x: number): [number, number] {
  const along = x - river.west;
  let centre = (river.landSouth + river.landNorth) / 2;
  for (const wave of river.waves) centre += wave.amplitude * Math.sin((2 * Math.PI * along) / wave.wavelength + wave.phase);
  const swing = 0.5 + 0.5 * Math.sin((2 * Math.PI * along) / river.widthWavelength + river.widthPhase);
  const halfWidth = (river.widthMin + (river.widthMax - river.widthMin) * swing) / 2;
  return [centre - halfWidth, centre + halfWidth];
}

/** x positions from west to east: the bank grid, plus both ends exactly. */
export function bankSamples(river: RiverPlan, west: number, east: number): number[] {
  const first = Math.ceil((west - river.west) / BANK_STEP) * BANK_STEP + river.west;
  const samples = [west];
  for (let x = first; x < east; x += BANK_STEP) if (x > west) samples.push(x);
  samples.push(east);
  return samples;
}

/** Closed counter-clockwise ring: south bank eastward, north bank back west. */
export function riverRing(river: RiverPlan): Position[] {
  const samples = bankSamples(river, river.west, river.east);
  const south = samples.map((x) => roundedPosition(x, waterEdgesAt(river, x)[0]));
  const north = samples.slice().reverse().map((x) => roundedPosition(x, waterEdgesAt(river, x)[1]));
  return [...south, ...north, south[0]];
}

/** The river whose corridor holds y, if any (by row, so O(log n)). */
export function riverAt(lattice: RoadLattice, rivers: readonly RiverPlan[], y: number): RiverPlan | undefined {
  const row = upperBound(lattice.ys, y) - 1;
  if (row < 0 || row >= lattice.rowCount || lattice.riverOfRow[row] < 0) return undefined;
  return rivers.find((river) => river.row === row);
}

/** True when the point is on the water or within `margin` metres of it. */
export function inRiver(lattice: RoadLattice, rivers: readonly RiverPlan[], x: number, y: number, margin: number): boolean {
  const river = riverAt(lattice, rivers, y);
  if (!river) return false;
  const [south, north] = waterEdgesAt(river, x);
  return y > south - margin && y < north + margin;
}
