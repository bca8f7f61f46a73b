/**
 * A deterministic, seeded sample city for 数字城管 base data: streets,
 * communities and unit grids with real division codes, components, door
 * plates, roads, responsibility zones and a base map, in EPSG:4527.
 *
 * `small` (~2 km²) is for tests and demos; `full` (~280 km², ~28 000 grids,
 * ~950 000 components, ~1 000 000 addresses, a year of ~440 000 case
 * records) is for load tests. Both come from the same algorithm.
 * Pure: no I/O, no clock, no Math.random — the same options give the same
 * city, feature for feature.
 */
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import {
  blockFeatures, communityFeatures, gridFeatures, greenFeatures, managedExtent, ownershipFeatures, roadFeatures,
  streetFeatures, waterFeatures,
} from './build_layer_features.js';
import { planCity, type CityPlan } from './plan_city.js';
import type { SampleCity, SampleLayerName, SampleOptions } from './sample_options.js';
import { addressFeatures, componentFeatures, countAddresses, countComponents } from './stream_point_layers.js';
import { caseFeatures, countCases } from './stream_case_records.js';

export type { SampleCity, SampleCommunity, SampleDivisions, SampleLayerName, SampleOptions, SampleStreet } from './sample_options.js';
export { SAMPLE_LAYER_NAMES } from './sample_options.js';
export { mulberry32, mixSeed, SeededRandom } from './seeded_random.js';

/** A layer as a fresh iterable each time it is asked for, so it can be read more than once. */
function reiterable(plan: CityPlan, build: (plan: CityPlan) => Iterable<FeatureRecord>): () => Iterable<FeatureRecord> {
  return () => build(plan);
}

export function generateSampleCity(options: SampleOptions): SampleCity {
  const plan = planCity(options);
  const layers: Record<SampleLayerName, () => Iterable<FeatureRecord>> = {
    streets: reiterable(plan, streetFeatures),
    communities: reiterable(plan, communityFeatures),
    grids: reiterable(plan, gridFeatures),
    components: reiterable(plan, componentFeatures),
    addresses: reiterable(plan, addressFeatures),
    roads: reiterable(plan, roadFeatures),
    ownership: reiterable(plan, ownershipFeatures),
    blocks: reiterable(plan, blockFeatures),
    water: reiterable(plan, waterFeatures),
    green: reiterable(plan, greenFeatures),
    cases: reiterable(plan, caseFeatures),
  };
  const counts: Record<string, number> = {
    streets: plan.streets.length,
    communities: plan.communities.length,
    grids: plan.grids.gridCount,
    roads: plan.roads.length,
    ownership: plan.zones.length,
    blocks: plan.blocks.blocks.length,
    water: plan.rivers.length + plan.green.ponds.length,
    green: plan.green.areas.length,
  };
  // The point layers are counted by a streaming pass (a second or two at full scale), run on first read only;
  // cases by their year's plan, which is made once and shared with the stream.
  const lazyCount = (name: string, count: () => number): void => {
    let cached: number | undefined;
    Object.defineProperty(counts, name, { enumerable: true, get: () => (cached ??= count()) });
  };
  lazyCount('components', () => countComponents(plan));
  lazyCount('addresses', () => countAddresses(plan));
  lazyCount('cases', () => countCases(plan));
  return { extent: managedExtent(plan), layers, counts };
}
