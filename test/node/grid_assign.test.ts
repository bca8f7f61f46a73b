/**
 * `citygrid assign` on a hand-built city written as a real GeoPackage
 * (test/helpers/qa_city.ts) with components on shared edges, on a corner,
 * in a grid's hole, outside every grid and with wrong or missing grid codes:
 * the report is exact, --write changes exactly the components that record
 * another grid (nothing else in the file), the standards check agrees, and a
 * cancel or a hard kill during the write leaves the workspace as it was.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import gdal from 'gdal-async';
import { CityGridError } from '../../src/core/api/errors.js';
import { SILENT_FEEDBACK, type Feedback } from '../../src/core/jobs/feedback.js';
import { assignComponentsToGrids } from '../../src/core/grids/assign_components_to_grids.js';
import { buildGridSet } from '../../src/core/grids/grid_set.js';
import { assignWorkspaceComponents, type GridAssignmentReport } from '../../src/node/grids/assign_workspace_components.js';
import { readAndAssignComponents } from '../../src/node/grids/read_and_assign_components.js';
import { readGridAssignmentInput } from '../../src/node/grids/read_grid_assignment_input.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { crashScript } from '../helpers/grid_write_crash.js';
import { tempDir } from '../helpers/paths.js';
import { cleanQaCity, component, COMMUNITY_EAST, COMMUNITY_WEST, gridCode, writeQaCity, X0, Y0 } from '../helpers/qa_city.js';
import { runCli } from '../helpers/run_cli.js';
import { sqlRows } from '../helpers/sql_rows.js';
import { validateFile } from '../helpers/validate_file.js';

const folder = tempDir('grid-assign');
after(() => folder.remove());

const W = (sequence: number): string => gridCode(COMMUNITY_WEST, sequence);
const E = (sequence: number): string => gridCode(COMMUNITY_EAST, sequence);
const code = (fid: number): string => `3713020118${String(fid).padStart(6, '0')}`;

/**
 * The QA city (grids W01 W02 W03 W04 | E01 E02 E03 E04, 100 m each, fids
 * 1–8; component n in the middle of grid n) with a 30 m hole in E04 and:
 * fid 2 recording W01 though it lies in W02, and components 9–15 added.
 */
let damaged: string;
before(async () => {
  const city = cleanQaCity();
  const e04 = city.grids[7]!.geometry as { type: 'Polygon'; coordinates: number[][][] };
  e04.coordinates.push([[X0 + 310, Y0 + 110], [X0 + 310, Y0 + 140], [X0 + 340, Y0 + 140], [X0 + 340, Y0 + 110], [X0 + 310, Y0 + 110]]);
  city.components[1]!.properties.BGCODE = W(1);
  city.components.push(
    component(code(9), '路灯', [100, 50], W(1)), // on the W01|W02 edge, recorded W01: stays
    component(code(10), '路灯', [100, 50], ''), // same place, nothing recorded: the grid east of the edge
    component(code(11), '路灯', [100, 50], W(3)), // same place, recorded a grid 50 m away: W02
    component(code(12), '路灯', [200, 100], E(4)), // the corner of W02 W04 E01 E03: the north-east one
    component(code(13), '路灯', [325, 125], E(4)), // in E04's hole
    component(code(14), '路灯', [500, 50], E(2)), // east of everything
    component(code(15), '路灯', [0, 150], W(3)), // on the coverage's west edge
  );
  damaged = await writeQaCity(folder.path, 'damaged.gpkg', city);
});

function copyOf(name: string): string {
  const path = join(folder.path, name);
  copyFileSync(damaged, path);
  return path;
}

async function assign(path: string, write: boolean, feedback: Feedback = SILENT_FEEDBACK): Promise<GridAssignmentReport> {
  const workspace = Workspace.open(path);
  try {
    return await assignWorkspaceComponents(workspace, { write }, feedback);
  } finally {
    workspace.close();
  }
}

/** Every component as text (all fields and the point), by fid: what "unchanged" means. */
function components(path: string): Map<number, string> {
  const dataset = gdal.open(path);
  try {
    const rows = new Map<number, string>();
    dataset.layers.get('components').features.forEach((feature) => {
      rows.set(feature.fid, JSON.stringify({ ...feature.fields.toObject(), geometry: feature.getGeometry()?.toJSON() }));
    });
    return rows;
  } finally {
    dataset.close();
  }
}

