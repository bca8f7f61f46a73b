/**
 * The two large layers, streamed: components (road by road, then junction by
 * junction, then block by block) and addresses (road by road). Only one
 * segment's or block's features exist at a time; addresses road by road, then block by block. Counting runs the same
 * placements without building features, so counts and streams always agree.
 */
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import { ComponentEmitter } from './component_emitter.js';
import type { CityPlan } from './plan_city.js';
import { AddressSink, placeAddresses } from './place_addresses.js';
import { placeBlockAddresses } from './place_block_addresses.js';
import { placeBlockComponents } from './place_block_components.js';
import { placeIntersectionComponents } from './place_intersection_components.js';
import { placeLocalComponents } from './place_local_components.js';
import { placeRoadComponents } from './place_road_components.js';
import { roadSegments } from './road_segments.js';

/** Runs every placement, pausing after each unit of work so that the caller can drain the emitter. */
export function* runComponentPlacements(plan: CityPlan, emitter: ComponentEmitter): Generator<void> {
  const { lattice, rivers, green, blocks, owners } = plan;
  const seed = plan.options.seed;
  for (const segment of roadSegments(lattice)) {
    placeRoadComponents(segment, lattice, rivers, emitter, seed);
    yield;
  }
  for (let northSouthLine = 0; northSouthLine <= lattice.columnCount; northSouthLine++) {
    for (let eastWestLine = 0; eastWestLine <= lattice.rowCount; eastWestLine++) {
      placeIntersectionComponents(lattice, northSouthLine, eastWestLine, emitter, seed);
      placeLocalComponents(lattice, northSouthLine, eastWestLine, emitter, seed);
    }
    yield;
  }
  for (const block of blocks.blocks) {
    placeBlockComponents(block, lattice, green, rivers, owners.get(block.index), emitter, seed);
    yield;
  }
}

export function* componentFeatures(plan: CityPlan): Generator<FeatureRecord> {
  const emitter = new ComponentEmitter(plan.componentContext, true);
  for (const _ of runComponentPlacements(plan, emitter)) {
    yield* emitter.features;
    emitter.features.length = 0;
  }
}

export function countComponents(plan: CityPlan): number {
  const emitter = new ComponentEmitter(plan.componentContext, false);
  for (const _ of runComponentPlacements(plan, emitter)) {
    // Counting only: the emitter keeps no features.
  }
  return emitter.count;
}

/** Runs every address placement (door plates road by road, then blocks), pausing after each so the caller can drain the sink. */
function* runAddressPlacements(plan: CityPlan, sink: AddressSink): Generator<void> {
  for (const road of plan.roads) {
    placeAddresses(road, plan.addressContext, sink);
    yield;
  }
  for (const block of plan.blocks.blocks) {
    placeBlockAddresses(block, plan.addressContext, plan.blockAddressContext, sink);
    yield;
  }
}

export function* addressFeatures(plan: CityPlan): Generator<FeatureRecord> {
  const sink = new AddressSink(plan.addressContext, new Int32Array(plan.communities.length), true);
  for (const _ of runAddressPlacements(plan, sink)) {
    yield* sink.features;
    sink.features.length = 0;
  }
}

export function countAddresses(plan: CityPlan): number {
  const sink = new AddressSink(plan.addressContext, new Int32Array(plan.communities.length), false);
  for (const _ of runAddressPlacements(plan, sink)) {
    // Counting only: the sink keeps no features.
  }
  return sink.count;
}
