/**
 * Unit grids made ready for point lookups: flattened polygons, the shared
 * bucket index (src/core/geometry) and the rows of each code.
 * The standards check builds one from its input (qa_derived.ts) and the
 * grid assignment from the workspace, so both find the same grid for a point.
 */
import type { AreaGeometry } from '../qa/qa_input.js';
import { BucketIndex } from '../geometry/bucket_index.js';
import { flattenPolygon, type FlatPolygon } from '../geometry/flat_polygon.js';
import { pointInOrNearPolygon, pointInPolygon } from '../geometry/point_in_polygon.js';

export type Polygons = Array<FlatPolygon | null>;

export interface GridSet {
  /** Recorded grid code per row, '' when empty. */
  codes: readonly string[];
  polygons: Polygons;
  index: BucketIndex;
  /** Rows by recorded code (several when a code repeats). */
  byCode: ReadonlyMap<string, readonly number[]>;
}

export function flattenPolygons(geometries: readonly AreaGeometry[]): Polygons {
  return geometries.map((geometry) => (geometry ? flattenPolygon(geometry) : null));
}

export function indexPolygons(polygons: Polygons): BucketIndex {
  return new BucketIndex({
    count: polygons.length,
    minX: (item) => polygons[item]?.minX ?? NaN,
    minY: (item) => polygons[item]?.minY ?? NaN,
    maxX: (item) => polygons[item]?.maxX ?? NaN,
    maxY: (item) => polygons[item]?.maxY ?? NaN,
  });
}

export function rowsByCode(codes: readonly string[]): Map<string, number[]> {
  const byCode = new Map<string, number[]>();
  codes.forEach((code, row) => {
    if (code === '') return;
    const rows = byCode.get(code);
    if (rows) rows.push(row);
    else byCode.set(code, [row]);
  });
  return byCode;
}

export function buildGridSet(codes: readonly string[], geometries: readonly AreaGeometry[]): GridSet {
  return gridSetOfPolygons(codes, flattenPolygons(geometries));
}

/** From polygons already flat (a reader that decodes blobs straight into them). */
export function gridSetOfPolygons(codes: readonly string[], polygons: Polygons): GridSet {
  return { codes, polygons, index: indexPolygons(polygons), byCode: rowsByCode(codes) };
}

/**
 * Which grid a point lies in: the first whose polygon contains it by
 * crossing number, which is half-open, so that a point on an axis-parallel
 * edge shared by two grids belongs to one of them (the one to its east, or
 * to its north on an east-west edge); failing that, one whose boundary is
 * within the tolerance (a point on the outer edge of the coverage, or on a
 * slanted shared edge that rounding put in neither). -1 when none.
 */
export type GridLocator = (x: number, y: number, tolerance: number) => number;

export function createGridLocator(grids: GridSet): GridLocator {
  const { polygons, index } = grids;
  return (x, y, tolerance) => {
    let found = -1;
    index.forEachAtPoint(x, y, 0, (grid) => {
      if (pointInPolygon(polygons[grid]!, x, y)) { found = grid; return true; }
      return false;
    });
    if (found >= 0 || tolerance <= 0) return found;
    index.forEachAtPoint(x, y, tolerance, (grid) => {
      if (pointInOrNearPolygon(polygons[grid]!, x, y, tolerance)) { found = grid; return true; }
      return false;
    });
    return found;
  };
}
