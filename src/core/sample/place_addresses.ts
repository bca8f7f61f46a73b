/**
 * Door plates (门牌) along each named road: odd numbers on one side, even on
 * the other, rising along the road — east–west roads from the west with odd
 * numbers on the north side, north–south roads from the north with odd
 * numbers on the west side. Plates stand on the building line, 4–8 m behind
 * the red line, and not on parks or the river.
 */
import type { FeatureRecord } from '../api/geo_types.js';
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';
import type { CommunityPlan, StreetPlan } from './assign_division_codes.js';
import type { BlockPlan } from './plan_blocks.js';
import type { GridNumbering } from './number_unit_grids.js';
import type { RoadPlan } from './name_roads.js';
import { roadSegment, segmentPoint } from './road_segments.js';
import { cellIndex, columnAt, rowAt, type RoadLattice } from './road_lattice.js';
import { gridAt, settleInsideGrid, type UnitGridLayout } from './split_unit_grids.js';

export interface AddressContext {
  lattice: RoadLattice;
  grids: UnitGridLayout;
  numbering: GridNumbering;
  blocks: BlockPlan;
  streets: readonly StreetPlan[];
  communities: readonly CommunityPlan[];
  inWater(x: number, y: number, margin: number): boolean;
  /** 山东省临沂市兰山区 */
  addressPrefix: string;
  seed: number;
}

const PURPOSE = hashText('addresses');

/**
 * Places the plates of one road. `sequenceOfCommunity` carries each
 * community's running address sequence across roads; with `build` false the
 * plates are only counted.
 */
export function placeAddresses(road: RoadPlan, context: AddressContext, sequenceOfCommunity: Int32Array, build: boolean): { features: FeatureRecord[]; count: number } {
  const { lattice } = context;
  const next = mulberry32(mixSeed(context.seed, PURPOSE, hashText(road.code)));
  const features: FeatureRecord[] = [];
  let count = 0;
  const northSouth = road.orientation === 'north-south';
  // Odd numbers on the west (north–south roads) or north (east–west roads) side.
  const oddSign = northSouth ? -1 : 1;
  const nextNumber = { odd: 1, even: 2 };
  const order: number[] = [];
  for (let index = road.from; index < road.to; index++) order.push(index);
  if (northSouth) order.reverse();
  for (const index of order) {
    const segment = roadSegment(lattice, road.orientation, road.line, index);
    const startMargin = segment.startCrossing === null ? 10 : segment.startCrossing + 8;
    const endMargin = segment.endCrossing === null ? 10 : segment.endCrossing + 8;
    for (const parity of ['odd', 'even'] as const) {
      const sign = parity === 'odd' ? oddSign : -oddSign;
      const positions: number[] = [];
      for (let along = segment.start + startMargin + next() * 10; along <= segment.end - endMargin; along += 20 + next() * 10) positions.push(along);
      if (northSouth) positions.reverse();
      for (const along of positions) {
        const [rawX, rawY] = segmentPoint(segment, along, sign * (segment.road.width / 2 + 4 + next() * 4));
        if (context.inWater(rawX, rawY, 2)) continue;
        const settled = settleInsideGrid(lattice, context.grids, rawX, rawY);
        if (!settled) continue;
        const [x, y] = settled;
        const block = context.blocks.blocks[context.blocks.blockOfCell[cellIndex(lattice, columnAt(lattice, x), rowAt(lattice, y))]];
        if (block.kind === '绿地' || block.kind === '水域') continue;
        const door = nextNumber[parity];
        nextNumber[parity] += 2;
        count += 1;
        const grid = gridAt(lattice, context.grids, x, y);
        const communityIndex = context.numbering.communityOfGrid[grid];
        sequenceOfCommunity[communityIndex] += 1;
        if (!build) continue;
        const community = context.communities[communityIndex];
        features.push({
          geometry: { type: 'Point', coordinates: [x, y] },
          properties: {
            ADDRCODE: `${community.code}${String(sequenceOfCommunity[communityIndex]).padStart(6, '0')}`,
            ADDRNAME: `${context.addressPrefix}${road.name}${door}号`,
            ROADNAME: road.name,
            DOORNUM: `${door}号`,
            ADDRTYPE: '门牌',
            SQCODE: community.code,
            JDCODE: context.streets[community.street].code,
          },
        });
      }
    }
  }
  return { features, count };
}
