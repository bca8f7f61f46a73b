/**
 * Lays out the road lattice: 主干路 every ~500 m with jittered spacing, 次干路
 * and 支路 between them so that cells are ~100–200 m, river corridors held
 * between two embankment roads, and a few 支路 segments left out so that some
 * blocks are larger (estates, campuses) and 支路 end at T-junctions.
 */
import { randomFor, hashText, type SeededRandom } from './seeded_random.js';
import { roundMetres } from './planar_geometry.js';
import type { RoadClass, RoadLattice, RoadLine } from './road_lattice.js';
import type { RiverSpecification, ScaleParameters } from './scale_parameters.js';

const WIDTHS: Record<RoadClass, readonly number[]> = {
  '主干路': [30, 32, 36, 40],
  '次干路': [20, 22, 24],
  '支路': [12, 12, 14],
};

const SIDEWALKS: Record<RoadClass, number> = { '主干路': 6, '次干路': 4.5, '支路': 3 };

interface PlannedLine {
  offset: number;
  roadClass: RoadClass;
  riverBank: RoadLine['riverBank'];
}

/** One arterial interval along an axis: plain, or holding a river corridor. */
interface Interval {
  length: number;
  river: number | null;
}

/** Interval lengths along one axis, corridors placed at their rivers' positions. */
function planIntervals(total: number, parameters: ScaleParameters, rivers: readonly RiverSpecification[], random: SeededRandom): Interval[] {
  const corridors = rivers.map((river, index): Interval => ({
    length: river.corridorWidth + random.range(230, 290),
    river: index,
  }));
  const corridorLength = corridors.reduce((sum, interval) => sum + interval.length, 0);
  const plainLength = total - corridorLength;
  const plainCount = Math.max(1, Math.round(plainLength / parameters.arterialSpacing));
  const raw = Array.from({ length: plainCount }, () => random.range(0.88, 1.12));
  const rawSum = raw.reduce((sum, value) => sum + value, 0);
  const plain = raw.map((value): Interval => ({ length: (plainLength * value) / rawSum, river: null }));
  const intervals: (Interval | null)[] = new Array(plainCount + corridors.length).fill(null);
  rivers.forEach((river, index) => {
    let slot = Math.round(river.position * (intervals.length - 1));
    while (intervals[slot] !== null) slot = (slot + 1) % intervals.length;
    intervals[slot] = corridors[index];
  });
  let next = 0;
  return intervals.map((interval) => interval ?? plain[next++]);
}

/** Lines inside one interval (its southern/western arterial included, the far one excluded). */
function planLinesOfInterval(start: number, interval: Interval, parameters: ScaleParameters, rivers: readonly RiverSpecification[], random: SeededRandom): PlannedLine[] {
  const lines: PlannedLine[] = [{ offset: start, roadClass: '主干路', riverBank: null }];
  if (interval.river !== null) {
    // Embankment roads on both sides of the corridor, blocks between them and the arterials.
    const corridor = rivers[interval.river].corridorWidth;
    const below = (interval.length - corridor) / 2 + random.range(-10, 10);
    lines.push({ offset: start + below, roadClass: '次干路', riverBank: { river: interval.river, side: 'south' } });
    lines.push({ offset: start + below + corridor, roadClass: '次干路', riverBank: { river: interval.river, side: 'north' } });
    return lines;
  }
  const blocks = Math.max(2, Math.round(interval.length / parameters.blockSpacing));
  const step = interval.length / blocks;
  const middle = Math.floor(blocks / 2);
  const middleIsSecondary = random.chance(blocks >= 3 ? 0.75 : 0.4);
  for (let index = 1; index < blocks; index++) {
    const roadClass: RoadClass = index === middle && middleIsSecondary ? '次干路' : '支路';
    lines.push({ offset: start + step * (index + random.range(-0.12, 0.12)), roadClass, riverBank: null });
  }
  return lines;
}

