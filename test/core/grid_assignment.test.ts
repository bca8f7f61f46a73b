/**
 * The grid assignment on grids built by hand: every point goes to exactly
 * the grid that holds it (edges, corners, holes, the coverage's outer edge,
 * just outside it), the recorded code is compared, and looking every point
 * up in the index gives the same answer as testing the recorded grid first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Position } from '../../src/core/api/geo_types.js';
import { ASSIGNED_AS_RECORDED, ASSIGNED_OTHER_GRID, ASSIGNED_UNRECORDED, assignComponentsToGrids, IN_NO_GRID, NO_POSITION, type ComponentPoints } from '../../src/core/grids/assign_components_to_grids.js';
import { buildGridSet, type GridSet } from '../../src/core/grids/grid_set.js';
import { pointInPolygon } from '../../src/core/geometry/point_in_polygon.js';
import { SILENT_FEEDBACK, type Feedback } from '../../src/core/jobs/feedback.js';
import { CityGridError } from '../../src/core/api/errors.js';

const X = 39620000, Y = 3880000;
const TOLERANCES = { recordedToleranceMetres: 0.001, outsideToleranceMetres: 0.001 };

function ring(points: Array<[number, number]>): Position[] {
  const positions = points.map(([x, y]) => [X + x, Y + y] as Position);
  return [...positions, positions[0]!];
}

function square(minX: number, minY: number, size: number): Position[] {
  return ring([[minX, minY], [minX + size, minY], [minX + size, minY + size], [minX, minY + size]]);
}

/**
 * A 2×2 block of 100 m grids A (south-west), B (south-east), C (north-west),
 * D (north-east); E east of B with a 20 m hole in its middle, and F, a small
 * grid that fills only the south-west quarter of that hole.
 */
function city(): GridSet {
  return buildGridSet(['A', 'B', 'C', 'D', 'E', 'F'], [
    [[square(0, 0, 100)]],
    [[square(100, 0, 100)]],
    [[square(0, 100, 100)]],
    [[square(100, 100, 100)]],
    [[square(200, 0, 100), square(240, 40, 20)]],
    [[square(240, 40, 10)]],
  ]);
}

function points(list: Array<[number, number, string]>): ComponentPoints {
  return { count: list.length, xs: list.map(([x]) => X + x), ys: list.map(([, y]) => Y + y), recordedCodes: list.map(([, , code]) => code) };
}

function assignedCodes(grids: GridSet, input: ComponentPoints, recordedFirst = true): Array<string | null> {
  const assignment = assignComponentsToGrids(grids, input, { ...TOLERANCES, recordedFirst }, SILENT_FEEDBACK);
  return [...assignment.gridOf].map((grid) => (grid < 0 ? null : grids.codes[grid]!));
}

test('each point goes to the grid that holds it; on a shared edge to the one east or north of it', () => {
  const grids = city();
  const input = points([
    [50, 50, ''], // inside A
    [100, 50, ''], // on the A|B edge → B (east)
    [50, 100, ''], // on the A/C edge → C (north)
    [100, 100, ''], // the corner of all four → D
    [150, 200, ''], // on the outer north edge of D → D within tolerance
    [0, 50, ''], // on the outer west edge → A
    [300, 50, ''], // on the outer east edge of E → E within tolerance
    [300.0005, 50, ''], // half a millimetre east of it → E within tolerance
    [300.01, 50, ''], // a centimetre east → no grid
    [-5, -5, ''], // outside everything
  ]);
  assert.deepEqual(assignedCodes(grids, input), ['A', 'B', 'C', 'D', 'D', 'A', 'E', 'E', null, null]);
});

test('a point in a hole is in no grid, unless another grid fills that part of the hole', () => {
  const grids = city();
  const input = points([
    [255, 55, 'E'], // in E's hole, where F does not reach
    [245, 45, 'E'], // in the hole, inside F
    [230, 30, 'E'], // in E's ring
    [240, 55, 'E'], // on the hole's west edge, above F: E's boundary, so E by the boundary tolerance
  ]);
  const assignment = assignComponentsToGrids(grids, input, TOLERANCES, SILENT_FEEDBACK);
  assert.deepEqual([...assignment.gridOf].map((grid) => (grid < 0 ? null : grids.codes[grid])), [null, 'F', 'E', 'E']);
  assert.deepEqual([...assignment.status], [IN_NO_GRID, ASSIGNED_OTHER_GRID, ASSIGNED_AS_RECORDED, ASSIGNED_AS_RECORDED]);
});

