/**
 * The places people name and the case system keeps hearing about: what each
 * block is called (estate, tower, school, market, works), the markets, the
 * schools, a few run-down "problem blocks" (城中村, old compounds without a
 * property company), this year's building sites and the busy junctions of
 * the main roads. Addresses use the names; case records cluster around the
 * places. Also the road that carries each lattice segment, to name roads
 * near a point.
 */
import { hashText, randomFor } from './seeded_random.js';
import { BRANCH_SERIES_PREFIXES, NameSequence, PLACE_STEMS, UniqueNames, chineseNumeral } from './name_pools.js';
import type { RoadPlan } from './name_roads.js';
import type { BlockOwner } from './plan_block_owners.js';
import { blockArea, type Block } from './plan_blocks.js';
import type { GreenPlan } from './plan_green_space.js';
import { nodeArms, type RoadLattice } from './road_lattice.js';

export interface Junction {
  x: number;
  y: number;
  northSouthLine: number;
  eastWestLine: number;
  /** Relative traffic: 主干路 × 主干路 crossings are the busiest. */
  weight: number;
}

export interface CityPlaces {
  /** What people call each block; '' for water and for green without a park name. */
  nameOfBlock: string[];
  markets: number[];
  schools: number[];
  problemBlocks: number[];
  worksites: number[];
  junctions: Junction[];
  /** Road index per lattice segment (line * rowCount + row, line * columnCount + column), −1 where none. */
  roadOfNorthSouthSegment: Int32Array;
  roadOfEastWestSegment: Int32Array;
}

const SUFFIXES: Record<'居住' | '商业' | '公共服务' | '工业' | '物流仓储', readonly string[]> = {
  '居住': ['小区', '花园', '家园', '苑', '新村', '公寓', '嘉园', '名居'],
  '商业': ['大厦', '广场', '商厦', '国际中心', '商务楼', '购物中心', '写字楼', '商业街'],
  '公共服务': ['社区服务中心', '幼儿园', '文化活动中心', '派出所', '党群服务中心', '养老院', '卫生院', '体育馆'],
  '工业': ['工业园', '产业园', '科技园', '机械厂', '食品厂', '板材厂'],
  '物流仓储': ['物流园', '仓储中心', '配送中心', '冷链物流园'],
};

/** Names from stems × suffixes, then second and later phases (二期 …), never repeating a name already taken. */
function* nameCandidates(stems: readonly string[], suffixes: readonly string[]): Generator<string> {
  for (let phase = 1; ; phase++) {
    for (const suffix of suffixes) {
      for (const stem of stems) {
        // 文苑 + 苑 would read 文苑苑.
        if (stem.endsWith(suffix[0])) continue;
        yield `${stem}${suffix}${phase > 1 ? `${chineseNumeral(phase)}期` : ''}`;
      }
    }
  }
}

function segmentRoads(lattice: RoadLattice, roads: readonly RoadPlan[]): { northSouth: Int32Array; eastWest: Int32Array } {
  const northSouth = new Int32Array((lattice.columnCount + 1) * lattice.rowCount).fill(-1);
  const eastWest = new Int32Array((lattice.rowCount + 1) * lattice.columnCount).fill(-1);
  roads.forEach((road, index) => {
    for (let segment = road.from; segment < road.to; segment++) {
      if (road.orientation === 'north-south') northSouth[road.line * lattice.rowCount + segment] = index;
      else eastWest[road.line * lattice.columnCount + segment] = index;
    }
  });
  return { northSouth, eastWest };
}

function findJunctions(lattice: RoadLattice): Junction[] {
  const junctions: Junction[] = [];
  for (let northSouthLine = 1; northSouthLine < lattice.columnCount; northSouthLine++) {
    for (let eastWestLine = 1; eastWestLine < lattice.rowCount; eastWestLine++) {
      const arms = nodeArms(lattice, northSouthLine, eastWestLine);
      if (!(arms.north || arms.south) || !(arms.east || arms.west)) continue;
      const classes = [lattice.northSouth[northSouthLine].roadClass, lattice.eastWest[eastWestLine].roadClass];
      const arterials = classes.filter((roadClass) => roadClass === '主干路').length;
      const secondaries = classes.filter((roadClass) => roadClass === '次干路').length;
      const weight = arterials === 2 ? 3 : arterials === 1 && secondaries === 1 ? 1.2 : secondaries === 2 ? 0.5 : 0;
      if (weight === 0) continue;
      junctions.push({ x: lattice.northSouth[northSouthLine].position, y: lattice.eastWest[eastWestLine].position, northSouthLine, eastWestLine, weight });
    }
  }
  return junctions;
}

