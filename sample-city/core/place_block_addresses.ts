/**
 * Addresses inside blocks, by land use: building plates (楼牌 n号楼, and in a
 * full address book the entrance plates n号楼m单元) in rows of slab blocks
 * in estates; the houses of a 城中村 numbered along its lanes (门牌); office
 * towers with the firms in them (兴趣点); teaching, ward and factory
 * buildings; and the estate's, school's or market's own entry (兴趣点).
 * Buildings keep 10 m from the block edge and stay off corner gardens.
 */
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';
import { FIRM_TRADES, PLACE_STEMS } from './name_pools.js';
import type { AddressContext, AddressSink } from './place_addresses.js';
import type { Block } from './plan_blocks.js';
import type { CityPlaces } from './plan_city_places.js';
import type { GreenArea } from './plan_green_space.js';
import type { RoadPlan } from './name_roads.js';

export interface BlockAddressContext {
  places: CityPlaces;
  roads: readonly RoadPlan[];
  gardenOfBlock: ReadonlyMap<number, GreenArea>;
  problemBlocks: ReadonlySet<number>;
  markets: ReadonlySet<number>;
  worksites: ReadonlySet<number>;
}

const PURPOSE = hashText('block-addresses');
const SETBACK = 10;
const ESTATE_FACILITIES = ['物业服务中心', '便利店', '快递驿站', '幼儿园', '社区卫生室'];

interface Rectangle { west: number; south: number; east: number; north: number }

/** The road an estate's gate opens on: a side road rather than a 主干路 where there is one. */
function gateRoad(block: Block, context: AddressContext, extra: BlockAddressContext): string {
  const { lattice } = context;
  const middleRow = Math.floor((block.row0 + block.row1) / 2);
  const middleColumn = Math.floor((block.column0 + block.column1) / 2);
  const sides = [
    extra.places.roadOfEastWestSegment[block.row0 * lattice.columnCount + middleColumn],
    extra.places.roadOfNorthSouthSegment[(block.column1 + 1) * lattice.rowCount + middleRow],
    extra.places.roadOfNorthSouthSegment[block.column0 * lattice.rowCount + middleRow],
    extra.places.roadOfEastWestSegment[(block.row1 + 1) * lattice.columnCount + middleColumn],
  ].filter((road) => road >= 0).map((road) => extra.roads[road]);
  return (sides.find((road) => road.roadClass !== '主干路') ?? sides[0])?.name ?? '';
}

/** Building footprints in rows from the north, each row from the west. */
function layBuildings(area: Rectangle, length: number, depth: number, rowPitch: number, gap: number): Rectangle[] {
  const buildings: Rectangle[] = [];
  const width = area.east - area.west;
  const fitted = Math.min(length, width);
  if (fitted < 15) return buildings;
  for (let top = area.north; top - depth >= area.south; top -= rowPitch) {
    for (let west = area.west; west + fitted <= area.east; west += fitted + gap) {
      buildings.push({ west, south: top - depth, east: west + fitted, north: top });
    }
  }
  return buildings;
}

function inside(rectangle: Rectangle | undefined, x: number, y: number): boolean {
  return rectangle !== undefined && x >= rectangle.west && x <= rectangle.east && y >= rectangle.south && y <= rectangle.north;
}

