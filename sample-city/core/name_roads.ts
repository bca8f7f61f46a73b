/**
 * Turns the lattice's centre lines into named road features. A road is a run
 * of consecutive present segments of one line; long 主干路/次干路 are cut into
 * 东/西 (北/南, 中) parts at arterial crossings, as cities name them
 * (北京东路, 蒙山大道北段). 支路 get numbered series per superblock column or
 * row (临西一路, 临西二路 …). Every road name and code is unique.
 */
import { hashText, randomFor } from './seeded_random.js';
import { ARTERIAL_STEMS, BRANCH_SERIES_PREFIXES, PLACE_STEMS, SECONDARY_STEMS, UniqueNames, chineseNumeral, type RoadStem } from './name_pools.js';
import { arterialIntervalOf, type RoadClass, type RoadLattice, type RoadLine } from './road_lattice.js';
import type { RiverSpecification, ScaleParameters } from './scale_parameters.js';

export type RoadOrientation = 'north-south' | 'east-west';

export interface RoadPlan {
  code: string;
  name: string;
  roadClass: RoadClass;
  width: number;
  orientation: RoadOrientation;
  /** Index of the line in lattice.northSouth or lattice.eastWest. */
  line: number;
  /** The road covers segments [from, to): cell rows of a north–south line, cell columns of an east–west line. */
  from: number;
  to: number;
}

const CLASS_DIGIT: Record<RoadClass, number> = { '主干路': 1, '次干路': 2, '支路': 3 };

function directionWords(orientation: RoadOrientation, parts: number): string[] {
  // Parts are listed from the south (west) end.
  if (orientation === 'north-south') return parts === 2 ? ['南', '北'] : ['南', '中', '北'];
  return parts === 2 ? ['西', '东'] : ['西', '中', '东'];
}

function partName(stem: RoadStem, orientation: RoadOrientation, parts: number, part: number): string {
  if (parts === 1) return stem.stem + stem.kind;
  if (parts > 3) return `${stem.stem}${stem.kind}${chineseNumeral(part + 1)}段`;
  const direction = directionWords(orientation, parts)[part];
  return stem.kind === '路' ? `${stem.stem}${direction}路` : `${stem.stem}${stem.kind}${direction}段`;
}

/** Runs of present segments along one line, as [from, to) pairs. */
function runsOfLine(lattice: RoadLattice, orientation: RoadOrientation, line: number): [number, number][] {
  const count = orientation === 'north-south' ? lattice.rowCount : lattice.columnCount;
  const present = orientation === 'north-south' ? lattice.northSouthPresent : lattice.eastWestPresent;
  const runs: [number, number][] = [];
  let start = -1;
  for (let segment = 0; segment <= count; segment++) {
    const on = segment < count && present[line * count + segment] === 1;
    if (on && start < 0) start = segment;
    if (!on && start >= 0) {
      runs.push([start, segment]);
      start = -1;
    }
  }
  return runs;
}

/** Splits a run into parts no longer than the part length, cutting at crossings of 主干路 where possible. */
function splitRun(run: [number, number], positions: Float64Array, crossing: readonly RoadLine[], partLength: number): [number, number][] {
  const [from, to] = run;
  const length = positions[to] - positions[from];
  const parts = Math.max(1, Math.ceil(length / partLength));
  if (parts === 1) return [run];
  const cuts: number[] = [from];
  for (let part = 1; part < parts; part++) {
    const target = positions[from] + (length * part) / parts;
    let best = -1;
    for (let node = cuts[cuts.length - 1] + 1; node < to; node++) {
      const score = Math.abs(positions[node] - target) + (crossing[node].roadClass === '主干路' ? 0 : 400);
      const bestScore = best < 0 ? Infinity : Math.abs(positions[best] - target) + (crossing[best].roadClass === '主干路' ? 0 : 400);
      if (score < bestScore) best = node;
    }
    if (best > 0) cuts.push(best);
  }
  cuts.push(to);
  return cuts.slice(0, -1).map((cut, index): [number, number] => [cut, cuts[index + 1]]);
}