test('the recorded code is compared: as recorded, another grid, none recorded, in no grid, no position', () => {
  const grids = city();
  const input = points([[50, 50, 'A'], [150, 50, 'A'], [150, 150, ''], [-5, 50, 'A'], [150, 50, 'NO-SUCH-GRID']]);
  (input.xs as number[]).push(NaN);
  (input.ys as number[]).push(NaN);
  (input.recordedCodes as string[]).push('A');
  input.count++;
  const assignment = assignComponentsToGrids(grids, input, TOLERANCES, SILENT_FEEDBACK);
  assert.deepEqual([...assignment.status], [ASSIGNED_AS_RECORDED, ASSIGNED_OTHER_GRID, ASSIGNED_UNRECORDED, IN_NO_GRID, ASSIGNED_OTHER_GRID, NO_POSITION]);
  assert.deepEqual(assignment.counts, { asRecorded: 1, otherGrid: 2, unrecorded: 1, inNoGrid: 1, noPosition: 1 });
  assert.deepEqual([...assignment.componentsPerGrid], [1, 2, 0, 1, 0, 0]);
});

test('a point just outside its recorded grid stays there within the tolerance, not beyond', () => {
  const grids = city();
  // 0.5 mm west of B's west edge is inside A; recorded B, it stays in B.
  const input = points([[99.9995, 50, 'B'], [99.9995, 50, 'A'], [99.99, 50, 'B']]);
  const assignment = assignComponentsToGrids(grids, input, TOLERANCES, SILENT_FEEDBACK);
  assert.deepEqual([...assignment.gridOf].map((grid) => grids.codes[grid]), ['B', 'A', 'A']);
  assert.deepEqual([...assignment.status], [ASSIGNED_AS_RECORDED, ASSIGNED_AS_RECORDED, ASSIGNED_OTHER_GRID]);
});

test('looking every point up in the index gives the same answer as testing the recorded grid first', () => {
  const grids = city();
  let state = 7;
  const next = (): number => { state = (state * 1664525 + 1013904223) >>> 0; return state / 2 ** 32; };
  const codes = ['A', 'B', 'C', 'D', 'E', 'F', '', 'X'];
  const list: Array<[number, number, string]> = [];
  for (let index = 0; index < 5000; index++) {
    // Coordinates on a 0.5 m lattice hit edges and corners often; some fall outside.
    const x = Math.round((next() * 340 - 20) * 2) / 2, y = Math.round((next() * 240 - 20) * 2) / 2;
    list.push([x, y, codes[Math.floor(next() * codes.length)]!]);
  }
  const input = points(list);
  const first = assignComponentsToGrids(grids, input, TOLERANCES, SILENT_FEEDBACK);
  const lookedUp = assignComponentsToGrids(grids, input, { ...TOLERANCES, recordedFirst: false }, SILENT_FEEDBACK);
  assert.deepEqual([...lookedUp.status], [...first.status]);
  assert.deepEqual([...lookedUp.gridOf].map((grid) => grids.codes[grid] ?? null), [...first.gridOf].map((grid) => grids.codes[grid] ?? null));
  assert.ok(first.counts.inNoGrid > 0 && first.counts.otherGrid > 0 && first.counts.asRecorded > 0);
});

test('a cancel stops the assignment with CANCELED', () => {
  const grids = city();
  const list: Array<[number, number, string]> = Array.from({ length: 200_000 }, (_, index) => [index % 300, 50, 'A']);
  let reports = 0;
  const feedback: Feedback = { reportProgress() { reports++; }, get canceled() { return reports >= 2; } };
  assert.throws(() => assignComponentsToGrids(grids, points(list), TOLERANCES, feedback), (thrown: unknown) => thrown instanceof CityGridError && thrown.code === 'CANCELED');
});

test('the rectangle shortcut answers exactly as the crossing number does, edges and corners included', () => {
  const rectangle = buildGridSet(['R'], [[[square(10, 20, 30)]]]).polygons[0]!;
  assert.equal(rectangle.rectangle, true);
  const general = { ...rectangle, rectangle: false };
  for (let x = 5; x <= 45; x += 0.5) {
    for (let y = 15; y <= 55; y += 0.5) {
      assert.equal(pointInPolygon(rectangle, X + x, Y + y), pointInPolygon(general, X + x, Y + y), `(${x}, ${y})`);
    }
  }
});
