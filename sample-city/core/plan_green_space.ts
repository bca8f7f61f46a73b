/**
 * Green space: whole-block parks (公园绿地), riverside strips between the
 * embankment roads and the water (防护绿地), small corner gardens inside
 * ordinary blocks (街头绿地), and ponds in some larger parks.
 */
import type { Position } from '../../src/core/api/geo_types.js';
import { hashText, randomFor } from './seeded_random.js';
import { BRANCH_SERIES_PREFIXES, NameSequence, PARK_NAMES, PLACE_STEMS, POND_NAMES, UniqueNames } from './name_pools.js';
import { rectangleRing, roundMetres, roundedPosition } from './planar_geometry.js';
import { bankSamples, waterEdgesAt, type RiverPlan } from './plan_rivers.js';
import type { Block, BlockPlan } from './plan_blocks.js';

export type GreenKind = '公园绿地' | '防护绿地' | '街头绿地';

export interface GreenArea {
  name: string;
  kind: GreenKind;
  ring: Position[];
  block: number;
  /** Bounding box, for placing furniture and for ownership holes (exact for rectangles). */
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Pond {
  name: string;
  block: number;
  centreX: number;
  centreY: number;
  radiusX: number;
  radiusY: number;
  ring: Position[];
}

export interface GreenPlan {
  areas: GreenArea[];
  ponds: Pond[];
  /** Corner garden per block, if it has one. */
  gardenOfBlock: Map<number, GreenArea>;
  pondOfBlock: Map<number, Pond>;
  parkOfBlock: Map<number, GreenArea>;
}

function ellipseRing(centreX: number, centreY: number, radiusX: number, radiusY: number): Position[] {
  const ring: Position[] = [];
  for (let step = 0; step < 24; step++) {
    const angle = (2 * Math.PI * step) / 24;
    ring.push(roundedPosition(centreX + radiusX * Math.cos(angle), centreY + radiusY * Math.sin(angle)));
  }
  ring.push(ring[0]);
  return ring;
}

function riversideStrips(block: Block, river: RiverPlan): GreenArea[] {
  const samples = bankSamples(river, block.west, block.east);
  const southEdge = samples.map((x) => roundedPosition(x, waterEdgesAt(river, x)[0]));
  const northEdge = samples.map((x) => roundedPosition(x, waterEdgesAt(river, x)[1]));
  const name = `${river.name}滨河绿带`;
  const south: Position[] = [
    roundedPosition(block.west, block.south), roundedPosition(block.east, block.south),
    ...southEdge.slice().reverse(), roundedPosition(block.west, block.south),
  ];
  const north: Position[] = [
    ...northEdge, roundedPosition(block.east, block.north), roundedPosition(block.west, block.north), northEdge[0],
  ];
  const southTop = Math.max(...southEdge.map(([, y]) => y));
  const northBottom = Math.min(...northEdge.map(([, y]) => y));
  return [
    { name, kind: '防护绿地', ring: south, block: block.index, west: block.west, east: block.east, south: block.south, north: southTop },
    { name, kind: '防护绿地', ring: north, block: block.index, west: block.west, east: block.east, south: northBottom, north: block.north },
  ];
}

export function planGreenSpace(blockPlan: BlockPlan, rivers: readonly RiverPlan[], seed: number): GreenPlan {
  const random = randomFor(seed, hashText('green-space'));
  // Parks take the well-known names first, then local stems; corner gardens are the small
  // 游园 and 口袋公园 of the same stems. One register keeps every name unique.
  const stems = random.shuffled([...PLACE_STEMS, ...BRANCH_SERIES_PREFIXES]);
  const register = new UniqueNames();
  const parkNames = new NameSequence((function* (): Generator<string> {
    yield* random.shuffled(PARK_NAMES);
    for (const suffix of ['公园', '广场', '绿园', '休闲广场', '文化公园', '体育公园']) for (const stem of stems) yield `${stem}${suffix}`;
  })(), register);
  const gardenNames = new NameSequence((function* (): Generator<string> {
    for (const suffix of ['游园', '小游园', '口袋公园', '街心公园', '东游园', '西游园', '南游园', '北游园']) for (const stem of stems) yield `${stem}${suffix}`;
  })(), register);
  const pondNames = random.shuffled(POND_NAMES);
  const plan: GreenPlan = { areas: [], ponds: [], gardenOfBlock: new Map(), pondOfBlock: new Map(), parkOfBlock: new Map() };
  for (const block of blockPlan.blocks) {
    const width = block.east - block.west;
    const height = block.north - block.south;
    if (block.kind === '水域') {
      const river = rivers.find((candidate) => candidate.row === block.row0);
      if (river) plan.areas.push(...riversideStrips(block, river));
    } else if (block.kind === '绿地') {
      const park: GreenArea = {
        name: parkNames.next(), kind: '公园绿地', block: block.index,
        ring: rectangleRing(block.west, block.south, block.east, block.north),
        west: block.west, south: block.south, east: block.east, north: block.north,
      };
      plan.areas.push(park);
      plan.parkOfBlock.set(block.index, park);
      if (width >= 100 && height >= 90 && random.chance(0.5)) {
        const centreX = (block.west + block.east) / 2 + random.range(-0.08, 0.08) * width;
        const centreY = (block.south + block.north) / 2 + random.range(-0.08, 0.08) * height;
        const radiusX = width * random.range(0.16, 0.24);
        const radiusY = height * random.range(0.16, 0.24);
        const pond: Pond = {
          name: pondNames[plan.ponds.length % pondNames.length], block: block.index,
          centreX, centreY, radiusX, radiusY, ring: ellipseRing(centreX, centreY, radiusX, radiusY),
        };
        plan.ponds.push(pond);
        plan.pondOfBlock.set(block.index, pond);
      }
    } else if ((block.kind === '居住' || block.kind === '商业' || block.kind === '公共服务') && width >= 80 && height >= 80 && random.chance(0.1)) {
      // A corner garden 2 m inside the footprint, so that it never touches the road or the next zone.
      const gardenWidth = random.range(25, 40);
      const gardenHeight = random.range(20, 35);
      const eastSide = random.chance(0.5);
      const northSide = random.chance(0.5);
      const west = roundMetres(eastSide ? block.east - 2 - gardenWidth : block.west + 2);
      const south = roundMetres(northSide ? block.north - 2 - gardenHeight : block.south + 2);
      const east = roundMetres(west + gardenWidth);
      const north = roundMetres(south + gardenHeight);
      const garden: GreenArea = {
        name: gardenNames.next(), kind: '街头绿地', block: block.index,
        ring: rectangleRing(west, south, east, north), west, south, east, north,
      };
      plan.areas.push(garden);
      plan.gardenOfBlock.set(block.index, garden);
    }
  }
  return plan;
}