function gridCodeOf(rows: Map<number, string>, fid: number): string {
  return JSON.parse(rows.get(fid)!).BGCODE as string;
}

test('the report says exactly which grid holds each component and which records another', async () => {
  const before = components(damaged);
  const report = await assign(damaged, false);
  assert.deepEqual(report.counts, { components: 15, grids: 8, asRecorded: 9, otherGrid: 3, unrecorded: 1, inNoGrid: 2, withoutPosition: 0 });
  assert.deepEqual(report.changes.map((item) => [item.fid, item.code, item.recorded, item.assigned]), [
    [2, '3713020118000002', W(1), W(2)],
    [10, code(10), '', W(2)],
    [11, code(11), W(3), W(2)],
    [12, code(12), E(4), E(3)],
  ]);
  assert.deepEqual(report.inNoGrid.map((item) => [item.fid, item.recorded, item.assigned]), [[13, E(4), null], [14, E(2), null]]);
  assert.deepEqual(report.inNoGrid.map((item) => [item.x - X0, item.y - Y0]), [[325, 125], [500, 50]]);
  assert.deepEqual(report.grids.map((grid) => [grid.fid, grid.code, grid.components]), [
    [1, W(1), 2], [2, W(2), 3], [3, W(3), 2], [4, W(4), 1], [5, E(1), 1], [6, E(2), 1], [7, E(3), 2], [8, E(4), 1],
  ]);
  assert.equal(report.written, 0);
  assert.deepEqual(components(damaged), before, 'without --write nothing changes');
});

test('read in chunks of a few rowids, with holes among them, every component gets what one whole pass gives it', async () => {
  const path = copyOf('holes.gpkg');
  const dataset = gdal.open(path, 'r+');
  try {
    // Holes inside a chunk (3, 7) and a whole chunk without rows (9–12 with chunks of 4).
    for (const fid of [3, 7, 9, 10, 11, 12]) dataset.layers.get('components').features.remove(fid);
  } finally {
    dataset.close();
  }
  const options = { recordedToleranceMetres: 0.001, outsideToleranceMetres: 0.001 };
  const whole = await readGridAssignmentInput(path, SILENT_FEEDBACK);
  const expected = assignComponentsToGrids(buildGridSet(whole.grids.codes, whole.grids.geometries), whole.components, options, SILENT_FEEDBACK);
  for (const chunkRowids of [1, 4, 1 << 16]) {
    const chunked = await readAndAssignComponents(path, options, SILENT_FEEDBACK, chunkRowids);
    assert.deepEqual([...chunked.components.fids], [1, 2, 4, 5, 6, 8, 13, 14, 15]);
    assert.deepEqual([...chunked.components.fids], [...whole.components.fids]);
    assert.deepEqual([...chunked.components.xs], [...whole.components.xs]);
    assert.deepEqual([...chunked.assignment.gridOf], [...expected.gridOf], `chunks of ${chunkRowids}`);
    assert.deepEqual([...chunked.assignment.status], [...expected.status], `chunks of ${chunkRowids}`);
    assert.deepEqual([...chunked.assignment.componentsPerGrid], [...expected.componentsPerGrid]);
    assert.deepEqual(chunked.assignment.counts, expected.counts);
    assert.deepEqual(Array.from({ length: chunked.components.count }, (_, row) => chunked.components.recordedCodeAt(row)),
      Array.from({ length: whole.components.count }, (_, row) => whole.components.recordedCodes.at(row)));
  }
});

test('a cancel while the chunks are read and assigned stops the work with CANCELED', async () => {
  let reports = 0;
  const feedback: Feedback = { reportProgress() { reports++; }, get canceled() { return reports > 0; } };
  await assert.rejects(readAndAssignComponents(damaged, { recordedToleranceMetres: 0.001, outsideToleranceMetres: 0.001 }, feedback, 2),
    (error: unknown) => error instanceof CityGridError && error.code === 'CANCELED');
  assert.ok(reports > 0 && reports < 8, `stopped after ${reports} of 8 chunks`);
});

test('the standards check finds the same components: mismatches and the ones in no grid', async () => {
  const report = await validateFile(damaged);
  const fidsOf = (ruleId: string): number[] => report.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => finding.fid);
  assert.deepEqual(fidsOf('COMPONENT_GRID_MISMATCH'), [2, 11, 12]);
  assert.deepEqual(fidsOf('COMPONENT_OUTSIDE_GRID'), [13, 14]);
});