export function placeBlockAddresses(block: Block, context: AddressContext, extra: BlockAddressContext, sink: AddressSink): void {
  if (block.kind === '绿地' || block.kind === '水域') return;
  const next = mulberry32(mixSeed(context.seed, PURPOSE, block.index));
  const place = context.nameOfBlock[block.index];
  const road = gateRoad(block, context, extra);
  const area: Rectangle = { west: block.west + SETBACK, south: block.south + SETBACK, east: block.east - SETBACK, north: block.north - SETBACK };
  if (area.east - area.west < 20 || area.north - area.south < 20) return;
  const garden = extra.gardenOfBlock.get(block.index);
  // The place's own entry stands by its gate, on the south side.
  const entryX = area.west + (area.east - area.west) * (0.3 + 0.4 * next());
  sink.add(entryX, area.south - 4, () => ({ name: place, road, door: '', type: '兴趣点' }));
  if (extra.worksites.has(block.index)) return;
  if (extra.problemBlocks.has(block.index)) {
    placeVillageHouses(area, place, sink, next);
    return;
  }
  const { density } = context;
  if (block.kind === '居住') {
    const buildings = layBuildings(area, 40 + next() * 20, 12, 28 + next() * 6, 10 + next() * 4);
    buildings.forEach((building, index) => {
      const number = `${index + 1}号楼`;
      if (inside(garden, building.west, building.south)) return;
      sink.add(building.west - 0.5, (building.south + building.north) / 2, () => ({ name: `${place}${number}`, road, door: number, type: '楼牌' }));
      if (!density.entrancePlates) return;
      // A stair entrance (单元) serves two flats a floor, about 13 m of slab.
      const units = Math.max(1, Math.round((building.east - building.west) / 13));
      for (let unit = 1; unit <= units; unit++) {
        const x = building.west + (unit - 0.5) * (building.east - building.west) / units;
        sink.add(x, building.south - 1, () => ({ name: `${place}${number}${unit}单元`, road, door: `${number}${unit}单元`, type: '楼牌' }));
      }
    });
    ESTATE_FACILITIES.forEach((facility, index) => {
      if (next() > (index < 3 ? 0.9 : 0.3)) return;
      sink.add(area.west + 6 + index * 9, area.south + 3, () => ({ name: `${place}${facility}`, road, door: '', type: '兴趣点' }));
    });
    return;
  }
  if (block.kind === '商业') {
    const towers = extra.markets.has(block.index) ? [] : layBuildings(area, 30, 30, 55, 25);
    const [fewest, most] = density.tenantsPerTower;
    towers.forEach((tower, index) => {
      const number = `${index + 1}号楼`;
      if (inside(garden, tower.west, tower.south)) return;
      sink.add(tower.west - 0.5, tower.south - 0.5, () => ({ name: `${place}${number}`, road, door: number, type: '楼牌' }));
      const tenants = fewest + Math.floor(next() * (most - fewest + 1));
      for (let tenant = 0; tenant < tenants; tenant++) {
        const firm = `${PLACE_STEMS[Math.floor(next() * PLACE_STEMS.length)]}${FIRM_TRADES[Math.floor(next() * FIRM_TRADES.length)]}有限公司`;
        const x = tower.west + 2 + next() * (tower.east - tower.west - 4);
        const y = tower.south + 2 + next() * (tower.north - tower.south - 4);
        sink.add(x, y, () => ({ name: `${place}${number}${firm}`, road, door: number, type: '兴趣点' }));
      }
    });
    return;
  }
  // Campuses, works and warehouses: a few large buildings, numbered.
  const word = block.kind === '公共服务' ? '号楼' : block.kind === '工业' ? '号厂房' : '号仓库';
  const buildings = block.kind === '公共服务' ? layBuildings(area, 50, 18, 45, 20) : layBuildings(area, 60, 30, 50, 20);
  buildings.forEach((building, index) => {
    const number = `${index + 1}${word}`;
    if (inside(garden, building.west, building.south)) return;
    sink.add(building.west - 0.5, building.south - 0.5, () => ({ name: `${place}${number}`, road, door: number, type: '楼牌' }));
  });
}

/** Houses of a 城中村 on a lattice of lanes (一巷, 二巷 … from the north), numbered along each lane from the west. */
function placeVillageHouses(area: Rectangle, place: string, sink: AddressSink, next: () => number): void {
  let lane = 0;
  for (let y = area.north - 6; y > area.south + 4; y -= 14) {
    lane += 1;
    const laneName = `${place}${lane}巷`;
    let number = 0;
    for (let x = area.west + 4 + next() * 3; x < area.east - 4; x += 10 + next() * 3) {
      number += 1;
      const door = `${number}号`;
      sink.add(x, y, () => ({ name: `${laneName}${door}`, road: laneName, door, type: '门牌' }));
    }
  }
}
