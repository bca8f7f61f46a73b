/**
 * Builds the city's structure once — roads, blocks, rivers, green, grids,
 * divisions, owners, zones — everything except the point layers, which are
 * streamed from this plan on demand. The structure is small (tens of
 * thousands of cells and grids at full scale); the 950 000 components are not
 * kept.
 */
import { findLayout } from '../../src/core/codes/code_layout.js';
import { assignDivisionCodes, type CommunityPlan, type StreetPlan } from './assign_division_codes.js';
import { componentDepartments } from './component_departments.js';
import type { ComponentContext } from './component_emitter.js';
import { DepartmentBook, type Department } from './departments.js';
import { generateRoadNetwork } from './generate_road_network.js';
import { nameRoads, type RoadPlan } from './name_roads.js';
import { numberUnitGrids, type GridNumbering } from './number_unit_grids.js';
import type { AddressContext } from './place_addresses.js';
import type { BlockAddressContext } from './place_block_addresses.js';
import { partitionDivisions } from './partition_divisions.js';
import { planBlockOwners, businessPools, type BlockOwner } from './plan_block_owners.js';
import { planBlocks, type BlockPlan } from './plan_blocks.js';
import { planCityPlaces, type CityPlaces } from './plan_city_places.js';
import { planGreenSpace, type GreenPlan } from './plan_green_space.js';
import { planOwnershipZones, type OwnershipZone } from './plan_ownership_zones.js';
import { inRiver, planRivers, type RiverPlan } from './plan_rivers.js';
import { cellIndex, columnAt, rowAt, type RoadLattice } from './road_lattice.js';
import { scaleParameters, type ScaleParameters } from './scale_parameters.js';
import type { SampleOptions } from './sample_options.js';
import { splitUnitGrids, type UnitGridLayout } from './split_unit_grids.js';

export interface CityPlan {
  options: SampleOptions;
  parameters: ScaleParameters;
  lattice: RoadLattice;
  roads: RoadPlan[];
  blocks: BlockPlan;
  rivers: RiverPlan[];
  green: GreenPlan;
  grids: UnitGridLayout;
  communityOfCell: Int32Array;
  streets: StreetPlan[];
  communities: CommunityPlan[];
  numbering: GridNumbering;
  owners: Map<number, BlockOwner>;
  zones: OwnershipZone[];
  places: CityPlaces;
  book: DepartmentBook;
  componentContext: ComponentContext;
  addressContext: AddressContext;
  blockAddressContext: BlockAddressContext;
}

function checkSurveyDate(date: string): void {
  if (!/^\d{8}$/.test(date)) throw new Error(`surveyDate ${date} must be YYYYMMDD`);
  const month = Number(date.slice(4, 6));
  const day = Number(date.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new Error(`surveyDate ${date} is not a calendar date`);
}

export function planCity(options: SampleOptions): CityPlan {
  checkSurveyDate(options.surveyDate);
  if (options.divisions.streets.length === 0) throw new Error('divisions must list at least one street');
  const { seed, divisions } = options;
  const countyCode = divisions.county.code;
  const parameters = scaleParameters(options.scale);
  const lattice = generateRoadNetwork(parameters, options.origin, seed);
  const roads = nameRoads(lattice, parameters, parameters.rivers, countyCode, seed);
  const blocks = planBlocks(lattice, parameters.industrialClusters, seed);
  const rivers = planRivers(lattice, parameters.rivers, seed);
  const green = planGreenSpace(blocks, rivers, seed);
  const grids = splitUnitGrids(lattice, parameters.targetGridArea, seed);
  const shape = partitionDivisions(lattice, grids, parameters, divisions.streets.map((street) => street.communities.length));
  const { streets, communities } = assignDivisionCodes(divisions, shape, seed);
  const numbering = numberUnitGrids(lattice, grids, streets, communities, findLayout(options.layouts, 'grid-legacy-14'), countyCode);
  const book = new DepartmentBook(divisions);
  const owners = planBlockOwners(blocks.blocks, book, seed);
  const zones = planOwnershipZones({ lattice, roads, blocks, green, owners, streets, communities, communityOfCell: shape.communityOfCell, book });
  const { merchants, builders } = businessPools(book, seed);
  const streetOffices: Department[] = streets.map((street) => book.streetGovernment(street.name));
  const places = planCityPlaces(lattice, blocks.blocks, owners, green, roads, seed);

  const inWater = (x: number, y: number, margin: number): boolean => {
    if (inRiver(lattice, rivers, x, y, margin)) return true;
    const column = columnAt(lattice, x);
    const row = rowAt(lattice, y);
    if (column < 0 || row < 0) return false;
    const pond = green.pondOfBlock.get(blocks.blockOfCell[cellIndex(lattice, column, row)]);
    if (!pond) return false;
    const dx = (x - pond.centreX) / (pond.radiusX + margin);
    const dy = (y - pond.centreY) / (pond.radiusY + margin);
    return dx * dx + dy * dy < 1;
  };

  return {
    options, parameters, lattice, roads, blocks, rivers, green, grids,
    communityOfCell: shape.communityOfCell, streets, communities, numbering, owners, zones, places, book,
    componentContext: {
      lattice, grids, numbering, communities, streetOffices, inWater,
      taxonomy: options.taxonomy,
      layout: findLayout(options.layouts, 'component-legacy-16'),
      countyCode,
      departments: componentDepartments(book, merchants, builders),
      seed,
      surveyDate: options.surveyDate,
    },
    addressContext: {
      lattice, grids, numbering, blocks, streets, communities, inWater,
      addressPrefix: `${divisions.province}${divisions.city}${divisions.county.name}`,
      density: parameters.addresses,
      nameOfBlock: places.nameOfBlock,
      seed,
    },
    blockAddressContext: {
      places, roads,
      gardenOfBlock: green.gardenOfBlock,
      problemBlocks: new Set(places.problemBlocks),
      markets: new Set(places.markets),
      worksites: new Set(places.worksites),
    },
  };
}