test('--write records the assigned code in exactly the components that differ, and nothing else', async () => {
  const path = copyOf('written.gpkg');
  const before = components(path);
  const report = await assign(path, true);
  assert.equal(report.written, 4);
  const afterWrite = components(path);
  assert.deepEqual([...afterWrite.keys()], [...before.keys()]);
  const changed = [...afterWrite.keys()].filter((fid) => afterWrite.get(fid) !== before.get(fid));
  assert.deepEqual(changed, [2, 10, 11, 12]);
  assert.deepEqual(changed.map((fid) => gridCodeOf(afterWrite, fid)), [W(2), W(2), W(2), E(3)]);
  for (const fid of changed) {
    // Only the grid code differs.
    assert.deepEqual({ ...JSON.parse(afterWrite.get(fid)!), BGCODE: null }, { ...JSON.parse(before.get(fid)!), BGCODE: null });
  }
  const again = await assign(path, false);
  assert.deepEqual(again.counts, { components: 15, grids: 8, asRecorded: 13, otherGrid: 0, unrecorded: 0, inNoGrid: 2, withoutPosition: 0 });
  const validation = await validateFile(path);
  assert.equal(validation.summary.byRule.find((rule) => rule.ruleId === 'COMPONENT_GRID_MISMATCH')!.count, 0);
  assert.equal(validation.summary.byRule.find((rule) => rule.ruleId === 'COMPONENT_OUTSIDE_GRID')!.count, 2);
  const dataset = gdal.open(path);
  try {
    assert.deepEqual(sqlRows(dataset)('PRAGMA integrity_check').map((row) => Object.values(row)[0]), ['ok']);
  } finally {
    dataset.close();
  }
});

test('a cancel during the write leaves every component as it was', async () => {
  const path = copyOf('canceled.gpkg');
  const before = components(path);
  let writing = false;
  const feedback: Feedback = {
    reportProgress(_fraction, message) { if (message.en.startsWith('writing grid codes')) writing = true; },
    get canceled() { return writing; },
  };
  await assert.rejects(assign(path, true, feedback), (thrown: unknown) => thrown instanceof CityGridError && thrown.code === 'CANCELED');
  assert.ok(writing, 'the cancel came during the write');
  assert.deepEqual(components(path), before);
});

test('a process killed in the middle of the write leaves the workspace as it was', () => {
  const path = copyOf('killed.gpkg');
  const before = components(path);
  const child = spawnSync(process.execPath, [crashScript(), path], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(child.signal, 'SIGKILL', `the child was killed during the write (status ${child.status}, ${child.stderr})`);
  assert.ok(existsSync(`${path}-journal`) || existsSync(`${path}-wal`), 'the kill left an open transaction behind');
  // Opening the workspace rolls the interrupted transaction back.
  Workspace.open(path).close();
  assert.deepEqual(components(path), before);
  const dataset = gdal.open(path);
  try {
    assert.deepEqual(sqlRows(dataset)('PRAGMA integrity_check').map((row) => Object.values(row)[0]), ['ok']);
  } finally {
    dataset.close();
  }
});

test('citygrid assign: the report as JSON or text, --write, and exit codes 0, 1, 2', () => {
  const path = copyOf('cli.gpkg');
  const json = runCli(['assign', '--workspace', path, '--json']);
  assert.equal(json.status, 0, json.stderr);
  assert.equal((JSON.parse(json.stdout) as GridAssignmentReport).counts.otherGrid, 3);
  const written = runCli(['assign', '--workspace', path, '--write']);
  assert.equal(written.status, 0, written.stderr);
  assert.match(written.stdout, /written: 4 components/);
  assert.match(written.stdout, /components#13 3713020118000013 .* recorded 37130200100204 → no grid/);
  const text = runCli(['assign', '--workspace', path]);
  assert.match(text.stdout, /in another grid\s+0/);
  assert.equal(runCli(['assign']).status, 2);
  assert.equal(runCli(['assign', '--workspace', path, '--bogus']).status, 2);
  const missing = runCli(['assign', '--workspace', join(folder.path, 'nowhere.gpkg')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nowhere\.gpkg/);
});
