/**
 * Components inside blocks, by land use: transformers, septic tanks, refuse
 * rooms and notice boards in estates; signboards along shop fronts; toilets,
 * benches, lamps and sculptures in parks; lamps, benches and river furniture
 * along the riverside strips. Things an estate keeps name the estate's
 * property company as owner.
 */
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';
import type { ComponentEmitter } from './component_emitter.js';
import type { Block, LandUse } from './plan_blocks.js';
import type { BlockOwner } from './plan_block_owners.js';
import type { GreenArea, GreenPlan } from './plan_green_space.js';
import type { RoadLattice } from './road_lattice.js';
import { waterEdgesAt, type RiverPlan } from './plan_rivers.js';

/** `per`: one item per so many m² (at least `least`); `chance`: one item with this probability. */
interface BlockRule {
  name: string;
  per?: number;
  least?: number;
  chance?: number;
}

const INTERIOR_RULES: Record<Exclude<LandUse, '水域'>, readonly BlockRule[]> = {
  '居住': [
    { name: '变压器(箱)', per: 15000 }, { name: '化粪池', per: 12000 }, { name: '垃圾间(楼)', per: 15000 },
    { name: '宣传栏', least: 1 }, { name: '燃气调压站(箱)', chance: 0.5 }, { name: '通讯交接箱', per: 15000 },
    { name: '人防工事', chance: 0.25 }, { name: '公房地下室', chance: 0.12 }, { name: '停车场', chance: 0.3 },
    { name: '消防设施', per: 20000 }, { name: '监控电子眼', per: 30000 }, { name: '街头坐椅', per: 25000 },
    { name: '污水井盖', per: 6000 }, { name: '雨水井盖', per: 6000 }, { name: '民用水井', chance: 0.03 },
    { name: '垃圾箱', per: 20000 },
  ],
  '商业': [
    { name: '自动售货机', chance: 0.4 }, { name: '售货亭', chance: 0.3 }, { name: '停车场', chance: 0.6 },
    { name: '变压器(箱)', per: 10000 }, { name: '消防设施', per: 8000 }, { name: '监控电子眼', per: 10000 },
    { name: '垃圾箱', per: 5000 }, { name: '化粪池', per: 8000 }, { name: '公共厕所', chance: 0.15 },
  ],
  '公共服务': [
    { name: '宣传栏', least: 1, per: 10000 }, { name: '停车场', chance: 0.6 }, { name: '治安岗亭', chance: 0.3 },
    { name: '消防设施', per: 8000 }, { name: '变压器(箱)', per: 12000 }, { name: '监控电子眼', per: 10000 },
    { name: '化粪池', per: 8000 }, { name: '垃圾箱', per: 6000 }, { name: '街头坐椅', per: 5000 },
    { name: '公共厕所', chance: 0.2 }, { name: '环保监测站', chance: 0.02 }, { name: '气象监测站', chance: 0.01 },
  ],
  '工业': [
    { name: '变压器(箱)', per: 6000 }, { name: '高压线铁塔', chance: 0.3 }, { name: '燃气调压站(箱)', chance: 0.6 },
    { name: '消防设施', per: 5000 }, { name: '重大危险源', chance: 0.08 }, { name: '监控电子眼', per: 8000 },
    { name: '化粪池', per: 10000 }, { name: '工地', chance: 0.05 }, { name: '环保监测站', chance: 0.05 },
    { name: '污水井盖', per: 8000 },
  ],
  '物流仓储': [
    { name: '变压器(箱)', per: 10000 }, { name: '消防设施', per: 5000 }, { name: '监控电子眼', per: 6000 },
    { name: '停车场', chance: 0.8 }, { name: '燃气调压站(箱)', chance: 0.2 },
  ],
  '绿地': [
    { name: '公共厕所', least: 1 }, { name: '公厕指示牌', least: 2 }, { name: '雕塑', least: 1, per: 15000 },
    { name: '街头坐椅', per: 2500 }, { name: '景观灯', per: 1000 }, { name: '地灯', per: 1500 }, { name: '喷泉', chance: 0.3 },
    { name: '垃圾箱', per: 4000 }, { name: '花架花钵', per: 3000 }, { name: '绿地维护设施', per: 4000 },
    { name: '古树名木', chance: 0.4 }, { name: '宣传栏', least: 1 }, { name: '监控电子眼', per: 8000 },
    { name: '气象监测站', chance: 0.02 },
  ],
};

const GARDEN_RULES: readonly BlockRule[] = [
  { name: '街头坐椅', least: 2 }, { name: '垃圾箱', least: 1 }, { name: '花架花钵', least: 1 }, { name: '景观灯', least: 2 },
];

/** What an estate, campus or factory keeps itself. */
const KEPT_BY_OWNER = new Set(['化粪池', '垃圾间(楼)', '宣传栏', '监控电子眼', '垃圾箱', '街头坐椅', '停车场', '重大危险源', '工地']);

const PURPOSE = hashText('block-components');

/** Same-class items inside one block stay at least this far apart. */
const SPREAD = 2;

/** Positions already used in the block, per class. */
type Placed = Map<string, [number, number][]>;

