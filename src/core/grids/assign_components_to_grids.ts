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
import { CodeColumn } from '../columns/code_column.js';
import { pointInOrNearPolygon } from '../geometry/point_in_polygon.js';
import { GridCodeLookup } from './grid_code_lookup.js';
import { createGridLocator, type GridLocator, type GridSet } from './grid_set.js';

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
  const assigner = new ComponentGridAssigner(grids, options);
  const gridOf = new Int32Array(points.count).fill(-1);
  const status = new Uint8Array(points.count);
  for (let start = 0; start < points.count; start += BATCH) {
    throwIfCanceled(feedback);
    feedback.reportProgress(start / Math.max(1, points.count), { zh: `分配部件到网格 ${start}/${points.count}`, en: `assigning components to grids ${start}/${points.count}` });
    assigner.assignRows(points, start, Math.min(points.count, start + BATCH), gridOf, status, 0);
  }
  feedback.reportProgress(1, { zh: '部件已分配到网格', en: 'components assigned to grids' });
  return { gridOf, status, componentsPerGrid: assigner.componentsPerGrid, counts: assigner.counts };
}

/**
 * The assignment taken piece by piece: the workspace reader hands it the
 * components in chunks as they are read (src/node/grids/), and the counts
 * add up over the chunks. Each row's answer depends on that row alone, so
 * chunks may come in any order and give the same answer as one whole pass.
 */
export class ComponentGridAssigner {
  readonly componentsPerGrid: Uint32Array;
  readonly counts = { asRecorded: 0, otherGrid: 0, unrecorded: 0, inNoGrid: 0, noPosition: 0 };
  private readonly locate: GridLocator;
  private readonly recordedFirst: boolean;
  private readonly codeLookup: GridCodeLookup;

  constructor(private readonly grids: GridSet, private readonly options: GridAssignmentOptions) {
    this.locate = createGridLocator(grids);
    this.recordedFirst = options.recordedFirst !== false;
    this.componentsPerGrid = new Uint32Array(grids.codes.length);
    this.codeLookup = new GridCodeLookup(grids.byCode, grids.codes.length);
  }

  /** Assigns rows `start`…`end - 1` of `points`, writing each row's answer at `outputOffset + row` (gridOf must come filled with -1). */
  assignRows(points: ComponentPoints, start: number, end: number, gridOf: Int32Array, status: Uint8Array, outputOffset: number): void {
    const { polygons } = this.grids;
    const { locate, recordedFirst, componentsPerGrid, counts } = this;
    const recordedTolerance = this.options.recordedToleranceMetres;
    const outsideTolerance = this.options.outsideToleranceMetres;
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
    const { text, starts } = recordedCodes;
    const { codeOfGrid, gridsOfCode } = this.codeLookup;
    // Components of one grid sometimes come one after another: the code is looked up once per run
    // of equal codes, compared in place in the column.
    let lastRow = -1;
    let recordedEmpty = true;
    /** The recorded code's number in the lookup, -1 when empty or no grid's code. */
    let recordedCode = -1;
    let recordedRows: readonly number[] | undefined;
    for (let row = start; row < end; row++) {
      const x = points.xs[row]!, y = points.ys[row]!;
      const out = outputOffset + row;
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        status[out] = NO_POSITION;
        counts.noPosition++;
        continue;
      }
      if (lastRow < 0 || !recordedCodes.sameCode(row, lastRow)) {
        const codeStart = starts[row]!, codeEnd = starts[row + 1]! - 1;
        recordedEmpty = codeEnd <= codeStart;
        recordedCode = this.codeLookup.find(text, codeStart, codeEnd);
        recordedRows = recordedCode >= 0 ? gridsOfCode[recordedCode] : undefined;
      }
      lastRow = row;
      let grid = recordedFirst ? recordedHolding(recordedRows, x, y) : -1;
      // A grid found among the recorded code's rows has that code: no comparison needed.
      let asRecorded = grid >= 0;
      if (grid < 0) {
        grid = locate(x, y, outsideTolerance);
        if (!recordedFirst && recordedCode >= 0 && (grid < 0 || codeOfGrid[grid] !== recordedCode)) {
          // Looked up first: the recorded grid still wins when it holds the point too (overlaps, tolerance).
          const holding = recordedHolding(recordedRows, x, y);
          if (holding >= 0) grid = holding;
        }
        // Same code number, same code; a recorded code that is no grid's matches none.
        asRecorded = grid >= 0 && recordedCode >= 0 && codeOfGrid[grid] === recordedCode;
      }
      const kind = grid < 0 ? IN_NO_GRID : asRecorded ? ASSIGNED_AS_RECORDED : recordedEmpty ? ASSIGNED_UNRECORDED : ASSIGNED_OTHER_GRID;
      status[out] = kind;
      if (kind === IN_NO_GRID) {
        counts.inNoGrid++;
        continue;
      }
      gridOf[out] = grid;
      componentsPerGrid[grid]!++;
      if (kind === ASSIGNED_AS_RECORDED) counts.asRecorded++;
      else if (kind === ASSIGNED_OTHER_GRID) counts.otherGrid++;
      else counts.unrecorded++;
    }
  }
}
