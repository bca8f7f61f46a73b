/**
 * Door plates (门牌) along each named road: odd numbers on one side, even on
 * the other, rising along the road — east–west roads from the west with odd
 * numbers on the north side, north–south roads from the north with odd
 * numbers on the west side. Plates stand on the building line, 4–8 m behind
 * the red line, and not on parks or the river. How close together they stand
 * depends on what is behind them (every shopfront has its own number; an
 * estate wall has few), and a shopfront's plate may also list its shop (兴趣点,
 * 3 m further in).
 */
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';
import type { CommunityPlan, StreetPlan } from './assign_division_codes.js';
import { PLACE_STEMS, SHOP_TRADES } from './name_pools.js';
import type { BlockPlan, LandUse } from './plan_blocks.js';
import type { GridNumbering } from './number_unit_grids.js';
import type { RoadPlan } from './name_roads.js';
import { roadSegment, segmentPoint, type RoadSegment } from './road_segments.js';
import { cellIndex, columnAt, rowAt, type RoadLattice } from './road_lattice.js';
import type { AddressDensity } from './scale_parameters.js';
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
  density: AddressDensity;
  /** Names of blocks (estates, towers, schools …), from plan_city_places.ts. */
  nameOfBlock: readonly string[];
  seed: number;
}

/** Collects the address features of one road or block; with `build` false it only counts. */
export class AddressSink {
  readonly features: FeatureRecord[] = [];
  count = 0;

  constructor(private readonly context: AddressContext, private readonly sequenceOfCommunity: Int32Array, private readonly build: boolean) {}

  /**
   * Settles the point inside a grid (null: outside the area or in water, nothing added) and
   * gives it the next code of its community; `describe` fills the other fields when building.
   */
  add(x: number, y: number, describe: () => { name: string; road: string; door: string; type: '门牌' | '楼牌' | '兴趣点' }): boolean {
    const { context } = this;
    if (context.inWater(x, y, 2)) return false;
    const settled = settleInsideGrid(context.lattice, context.grids, x, y);
    if (!settled) return false;
    const grid = gridAt(context.lattice, context.grids, settled[0], settled[1]);
    const communityIndex = context.numbering.communityOfGrid[grid];
    this.sequenceOfCommunity[communityIndex] += 1;
    this.count += 1;
    if (!this.build) return true;
    const community = context.communities[communityIndex];
    const { name, road, door, type } = describe();
    this.features.push({
      geometry: { type: 'Point', coordinates: settled },
      properties: {
        ADDRCODE: `${community.code}${String(this.sequenceOfCommunity[communityIndex]).padStart(6, '0')}`,
        ADDRNAME: `${context.addressPrefix}${name}`,
        ROADNAME: road,
        DOORNUM: door,
        ADDRTYPE: type,
        SQCODE: community.code,
        JDCODE: context.streets[community.street].code,
      },
    });
    return true;
  }
}

const PURPOSE = hashText('addresses');

/** The land use of the block on one side of a segment, or null beyond the managed area. */
function kindBeside(context: AddressContext, segment: RoadSegment, sign: number): LandUse | null {
  const { lattice } = context;
  const northSouth = segment.orientation === 'north-south';
  const across = sign < 0 ? segment.line - 1 : segment.line;
  const column = northSouth ? across : segment.index;
  const row = northSouth ? segment.index : across;
  if (column < 0 || row < 0 || column >= lattice.columnCount || row >= lattice.rowCount) return null;
  return context.blocks.blocks[context.blocks.blockOfCell[cellIndex(lattice, column, row)]].kind;
}

function spacingFor(kind: LandUse | null, density: AddressDensity): [number, number] {
  if (kind === '商业') return density.plateSpacing.shops;
  if (kind === '居住') return density.plateSpacing.homes;
  if (kind === '公共服务') return density.plateSpacing.campus;
  return density.plateSpacing.works;
}

/**
 * Places the plates (and shops) of one road. The sink carries each
 * community's running address sequence across roads.
 */
export function placeAddresses(road: RoadPlan, context: AddressContext, sink: AddressSink): void {
  const { lattice, density } = context;
  const next = mulberry32(mixSeed(context.seed, PURPOSE, hashText(road.code)));
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
      const beside = kindBeside(context, segment, sign);
      const [least, most] = spacingFor(beside, density);
      const positions: number[] = [];
      for (let along = segment.start + startMargin + next() * least; along <= segment.end - endMargin; along += least + next() * (most - least)) positions.push(along);
      if (northSouth) positions.reverse();
      for (const along of positions) {
        const setback = segment.road.width / 2 + 4 + next() * 4;
        const shopDraw = next();
        const shopName = `${PLACE_STEMS[Math.floor(next() * PLACE_STEMS.length)]}${SHOP_TRADES[Math.floor(next() * SHOP_TRADES.length)]}`;
        const [rawX, rawY] = segmentPoint(segment, along, sign * setback);
        const column = columnAt(lattice, rawX);
        const row = rowAt(lattice, rawY);
        if (column < 0 || row < 0) continue;
        const block = context.blocks.blocks[context.blocks.blockOfCell[cellIndex(lattice, column, row)]];
        if (block.kind === '绿地' || block.kind === '水域') continue;
        const door = nextNumber[parity];
        const placed = sink.add(rawX, rawY, () => ({ name: `${road.name}${door}号`, road: road.name, door: `${door}号`, type: '门牌' }));
        if (!placed) continue;
        nextNumber[parity] += 2;
        if (block.kind !== '商业' || shopDraw >= density.shopShare) continue;
        const [shopX, shopY] = segmentPoint(segment, along, sign * (setback + 3));
        sink.add(shopX, shopY, () => ({ name: `${road.name}${door}号${shopName}`, road: road.name, door: `${door}号`, type: '兴趣点' }));
      }
    }
  }
}
