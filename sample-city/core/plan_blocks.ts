/**
 * Blocks (街区) are the land between roads: one cell, or two cells joined where
 * a 支路 segment was left out, or a run of cells along a river corridor. Each
 * gets a land use (GB 50137 main classes, short names) and its footprint, the
 * rectangle inset from the centre lines by half of each road's width.
 */
import { hashText, randomFor } from './seeded_random.js';
import { roundMetres } from './planar_geometry.js';
import { arterialIntervalOf, cellIndex, type RoadLattice } from './road_lattice.js';

export type LandUse = '居住' | '商业' | '公共服务' | '工业' | '物流仓储' | '绿地' | '水域';

export interface Block {
  index: number;
  /** Cell ranges, both ends included. */
  column0: number;
  column1: number;
  row0: number;
  row1: number;
  kind: LandUse;
  /** Footprint inside the kerbs' red lines. */
  west: number;
  south: number;
  east: number;
  north: number;
  /** True when a 主干路 runs along at least one side (shops line arterials). */
  onArterial: boolean;
}

export interface BlockPlan {
  blocks: Block[];
  blockOfCell: Int32Array;
}

function findBlockCells(lattice: RoadLattice): { blockOfCell: Int32Array; extents: [number, number, number, number][] } {
  const { columnCount, rowCount } = lattice;
  const blockOfCell = new Int32Array(columnCount * rowCount).fill(-1);
  const extents: [number, number, number, number][] = [];
  for (let row = 0; row < rowCount; row++) {
    for (let column = 0; column < columnCount; column++) {
      if (blockOfCell[cellIndex(lattice, column, row)] >= 0) continue;
      let column1 = column;
      while (column1 + 1 < columnCount && lattice.northSouthPresent[(column1 + 1) * rowCount + row] === 0) column1++;
      let row1 = row;
      while (row1 + 1 < rowCount && lattice.eastWestPresent[(row1 + 1) * columnCount + column] === 0) row1++;
      const index = extents.length;
      extents.push([column, column1, row, row1]);
      for (let r = row; r <= row1; r++) {
        for (let c = column; c <= column1; c++) blockOfCell[cellIndex(lattice, c, r)] = index;
      }
    }
  }
  return { blockOfCell, extents };
}

/** Superblocks (by arterial column, row) that belong to an industrial cluster. */
function industrialSuperblocks(lattice: RoadLattice, clusters: number, seed: number): Set<number> {
  const random = randomFor(seed, hashText('industrial-clusters'));
  const superColumns = lattice.arterialColumns.length - 1;
  const superRows = lattice.arterialRows.length - 1;
  // Large samples grow each cluster to its neighbours; a small sample keeps one superblock.
  const radius = superColumns * superRows > 50 ? 1 : 0;
  const result = new Set<number>();
  for (let cluster = 0; cluster < clusters; cluster++) {
    const seedColumn = random.integer(0, superColumns - 1);
    const seedRow = random.integer(0, superRows - 1);
    for (let row = seedRow - radius; row <= seedRow + radius; row++) {
      for (let column = seedColumn - radius; column <= seedColumn + radius; column++) {
        if (row < 0 || column < 0 || row >= superRows || column >= superColumns) continue;
        if ((row === seedRow && column === seedColumn) || random.chance(0.6)) result.add(row * superColumns + column);
      }
    }
  }
  return result;
}

export function planBlocks(lattice: RoadLattice, industrialClusters: number, seed: number): BlockPlan {
  const { blockOfCell, extents } = findBlockCells(lattice);
  const random = randomFor(seed, hashText('land-use'));
  const industrial = industrialSuperblocks(lattice, industrialClusters, seed);
  const superColumnOf = arterialIntervalOf(lattice.columnCount, lattice.arterialColumns);
  const superRowOf = arterialIntervalOf(lattice.rowCount, lattice.arterialRows);
  const superColumns = lattice.arterialColumns.length - 1;
  const blocks = extents.map(([column0, column1, row0, row1], index): Block => {
    const westLine = lattice.northSouth[column0];
    const eastLine = lattice.northSouth[column1 + 1];
    const southLine = lattice.eastWest[row0];
    const northLine = lattice.eastWest[row1 + 1];
    const onArterial = [westLine, eastLine, southLine, northLine].some((line) => line.roadClass === '主干路');
    let kind: LandUse;
    const draw = random.next();
    if (lattice.riverOfRow[row0] >= 0) kind = '水域';
    else if (industrial.has(superRowOf[row0] * superColumns + superColumnOf[column0])) {
      kind = draw < 0.7 ? '工业' : draw < 0.9 ? '物流仓储' : draw < 0.95 ? '公共服务' : '绿地';
    } else if (draw < 0.06) kind = '绿地';
    else if (draw < 0.18) kind = '公共服务';
    else if (draw < (onArterial ? 0.55 : 0.26)) kind = '商业';
    else kind = '居住';
    return {
      index, column0, column1, row0, row1, kind, onArterial,
      west: roundMetres(westLine.position + westLine.width / 2),
      east: roundMetres(eastLine.position - eastLine.width / 2),
      south: roundMetres(southLine.position + southLine.width / 2),
      north: roundMetres(northLine.position - northLine.width / 2),
    };
  });
  // Every sample shows at least one park: the largest residential block becomes one.
  if (!blocks.some((block) => block.kind === '绿地')) {
    const residential = blocks.filter((block) => block.kind === '居住');
    if (residential.length > 0) {
      const largest = residential.reduce((best, block) => (blockArea(block) > blockArea(best) ? block : best));
      largest.kind = '绿地';
    }
  }
  return { blocks, blockOfCell };
}

export function blockArea(block: Block): number {
  return (block.east - block.west) * (block.north - block.south);
}
