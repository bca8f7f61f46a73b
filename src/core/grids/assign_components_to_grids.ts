/**
 * Assigns every component (a point) to the unit grid that holds it, and says
 * how that compares with the grid code it records (BGCODE / SZDYWGBSM).
 * The same answer as the standards check's COMPONENT_OUTSIDE_GRID and
 * COMPONENT_GRID_MISMATCH (locate_components.ts runs on it), with the same
 * tolerances, so that writing the assigned codes clears those findings.
 *
 * The recorded grid is tested first: one point-in-polygon settles almost
 * every component of a maintained workspace, and only the others are looked
 * up in the bucket index. Both ways give the same answer; `recordedFirst:
 * false` looks every point up (what a spatial join does), for comparison.
 */
import type { Feedback } from '../jobs/feedback.js';
import { throwIfCanceled } from '../jobs/feedback.js';
import { CodeColumn } from '../qa/code_column.js';
import { pointInOrNearPolygon } from '../qa/geometry/point_in_polygon.js';
import { createGridLocator, type GridSet } from './grid_set.js';

/** The recorded grid holds the point. */
export const ASSIGNED_AS_RECORDED = 0;
/** Another grid holds it than the one recorded (or the recorded code names no grid). */
export const ASSIGNED_OTHER_GRID = 1;
/** A grid holds it, and no code is recorded. */
export const ASSIGNED_UNRECORDED = 2;
/** No grid holds it. */
export const IN_NO_GRID = 3;
/** No point to place (empty or missing geometry). */
export const NO_POSITION = 4;

export interface ComponentPoints {
  count: number;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** Recorded grid code per component, '' when empty (a column, or strings from a caller with few). */
  recordedCodes: CodeColumn | readonly string[];
}

export interface GridAssignmentOptions {
  /** A point this close outside its recorded grid still belongs to it (COMPONENT_GRID_MISMATCH's tolerance). */
  recordedToleranceMetres: number;
  /** A point in no grid but this close to one belongs to that one (COMPONENT_OUTSIDE_GRID's tolerance). */
  outsideToleranceMetres: number;
  /** Test the recorded grid before the index (default true). */
  recordedFirst?: boolean;
}

export interface GridAssignment {
  /** Grid row per component, -1 when in no grid or without a position. */
  gridOf: Int32Array;
  /** One of the constants above per component. */
  status: Uint8Array;
  /** Components per grid row. */
  componentsPerGrid: Uint32Array;
  counts: { asRecorded: number; otherGrid: number; unrecorded: number; inNoGrid: number; noPosition: number };
}

/** Components between cancel checks and progress reports. */
const BATCH = 1 << 16;

export function assignComponentsToGrids(grids: GridSet, points: ComponentPoints, options: GridAssignmentOptions, feedback: Feedback): GridAssignment {
  const { polygons, byCode, codes } = grids;
  const locate = createGridLocator(grids);
  const recordedFirst = options.recordedFirst !== false;
  const recordedTolerance = options.recordedToleranceMetres;
  const outsideTolerance = options.outsideToleranceMetres;
  const gridOf = new Int32Array(points.count).fill(-1);
  const status = new Uint8Array(points.count);
  const componentsPerGrid = new Uint32Array(codes.length);
  const counts = { asRecorded: 0, otherGrid: 0, unrecorded: 0, inNoGrid: 0, noPosition: 0 };
  /** The first grid with the recorded code that holds the point (or nearly), -1 when none. */
  const recordedHolding = (rows: readonly number[] | undefined, x: number, y: number): number => {
    if (!rows) return -1;
    for (let index = 0; index < rows.length; index++) {
      const polygon = polygons[rows[index]!];
      if (polygon && pointInOrNearPolygon(polygon, x, y, recordedTolerance)) return rows[index]!;
    }
    return -1;
  };
  const recordedCodes = points.recordedCodes instanceof CodeColumn ? points.recordedCodes : CodeColumn.fromCodes(points.recordedCodes);
  // Components of one grid often come one after another: the code (a string) and its rows are
  // taken once per run of equal codes, compared in place in the column.
  let lastRow = -1;
  let recorded = '';
  let recordedRows: readonly number[] | undefined;
  for (let row = 0; row < points.count; row++) {
    if ((row & (BATCH - 1)) === 0) {
      throwIfCanceled(feedback);
      feedback.reportProgress(row / Math.max(1, points.count), { zh: `分配部件到网格 ${row}/${points.count}`, en: `assigning components to grids ${row}/${points.count}` });
    }
    const x = points.xs[row]!, y = points.ys[row]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      status[row] = NO_POSITION;
      counts.noPosition++;
      continue;
    }
    if (lastRow < 0 || !recordedCodes.sameCode(row, lastRow)) {
      recorded = recordedCodes.at(row);
      recordedRows = recorded === '' ? undefined : byCode.get(recorded);
    }
    lastRow = row;
    let grid = recordedFirst ? recordedHolding(recordedRows, x, y) : -1;
    // A grid found among the recorded code's rows has that code: no string comparison needed.
    let asRecorded = grid >= 0;
    if (grid < 0) {
      grid = locate(x, y, outsideTolerance);
      if (!recordedFirst && (grid < 0 || codes[grid] !== recorded)) {
        // Looked up first: the recorded grid still wins when it holds the point too (overlaps, tolerance).
        const holding = recordedHolding(recordedRows, x, y);
        if (holding >= 0) grid = holding;
      }
      asRecorded = grid >= 0 && recorded !== '' && codes[grid] === recorded;
    }
    const kind = grid < 0 ? IN_NO_GRID : asRecorded ? ASSIGNED_AS_RECORDED : recorded === '' ? ASSIGNED_UNRECORDED : ASSIGNED_OTHER_GRID;
    status[row] = kind;
    if (kind === IN_NO_GRID) {
      counts.inNoGrid++;
      continue;
    }
    gridOf[row] = grid;
    componentsPerGrid[grid]!++;
    if (kind === ASSIGNED_AS_RECORDED) counts.asRecorded++;
    else if (kind === ASSIGNED_OTHER_GRID) counts.otherGrid++;
    else counts.unrecorded++;
  }
  feedback.reportProgress(1, { zh: '部件已分配到网格', en: 'components assigned to grids' });
  return { gridOf, status, componentsPerGrid, counts };
}
