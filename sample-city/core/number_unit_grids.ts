/**
 * Grid codes (grid-legacy-14): county 6 + street 3 + community 3 + a 2-digit
 * sequence numbered inside the community west → east, north → south — rows
 * of grids from the north, each row from the west.
 */
import { formatCode, type CodeLayout } from '../../src/core/codes/code_layout.js';
import type { CommunityPlan, StreetPlan } from './assign_division_codes.js';
import type { RoadLattice } from './road_lattice.js';
import { gridBounds, type UnitGridLayout } from './split_unit_grids.js';

export interface GridNumbering {
  codeOfGrid: string[];
  communityOfGrid: Int32Array;
  sequenceOfGrid: Uint8Array;
}

export function numberUnitGrids(
  lattice: RoadLattice, layout: UnitGridLayout, streets: readonly StreetPlan[], communities: readonly CommunityPlan[], gridLayout: CodeLayout, countyCode: string,
): GridNumbering {
  const codeOfGrid = new Array<string>(layout.gridCount).fill('');
  const communityOfGrid = new Int32Array(layout.gridCount).fill(-1);
  const sequenceOfGrid = new Uint8Array(layout.gridCount);
  communities.forEach((community, communityIndex) => {
    const grids: number[] = [];
    const { column0, column1, row0, row1 } = community.rectangle;
    for (let row = row0; row <= row1; row++) {
      for (let column = column0; column <= column1; column++) {
        const cell = row * lattice.columnCount + column;
        for (let grid = layout.firstGridOfCell[cell]; grid < layout.firstGridOfCell[cell + 1]; grid++) grids.push(grid);
      }
    }
    const bounds = new Map(grids.map((grid) => [grid, gridBounds(layout, grid)]));
    grids.sort((a, b) => {
      const [westA, , , northA] = bounds.get(a)!;
      const [westB, , , northB] = bounds.get(b)!;
      return northB - northA || westA - westB;
    });
    const street = streets[community.street];
    grids.forEach((grid, index) => {
      const sequence = index + 1;
      sequenceOfGrid[grid] = sequence;
      communityOfGrid[grid] = communityIndex;
      codeOfGrid[grid] = formatCode(gridLayout, {
        division: countyCode,
        street: street.code.slice(6, 9),
        community: community.code.slice(9, 12),
        sequence,
      });
    });
  });
  return { codeOfGrid, communityOfGrid, sequenceOfGrid };
}