/** Blocks drawn with a chance each; at least one (the largest candidate) so a small sample has every kind of place. */
function drawBlocks(candidates: readonly Block[], chance: number, draw: () => number): number[] {
  const chosen = candidates.filter(() => draw() < chance).map((block) => block.index);
  if (chosen.length === 0 && candidates.length > 0) {
    chosen.push(candidates.reduce((best, block) => (blockArea(block) > blockArea(best) ? block : best)).index);
  }
  return chosen;
}

export function planCityPlaces(
  lattice: RoadLattice, blocks: readonly Block[], owners: ReadonlyMap<number, BlockOwner>, green: GreenPlan, roads: readonly RoadPlan[], seed: number,
): CityPlaces {
  const random = randomFor(seed, hashText('city-places'));
  const draw = (): number => random.next();
  const commercial = blocks.filter((block) => block.kind === '商业' && !owners.has(block.index));
  const markets = drawBlocks(commercial, 0.08, draw);
  const residential = blocks.filter((block) => block.kind === '居住' && !owners.has(block.index));
  const problemBlocks = drawBlocks(residential, 0.04, draw);
  const buildable = blocks.filter((block) => (block.kind === '居住' || block.kind === '商业' || block.kind === '公共服务') && !owners.has(block.index));
  const worksites = drawBlocks(buildable.filter((block) => !markets.includes(block.index) && !problemBlocks.includes(block.index)), 0.012, draw);
  const schools = blocks.filter((block) => /(小学|中学|大学)$/u.test(owners.get(block.index)?.place ?? '')).map((block) => block.index);

  const names = new UniqueNames([...owners.values()].map((owner) => owner.place));
  const stems = random.shuffled(PLACE_STEMS);
  const villageStems = random.shuffled(BRANCH_SERIES_PREFIXES);
  const sequence = (stemList: readonly string[], suffixes: readonly string[]): NameSequence => new NameSequence(nameCandidates(stemList, suffixes), names);
  const sequences = {
    market: sequence(stems, ['农贸市场', '批发市场', '小商品城', '菜市场']),
    problem: sequence(villageStems, ['村', '片区', '宿舍区']),
    worksite: sequence(stems, ['项目工地', '安置房工地', '商业综合体工地']),
    // Estates are the most numerous: village and street stems too, before second phases.
    '居住': sequence([...stems, ...villageStems], SUFFIXES['居住']),
    '商业': sequence(stems, SUFFIXES['商业']),
    '公共服务': sequence(stems, SUFFIXES['公共服务']),
    '工业': sequence(stems, SUFFIXES['工业']),
    '物流仓储': sequence(stems, SUFFIXES['物流仓储']),
  };
  const marketSet = new Set(markets);
  const problemSet = new Set(problemBlocks);
  const worksiteSet = new Set(worksites);
  const nameOfBlock = blocks.map((block): string => {
    const owner = owners.get(block.index);
    if (owner) return owner.place;
    if (marketSet.has(block.index)) return sequences.market.next();
    if (problemSet.has(block.index)) return sequences.problem.next();
    if (worksiteSet.has(block.index)) return sequences.worksite.next();
    if (block.kind === '绿地') return green.parkOfBlock.get(block.index)?.name ?? '';
    if (block.kind === '水域') return '';
    return sequences[block.kind].next();
  });
  const { northSouth, eastWest } = segmentRoads(lattice, roads);
  return {
    nameOfBlock, markets, schools, problemBlocks, worksites,
    junctions: findJunctions(lattice),
    roadOfNorthSouthSegment: northSouth,
    roadOfEastWestSegment: eastWest,
  };
}
