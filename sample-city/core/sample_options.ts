/**
 * Inputs and output of the sample-city generator (re-exported by
 * generate_sample_city.ts, the public entry point).
 */
import type { Extent, FeatureRecord } from '../../src/core/api/geo_types.js';
import type { CodeLayouts } from '../../src/core/codes/code_layout.js';
import type { ClassTaxonomy, ComponentTaxonomy } from '../../src/core/taxonomy/taxonomy.js';

export interface SampleCommunity {
  /** 12 digits: street code + 3. */
  code: string;
  name: string;
}

export interface SampleStreet {
  /** 9 digits: county code + 3. */
  code: string;
  name: string;
  communities: SampleCommunity[];
}

export interface SampleDivisions {
  province: string;
  city: string;
  county: { code: string; name: string };
  streets: SampleStreet[];
}

export interface SampleOptions {
  scale: 'small' | 'full';
  seed: number;
  /** Real division codes, passed in by the caller. */
  divisions: SampleDivisions;
  taxonomy: ComponentTaxonomy;
  /** Event subtypes the case records use (a city's merged event table). */
  events: ClassTaxonomy;
  layouts: CodeLayouts;
  /** South-west corner in EPSG:4527 metres. */
  origin: [number, number];
  /** YYYYMMDD, the survey's initial date (ORDATE); the case records cover the 365 days from it. */
  surveyDate: string;
}

export const SAMPLE_LAYER_NAMES = [
  'streets', 'communities', 'grids', 'components', 'addresses', 'roads', 'ownership', 'blocks', 'water', 'green', 'cases',
] as const;

export type SampleLayerName = (typeof SAMPLE_LAYER_NAMES)[number];

export interface SampleCity {
  extent: Extent;
  /**
   * Each layer as a re-iterable generator of FeatureRecord (EPSG:4527
   * metres; properties are exactly the layer's fields in
   * schemas/workspace-layers.json). Layers stream: nothing holds all
   * components, addresses or cases at once.
   */
  layers: Record<SampleLayerName, () => Iterable<FeatureRecord>>;
  /** Feature count per layer; components, addresses and cases are counted on first read (a streaming pass, no features kept). */
  counts: Record<string, number>;
}
