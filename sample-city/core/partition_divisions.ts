/**
 * Streets (街道) and communities (社区) as rectangles of lattice cells. Streets
 * are cut along 主干路 (as street boundaries follow main roads), communities
 * inside each street along any road that no block straddles. A community holds
 * at most 99 grids because the legacy grid code has a 2-digit sequence.
 */
import { countOmissions, eastWestUnbroken, northSouthUnbroken, type RoadLattice } from './road_lattice.js';
import { partitionCells, type CellRectangle, type PartitionRules } from './guillotine_partition.js';
import type { UnitGridLayout } from './split_unit_grids.js';
import type { ScaleParameters } from './scale_parameters.js';

/** The legacy 14-digit grid code numbers grids 01–99 inside a community. */
export const MOST_GRIDS_PER_COMMUNITY = 99;

export interface DivisionShape {
  streets: { input: number; rectangle: CellRectangle }[];
  communities: { street: number; rectangle: CellRectangle; gridCount: number }[];
  communityOfCell: Int32Array;
}

/** Grid counts summed over cell rectangles in O(1). */
function gridWeights(lattice: RoadLattice, layout: UnitGridLayout): (rectangle: CellRectangle) => number {
  const stride = lattice.columnCount + 1;
  const sums = new Float64Array(stride * (lattice.rowCount + 1));
  for (let row = 0; row < lattice.rowCount; row++) {
    for (let column = 0; column < lattice.columnCount; column++) {
      const cell = row * lattice.columnCount + column;
      const grids = layout.firstGridOfCell[cell + 1] - layout.firstGridOfCell[cell];
      sums[(row + 1) * stride + column + 1] = grids + sums[row * stride + column + 1] + sums[(row + 1) * stride + column] - sums[row * stride + column];
    }
  }
  return (rectangle) => {
    const { column0, column1, row0, row1 } = rectangle;
    return sums[(row1 + 1) * stride + column1 + 1] - sums[row0 * stride + column1 + 1] - sums[(row1 + 1) * stride + column0] + sums[row0 * stride + column0];
  };
}

function partitionRules(lattice: RoadLattice, weight: (rectangle: CellRectangle) => number, arterialOnly: boolean): PartitionRules {
  const omissions = countOmissions(lattice);
  const arterialColumn = new Set(lattice.arterialColumns);
  const arterialRow = new Set(lattice.arterialRows);
  return {
    weight,
    size: (rectangle) => [
      lattice.xs[rectangle.column1 + 1] - lattice.xs[rectangle.column0],
      lattice.ys[rectangle.row1 + 1] - lattice.ys[rectangle.row0],
    ],
    canCutAtColumn: (rectangle, column) =>
      (!arterialOnly || arterialColumn.has(column)) && northSouthUnbroken(lattice, omissions, column, rectangle.row0, rectangle.row1 + 1),
    canCutAtRow: (rectangle, row) =>
      (!arterialOnly || arterialRow.has(row)) && eastWestUnbroken(lattice, omissions, row, rectangle.column0, rectangle.column1 + 1),
  };
}

/**
 * Lays out streets and communities.
 * @param communitiesPerStreet how many real communities each input street brings (its share of the area follows it).
 */
export function partitionDivisions(
  lattice: RoadLattice, layout: UnitGridLayout, parameters: ScaleParameters, communitiesPerStreet: readonly number[],
): DivisionShape {
  const weight = gridWeights(lattice, layout);
  const whole: CellRectangle = { column0: 0, column1: lattice.columnCount - 1, row0: 0, row1: lattice.rowCount - 1 };
  const superblocks = (lattice.arterialColumns.length - 1) * (lattice.arterialRows.length - 1);
  const streetCount = Math.max(1, Math.min(communitiesPerStreet.length, superblocks, Math.floor(weight(whole) / parameters.minimumGridsPerStreet)));
  // Streets with more communities get more land, but not proportionally: town streets are not ten times larger.
  const shares = communitiesPerStreet.slice(0, streetCount).map((count) => Math.sqrt(1 + count));
  const streetRectangles = partitionCells(whole, shares, partitionRules(lattice, weight, true));
  const communityRules = partitionRules(lattice, weight, false);
  const shape: DivisionShape = { streets: [], communities: [], communityOfCell: new Int32Array(lattice.columnCount * lattice.rowCount).fill(-1) };
  streetRectangles.forEach((rectangle, street) => {
    shape.streets.push({ input: street, rectangle });
    const grids = weight(rectangle);
    const { fewest, most } = parameters.communityGrids;
    const wanted = Math.max(1, Math.min(Math.max(communitiesPerStreet[street], Math.ceil(grids / most)), Math.floor(grids / fewest)));
    const parts = partitionCells(rectangle, new Array<number>(wanted).fill(1), communityRules, MOST_GRIDS_PER_COMMUNITY);
    // Number communities north → south, west → east, like the grids inside them.
    parts.sort((a, b) => b.row1 - a.row1 || a.column0 - b.column0);
    for (const part of parts) {
      const community = shape.communities.length;
      shape.communities.push({ street, rectangle: part, gridCount: weight(part) });
      for (let row = part.row0; row <= part.row1; row++) {
        shape.communityOfCell.fill(community, row * lattice.columnCount + part.column0, row * lattice.columnCount + part.column1 + 1);
      }
    }
  });
  return shape;
}