export function nameRoads(lattice: RoadLattice, parameters: ScaleParameters, rivers: readonly RiverSpecification[], countyCode: string, seed: number): RoadPlan[] {
  const random = randomFor(seed, hashText('road-names'));
  const names = new UniqueNames();
  const arterialStems = [...random.shuffled(ARTERIAL_STEMS), ...PLACE_STEMS.map((stem): RoadStem => ({ stem, kind: '大道' }))];
  const secondaryStems = [...random.shuffled(SECONDARY_STEMS), ...PLACE_STEMS.map((stem): RoadStem => ({ stem, kind: '路' }))];
  const branchPrefixes = [...random.shuffled(BRANCH_SERIES_PREFIXES), ...PLACE_STEMS];
  let nextArterial = 0;
  let nextSecondary = 0;
  const sequenceOfClass: Record<RoadClass, number> = { '主干路': 0, '次干路': 0, '支路': 0 };
  const roads: RoadPlan[] = [];

  const takeStem = (stems: RoadStem[], cursor: () => number, orientation: RoadOrientation, parts: number): RoadStem => {
    // A stem is usable only if every part name it yields is still free.
    for (;;) {
      const index = cursor();
      if (index >= stems.length) throw new Error('ran out of road names');
      const stem = stems[index];
      const candidates = Array.from({ length: parts }, (_, part) => partName(stem, orientation, parts, part));
      if (candidates.every((candidate) => !names.has(candidate))) return stem;
    }
  };

  const addRoad = (orientation: RoadOrientation, line: RoadLine, lineIndex: number, from: number, to: number, name: string): void => {
    names.reserve(name);
    sequenceOfClass[line.roadClass] += 1;
    roads.push({
      code: `${countyCode}${CLASS_DIGIT[line.roadClass]}${String(sequenceOfClass[line.roadClass]).padStart(5, '0')}`,
      name, roadClass: line.roadClass, width: line.width, orientation, line: lineIndex, from, to,
    });
  };

  for (const orientation of ['north-south', 'east-west'] as const) {
    const lines = orientation === 'north-south' ? lattice.northSouth : lattice.eastWest;
    const positions = orientation === 'north-south' ? lattice.ys : lattice.xs;
    const crossing = orientation === 'north-south' ? lattice.eastWest : lattice.northSouth;
    const intervals = arterialIntervalOf(lines.length, orientation === 'north-south' ? lattice.arterialColumns : lattice.arterialRows);
    const seriesKind = orientation === 'north-south' ? '路' : '街';
    // Branch series: one prefix per superblock column (row), numbered from the west (south).
    const seriesOfInterval = new Map<number, { prefix: string; count: number }>();
    let nextPrefix = 0;
    const seriesName = (interval: number): string => {
      let series = seriesOfInterval.get(interval);
      for (;;) {
        if (!series || series.count >= 12) {
          if (nextPrefix >= branchPrefixes.length) throw new Error('ran out of branch road prefixes');
          series = { prefix: branchPrefixes[nextPrefix++], count: 0 };
          seriesOfInterval.set(interval, series);
        }
        series.count += 1;
        const candidate = `${series.prefix}${chineseNumeral(series.count)}${seriesKind}`;
        if (!names.has(candidate)) return candidate;
      }
    };

    lines.forEach((line, lineIndex) => {
      for (const run of runsOfLine(lattice, orientation, lineIndex)) {
        const parts = splitRun(run, positions, crossing, parameters.roadPartLength);
        if (line.roadClass === '支路') {
          for (const [from, to] of parts) addRoad(orientation, line, lineIndex, from, to, seriesName(intervals[lineIndex]));
          continue;
        }
        let stem: RoadStem;
        if (line.riverBank) {
          stem = { stem: `${rivers[line.riverBank.river].name}${line.riverBank.side === 'north' ? '北' : '南'}`, kind: '街' };
        } else if (line.roadClass === '主干路') {
          stem = takeStem(arterialStems, () => nextArterial++, orientation, parts.length);
        } else {
          stem = takeStem(secondaryStems, () => nextSecondary++, orientation, parts.length);
        }
        parts.forEach(([from, to], part) => addRoad(orientation, line, lineIndex, from, to, partName(stem, orientation, parts.length, part)));
      }
    });
  }
  return roads;
}
