/**
 * Responsibility zones (权属养护范围). Zones of one type never overlap (QA rule
 * OWNERSHIP_OVERLAP), which fixes how the land is shared:
 * - 主管: each street office for its street (属地管理, the fallback of dispatch);
 * - 养护: the municipal maintenance centre for 主干路 and 次干路 (east–west
 *   corridors run through, north–south ones stop at them), the garden and
 *   sanitation centre for parks, riverside strips and corner gardens, and each
 *   street's sanitation station for the rest between the main roads (lanes,
 *   estates' surroundings) with the green areas cut out;
 * - 权属: estates, campuses, hospitals and factories that own their blocks.
 */
import type { Position } from '../../src/core/api/geo_types.js';
import { rectangleRing, roundMetres } from './planar_geometry.js';
import type { CommunityPlan, StreetPlan } from './assign_division_codes.js';
import type { Department, DepartmentBook } from './departments.js';
import type { BlockPlan } from './plan_blocks.js';
import type { BlockOwner } from './plan_block_owners.js';
import type { GreenPlan } from './plan_green_space.js';
import type { RoadPlan } from './name_roads.js';
import type { RoadLattice } from './road_lattice.js';
import { subtractRectangles, type Rectangle } from './subtract_rectangles.js';

export type ZoneType = '权属' | '养护' | '主管';

export interface OwnershipZone {
  type: ZoneType;
  department: Department;
  rings: Position[][];
  note: string;
}

export interface OwnershipContext {
  lattice: RoadLattice;
  roads: readonly RoadPlan[];
  blocks: BlockPlan;
  green: GreenPlan;
  owners: Map<number, BlockOwner>;
  streets: readonly StreetPlan[];
  communities: readonly CommunityPlan[];
  communityOfCell: Int32Array;
  book: DepartmentBook;
}

function roadCorridors(context: OwnershipContext, municipal: Department): OwnershipZone[] {
  const { lattice } = context;
  const zones: OwnershipZone[] = [];
  const [west, south, east, north] = [lattice.xs[0], lattice.ys[0], lattice.xs[lattice.columnCount], lattice.ys[lattice.rowCount]];
  const halfWidthAt = (line: number): number => (lattice.eastWest[line].roadClass === '支路' ? 0 : lattice.eastWest[line].width / 2);
  for (const road of context.roads) {
    if (road.roadClass === '支路') continue;
    const half = road.width / 2;
    if (road.orientation === 'east-west') {
      const y = lattice.eastWest[road.line].position;
      const ring = rectangleRing(lattice.xs[road.from], Math.max(south, y - half), lattice.xs[road.to], Math.min(north, y + half));
      zones.push({ type: '养护', department: municipal, rings: [ring], note: road.name });
      continue;
    }
    // North–south corridors are cut where they meet an east–west main-road corridor.
    const x = lattice.northSouth[road.line].position;
    let pieceStart = road.from;
    for (let node = road.from + 1; node <= road.to; node++) {
      if (node < road.to && halfWidthAt(node) === 0) continue;
      const from = lattice.ys[pieceStart] + halfWidthAt(pieceStart);
      const to = lattice.ys[node] - halfWidthAt(node);
      if (to > from) {
        const ring = rectangleRing(Math.max(west, x - half), from, Math.min(east, x + half), to);
        zones.push({ type: '养护', department: municipal, rings: [ring], note: road.name });
      }
      pieceStart = node;
    }
  }
  return zones;
}

/** The sanitation station's share of each area between main roads: everything but the green. */
function sanitationAreas(context: OwnershipContext): OwnershipZone[] {
  const { lattice, blocks, green } = context;
  const majorColumns = lattice.northSouth.flatMap((line, index) => (line.roadClass === '支路' ? [] : [index]));
  const majorRows = lattice.eastWest.flatMap((line, index) => (line.roadClass === '支路' ? [] : [index]));
  const zones: OwnershipZone[] = [];
  for (let rowIndex = 0; rowIndex + 1 < majorRows.length; rowIndex++) {
    for (let columnIndex = 0; columnIndex + 1 < majorColumns.length; columnIndex++) {
      const [column0, column1] = [majorColumns[columnIndex], majorColumns[columnIndex + 1]];
      const [row0, row1] = [majorRows[rowIndex], majorRows[rowIndex + 1]];
      const outer: Rectangle = {
        // Rounded like the block footprints, so that a park flush with the edge leaves no sliver.
        west: roundMetres(lattice.xs[column0] + lattice.northSouth[column0].width / 2),
        east: roundMetres(lattice.xs[column1] - lattice.northSouth[column1].width / 2),
        south: roundMetres(lattice.ys[row0] + lattice.eastWest[row0].width / 2),
        north: roundMetres(lattice.ys[row1] - lattice.eastWest[row1].width / 2),
      };
      const removed: Rectangle[] = [];
      const seen = new Set<number>();
      for (let row = row0; row < row1; row++) {
        for (let column = column0; column < column1; column++) {
          const blockIndex = blocks.blockOfCell[row * lattice.columnCount + column];
          if (seen.has(blockIndex)) continue;
          seen.add(blockIndex);
          const block = blocks.blocks[blockIndex];
          if (block.kind === '绿地' || block.kind === '水域') removed.push(block);
          const garden = green.gardenOfBlock.get(blockIndex);
          if (garden) removed.push(garden);
        }
      }
      const street = context.streets[context.communities[context.communityOfCell[row0 * lattice.columnCount + column0]].street];
      const station = context.book.get(`${context.book.county}园林环卫保障中心${street.name}环卫所`, 'institution');
      for (const rings of subtractRectangles(outer, removed)) {
        zones.push({ type: '养护', department: station, rings, note: `${street.name}背街小巷及公共区域保洁` });
      }
    }
  }
  return zones;
}

export function planOwnershipZones(context: OwnershipContext): OwnershipZone[] {
  const { lattice, book } = context;
  const zones: OwnershipZone[] = [];
  for (const street of context.streets) {
    const { column0, column1, row0, row1 } = street.rectangle;
    zones.push({
      type: '主管',
      department: book.streetGovernment(street.name),
      rings: [rectangleRing(lattice.xs[column0], lattice.ys[row0], lattice.xs[column1 + 1], lattice.ys[row1 + 1])],
      note: '属地管理',
    });
  }
  zones.push(...roadCorridors(context, book.countyUnit('市政设施养护中心')));
  const gardenCentre = book.countyUnit('园林环卫保障中心');
  for (const area of context.green.areas) zones.push({ type: '养护', department: gardenCentre, rings: [area.ring], note: area.name });
  zones.push(...sanitationAreas(context));
  for (const [blockIndex, owner] of context.owners) {
    const block = context.blocks.blocks[blockIndex];
    zones.push({ type: '权属', department: owner.department, rings: [rectangleRing(block.west, block.south, block.east, block.north)], note: owner.place });
  }
  return zones;
}
