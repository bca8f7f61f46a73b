/**
 * The engine's input: each layer as columns (typed arrays for numbers, code
 * columns for the point layers' codes, plain arrays for the small polygon
 * layers' codes), so that a million components cost a few arrays instead
 * of a million objects. Readers fill it (src/node/qa/ from a GeoPackage,
 * tests by hand); the rules only read it.
 */
import type { Position, Properties } from '../api/geo_types.js';
import { CodeColumn } from '../columns/code_column.js';
import type { FlatPolygon } from '../geometry/flat_polygon.js';

/** Polygon or multipolygon rings as MultiPolygon coordinates; null when a feature has no geometry. */
export type AreaGeometry = Position[][][] | null;

export interface AreaLayerInput {
  fids: number[];
  codes: string[];
  geometries: AreaGeometry[];
  /**
   * The geometries already flattened (flat_polygon.ts), one per row, when the
   * reader decoded them so; the rules then use these and `geometries` may be empty.
   */
  polygons?: Array<FlatPolygon | null>;
}

export interface GridLayerInput extends AreaLayerInput {
  /** SQCODE and JDCODE as recorded, '' when empty. */
  communityCodes: string[];
  streetCodes: string[];
}

export interface OwnershipLayerInput extends AreaLayerInput {
  zoneTypes: string[];
}

/**
 * Points as coordinate columns; NaN where a feature has no geometry. Their
 * codes, a million of them, come as one CodeColumn rather than a string each.
 */
export interface PointLayerInput {
  count: number;
  fids: Float64Array;
  xs: Float64Array;
  ys: Float64Array;
  codes: CodeColumn;
}

export interface ComponentLayerInput extends PointLayerInput {
  /** BGCODE as recorded, '' when empty. */
  gridCodes: CodeColumn;
}

/**
 * Records to check against a layer's attribute schema, with a place for each.
 * A reader may leave out records it has proven valid against the same schema
 * (src/node/qa/ filters in SQL), but never a record that is not.
 */
export interface AttributeRecordsInput {
  layer: string;
  fids: number[];
  records: Properties[];
  xs: number[];
  ys: number[];
  /**
   * Failures of one field each that the reader counted itself, so that a
   * dirty layer costs no record per failure; a failure of the same field and
   * kind in `records` is one of these and is not counted again.
   */
  groups?: AttributeFailureGroup[];
}

/**
 * The records failing one field of a layer's schema, counted exactly by the
 * reader; the first of them (all of them when the full list is wanted) come
 * whole, for the validator to describe. `required`: the field is empty;
 * `invalid`: it breaks another rule.
 */
export interface AttributeFailureGroup {
  field: string;
  kind: 'required' | 'invalid';
  count: number;
  fids: number[];
  records: Properties[];
  xs: number[];
  ys: number[];
}

export interface QaInput {
  streets: AreaLayerInput;
  communities: AreaLayerInput;
  grids: GridLayerInput;
  components: ComponentLayerInput;
  addresses: PointLayerInput;
  ownership: OwnershipLayerInput;
  attributes: AttributeRecordsInput[];
  /** Features per layer, for the report (all of them, also those the reader filtered out). */
  featureCounts: Record<string, number>;
}

/**
 * Parts of the input a reader may deliver one after another, so that rules
 * on what has arrived run while the rest is still being read.
 */
export type QaInputPart =
  | 'streets' | 'communities' | 'grids' | 'ownership'
  | 'componentCodes' | 'componentPoints' | 'addresses' | 'attributes';

export function emptyAreaLayer(): AreaLayerInput {
  return { fids: [], codes: [], geometries: [] };
}

export function emptyPointLayer(): PointLayerInput {
  return { count: 0, fids: new Float64Array(0), xs: new Float64Array(0), ys: new Float64Array(0), codes: CodeColumn.empty };
}