function planAxis(origin: number, total: number, parameters: ScaleParameters, rivers: readonly RiverSpecification[], random: SeededRandom): {
  lines: RoadLine[];
  riverOfInterval: { firstLine: number; river: number }[];
} {
  const intervals = planIntervals(total, parameters, rivers, random);
  const planned: PlannedLine[] = [];
  const riverOfInterval: { firstLine: number; river: number }[] = [];
  let start = 0;
  for (const interval of intervals) {
    const lines = planLinesOfInterval(start, interval, parameters, rivers, random);
    // The corridor is the cell row between the two embankment roads.
    if (interval.river !== null) riverOfInterval.push({ firstLine: planned.length + 1, river: interval.river });
    planned.push(...lines);
    start += interval.length;
  }
  planned.push({ offset: total, roadClass: '主干路', riverBank: null });
  const lines = planned.map((line): RoadLine => {
    const width = random.pick(WIDTHS[line.roadClass]);
    return {
      position: roundMetres(origin + line.offset),
      roadClass: line.roadClass,
      width,
      sidewalk: SIDEWALKS[line.roadClass],
      riverBank: line.riverBank,
    };
  });
  return { lines, riverOfInterval };
}

/**
 * Leaves out some 支路 segments. A cell joins at most one neighbour, and only
 * in one direction, so every block stays a rectangle and no node is left as
 * a dead end or an L-bend: a left-out arm always has its two side arms.
 */
function omitBranchSegments(lattice: RoadLattice, parameters: ScaleParameters, random: SeededRandom): void {
  const { columnCount, rowCount } = lattice;
  const joined = new Uint8Array(columnCount * rowCount);
  // Branch roads do not bridge the rivers: the corridor joins into wide cells between the bridges.
  for (let row = 0; row < rowCount; row++) {
    if (lattice.riverOfRow[row] < 0) continue;
    for (let line = 1; line < columnCount; line++) {
      if (lattice.northSouth[line].roadClass !== '支路') continue;
      lattice.northSouthPresent[line * rowCount + row] = 0;
    }
    for (let column = 0; column < columnCount; column++) joined[row * columnCount + column] = 1;
  }
  for (let row = 0; row < rowCount; row++) {
    for (let column = 0; column < columnCount; column++) {
      const cell = row * columnCount + column;
      const eastLine = column + 1;
      if (eastLine < columnCount && lattice.northSouth[eastLine].roadClass === '支路' && random.chance(parameters.branchOmission)) {
        if (joined[cell] === 0 && joined[cell + 1] === 0) {
          lattice.northSouthPresent[eastLine * rowCount + row] = 0;
          joined[cell] = 1;
          joined[cell + 1] = 1;
        }
      }
      const northLine = row + 1;
      if (northLine < rowCount && lattice.eastWest[northLine].roadClass === '支路' && random.chance(parameters.branchOmission)) {
        if (joined[cell] === 0 && joined[cell + columnCount] === 0) {
          lattice.eastWestPresent[northLine * columnCount + column] = 0;
          joined[cell] = 2;
          joined[cell + columnCount] = 2;
        }
      }
    }
  }
}

export function generateRoadNetwork(parameters: ScaleParameters, origin: readonly [number, number], seed: number): RoadLattice {
  const random = randomFor(seed, hashText('road-network'));
  const northSouthAxis = planAxis(origin[0], parameters.width, parameters, [], random);
  const eastWestAxis = planAxis(origin[1], parameters.height, parameters, parameters.rivers, random);
  const northSouth = northSouthAxis.lines;
  const eastWest = eastWestAxis.lines;
  const columnCount = northSouth.length - 1;
  const rowCount = eastWest.length - 1;
  const riverOfRow = new Int16Array(rowCount).fill(-1);
  for (const { firstLine, river } of eastWestAxis.riverOfInterval) riverOfRow[firstLine] = river;
  const lattice: RoadLattice = {
    northSouth,
    eastWest,
    xs: Float64Array.from(northSouth, (line) => line.position),
    ys: Float64Array.from(eastWest, (line) => line.position),
    columnCount,
    rowCount,
    northSouthPresent: new Uint8Array((columnCount + 1) * rowCount).fill(1),
    eastWestPresent: new Uint8Array((rowCount + 1) * columnCount).fill(1),
    riverOfRow,
    arterialColumns: northSouth.flatMap((line, index) => (line.roadClass === '主干路' ? [index] : [])),
    arterialRows: eastWest.flatMap((line, index) => (line.roadClass === '主干路' ? [index] : [])),
  };
  omitBranchSegments(lattice, parameters, randomFor(seed, hashText('branch-omissions')));
  return lattice;
}
