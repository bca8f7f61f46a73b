/**
 * Features of the structural layers (divisions, grids, roads, base map,
 * ownership) from the city plan, with exactly the fields of
 * schemas/workspace-layers.json. These layers are small enough to build
 * feature by feature from arrays already in the plan.
 */
import type { FeatureRecord, Position } from '../../src/core/api/geo_types.js';
import { coverageRing } from './coverage_rings.js';
import type { CityPlan } from './plan_city.js';
import type { ZoneType } from './plan_ownership_zones.js';
import { polygonArea, rectangleRing, roundMetres, roundedPosition } from './planar_geometry.js';
import { riverRing } from './plan_rivers.js';
import type { CellRectangle } from './guillotine_partition.js';
import { gridBounds } from './split_unit_grids.js';

function polygon(rings: Position[][], properties: FeatureRecord['properties']): FeatureRecord {
  return { geometry: { type: 'Polygon', coordinates: rings }, properties };
}

function rectangleOfCells(plan: CityPlan, rectangle: CellRectangle): Position[] {
  const { xs, ys } = plan.lattice;
  return coverageRing(plan.lattice, plan.grids, xs[rectangle.column0], ys[rectangle.row0], xs[rectangle.column1 + 1], ys[rectangle.row1 + 1]);
}

export function* streetFeatures(plan: CityPlan): Generator<FeatureRecord> {
  for (const street of plan.streets) yield polygon([rectangleOfCells(plan, street.rectangle)], { code: street.code, name: street.name });
}

export function* communityFeatures(plan: CityPlan): Generator<FeatureRecord> {
  for (const community of plan.communities) {
    yield polygon([rectangleOfCells(plan, community.rectangle)], {
      code: community.code, name: community.name, street: plan.streets[community.street].code,
    });
  }
}

/** Grids in code order: by community, then by sequence. */
export function* gridFeatures(plan: CityPlan): Generator<FeatureRecord> {
  const { grids, numbering, lattice } = plan;
  const order = Array.from({ length: grids.gridCount }, (_, grid) => grid);
  order.sort((a, b) => (numbering.codeOfGrid[a] < numbering.codeOfGrid[b] ? -1 : numbering.codeOfGrid[a] > numbering.codeOfGrid[b] ? 1 : 0));
  for (const grid of order) {
    const [west, south, east, north] = gridBounds(grids, grid);
    const ring = coverageRing(lattice, grids, west, south, east, north);
    const community = plan.communities[numbering.communityOfGrid[grid]];
    yield polygon([ring], {
      BGCODE: numbering.codeOfGrid[grid],
      BGNAME: `${community.shortName}第${String(numbering.sequenceOfGrid[grid]).padStart(2, '0')}网格`,
      AREA: Math.round(polygonArea([ring]) * 100) / 100,
      SQCODE: community.code,
      JDCODE: plan.streets[community.street].code,
      ORDATE: plan.options.surveyDate,
      ENDDATE: '',
      NOTE: '',
    });
  }
}

export function* roadFeatures(plan: CityPlan): Generator<FeatureRecord> {
  const { lattice } = plan;
  for (const road of plan.roads) {
    const coordinates: Position[] = [];
    for (let node = road.from; node <= road.to; node++) {
      coordinates.push(road.orientation === 'north-south'
        ? roundedPosition(lattice.northSouth[road.line].position, lattice.ys[node])
        : roundedPosition(lattice.xs[node], lattice.eastWest[road.line].position));
    }
    yield {
      geometry: { type: 'LineString', coordinates },
      properties: { ROADCODE: road.code, ROADNAME: road.name, ROADCLASS: road.roadClass, WIDTH: road.width },
    };
  }
}

export function* blockFeatures(plan: CityPlan): Generator<FeatureRecord> {
  for (const block of plan.blocks.blocks) {
    yield polygon([rectangleRing(block.west, block.south, block.east, block.north)], { KIND: block.kind });
  }
}

export function* waterFeatures(plan: CityPlan): Generator<FeatureRecord> {
  for (const river of plan.rivers) yield polygon([riverRing(river)], { NAME: river.name });
  for (const pond of plan.green.ponds) yield polygon([pond.ring], { NAME: pond.name });
}

export function* greenFeatures(plan: CityPlan): Generator<FeatureRecord> {
  for (const area of plan.green.areas) yield polygon([area.ring], { NAME: area.name, KIND: area.kind });
}

const ZONE_LETTERS: Record<ZoneType, string> = { '主管': 'ZG', '养护': 'YH', '权属': 'QS' };

export function* ownershipFeatures(plan: CityPlan): Generator<FeatureRecord> {
  const sequence: Record<ZoneType, number> = { '主管': 0, '养护': 0, '权属': 0 };
  for (const zone of plan.zones) {
    sequence[zone.type] += 1;
    yield polygon(zone.rings, {
      ZONECODE: `${plan.options.divisions.county.code}${ZONE_LETTERS[zone.type]}${String(sequence[zone.type]).padStart(6, '0')}`,
      ZONETYPE: zone.type,
      DEPTCODE: zone.department.code,
      DEPTNAME: zone.department.name,
      NOTE: zone.note,
    });
  }
}

/** Rounded to the millimetre like every coordinate. */
export function managedExtent(plan: CityPlan): [number, number, number, number] {
  const { xs, ys, columnCount, rowCount } = plan.lattice;
  return [roundMetres(xs[0]), roundMetres(ys[0]), roundMetres(xs[columnCount]), roundMetres(ys[rowCount])];
}