function placeInRectangle(
  rules: readonly BlockRule[], west: number, south: number, east: number, north: number,
  next: () => number, emitter: ComponentEmitter, owner: BlockOwner | undefined, placedOfClass: Placed,
): void {
  const width = east - west;
  const height = north - south;
  if (width <= 0 || height <= 0) return;
  const area = width * height;
  for (const rule of rules) {
    let count = rule.least ?? 0;
    if (rule.per !== undefined) count = Math.max(count, Math.floor(area / rule.per + next()));
    if (rule.chance !== undefined && next() < rule.chance) count += 1;
    let placed = placedOfClass.get(rule.name);
    if (!placed) placedOfClass.set(rule.name, (placed = []));
    for (let item = 0; item < count; item++) {
      for (let attempt = 0; attempt < 8; attempt++) {
        const x = west + next() * width;
        const y = south + next() * height;
        if (placed.some(([placedX, placedY]) => Math.abs(placedX - x) < SPREAD && Math.abs(placedY - y) < SPREAD)) continue;
        placed.push([x, y]);
        emitter.emit(rule.name, x, y, owner && KEPT_BY_OWNER.has(rule.name) ? { owner: owner.department } : {});
        break;
      }
    }
  }
}

/** Signboards and light boxes along a shop front, facing each road that is not a lane. */
function placeFrontage(block: Block, lattice: RoadLattice, next: () => number, emitter: ComponentEmitter): void {
  const sides = [
    { road: lattice.northSouth[block.column0], horizontal: false, fixed: block.west, inward: 1 },
    { road: lattice.northSouth[block.column1 + 1], horizontal: false, fixed: block.east, inward: -1 },
    { road: lattice.eastWest[block.row0], horizontal: true, fixed: block.south, inward: 1 },
    { road: lattice.eastWest[block.row1 + 1], horizontal: true, fixed: block.north, inward: -1 },
  ];
  for (const side of sides) {
    if (side.road.roadClass === '支路') continue;
    const [from, to] = side.horizontal ? [block.west, block.east] : [block.south, block.north];
    for (const [name, inset, spacing] of [['广告牌匾', 2, 45], ['灯箱霓虹灯', 3, 80]] as const) {
      for (let along = from + 6 + next() * spacing * 0.5; along < to - 6; along += spacing) {
        const across = side.fixed + side.inward * inset;
        emitter.emit(name, side.horizontal ? along : across, side.horizontal ? across : along);
      }
    }
  }
}

/** Lamps, benches and bins along the riverside path; steps and outfall monitors at the water's edge. */
function placeRiverside(strip: GreenArea, block: Block, river: RiverPlan, next: () => number, emitter: ComponentEmitter): void {
  // The southern strip starts at the block's southern edge; the northern one at the water.
  const northStrip = strip.south > block.south;
  const items: [string, number, number][] = [['景观灯', 30, 0.5], ['街头坐椅', 50, 0.55], ['垃圾箱', 100, 0.45], ['水域附属设施', 150, 0]];
  for (const [name, spacing, share] of items) {
    for (let x = strip.west + 10 + next() * spacing * 0.5; x < strip.east - 10; x += spacing) {
      const [waterSouth, waterNorth] = waterEdgesAt(river, x);
      const [bankSide, landSide] = northStrip ? [waterNorth, strip.north] : [waterSouth, strip.south];
      // share 0 is the water's edge (1.5 m onto the bank); other items stand along the path.
      const y = share === 0 ? bankSide + (northStrip ? 1.5 : -1.5) : bankSide + (landSide - bankSide) * share;
      emitter.emit(name, x, y, { overWater: share === 0 });
    }
  }
  if (next() < 0.15) {
    const x = strip.west + (strip.east - strip.west) * next();
    const edge = waterEdgesAt(river, x)[northStrip ? 1 : 0];
    emitter.emit('污水口监测站', x, edge + (northStrip ? 2.5 : -2.5), { overWater: true });
  }
  if (next() < 0.03) {
    const x = strip.west + (strip.east - strip.west) * next();
    const edge = waterEdgesAt(river, x)[northStrip ? 1 : 0];
    emitter.emit('港监设施', x, edge + (northStrip ? 3.5 : -3.5), { overWater: true });
  }
}

export function placeBlockComponents(
  block: Block, lattice: RoadLattice, green: GreenPlan, rivers: readonly RiverPlan[], owner: BlockOwner | undefined,
  emitter: ComponentEmitter, seed: number,
): void {
  const next = mulberry32(mixSeed(seed, PURPOSE, block.index));
  if (block.kind === '水域') {
    const river = rivers.find((candidate) => candidate.row === block.row0);
    if (!river) return;
    for (const strip of green.areas) {
      if (strip.block === block.index && strip.kind === '防护绿地') placeRiverside(strip, block, river, next, emitter);
    }
    return;
  }
  // Keep furniture 4 m inside the footprint, clear of the pavement and its trees.
  const placed: Placed = new Map();
  placeInRectangle(INTERIOR_RULES[block.kind], block.west + 4, block.south + 4, block.east - 4, block.north - 4, next, emitter, owner, placed);
  if (block.kind === '商业') placeFrontage(block, lattice, next, emitter);
  const garden = green.gardenOfBlock.get(block.index);
  if (garden) placeInRectangle(GARDEN_RULES, garden.west + 1, garden.south + 1, garden.east - 1, garden.north - 1, next, emitter, undefined, placed);
}
