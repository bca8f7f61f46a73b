/**
 * `citygrid code migrate` on the committed sample city, as an admin runs it:
 * refused by default (some legacy classes have no current counterpart),
 * then asked to migrate the rest. Afterwards every grid code has 15
 * characters, every component's and case's grid code is a grid's, no case
 * points at a component code that no longer exists, the mapping report
 * accounts for every change, and `citygrid validate` finds no grid, reference
 * or attribute problem.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import gdal from 'gdal-async';
import type { QaReport } from '../../src/core/qa/qa_finding.js';
import type { WorkspaceMigrationReport } from '../../src/node/codes/migration_report.js';
import { runCli } from '../helpers/run_cli.js';
import { copyOfSample } from '../helpers/sample_workspace.js';
import { sqlRows } from '../helpers/sql_rows.js';

const sample = copyOfSample('code-migration-sample');
after(() => sample.remove());
const reportPath = join(sample.dir, 'mapping.csv');
let migrated: WorkspaceMigrationReport;

function column(sql: string): string[] {
  const dataset = gdal.open(sample.workspacePath);
  try {
    return sqlRows(dataset)(sql).map((row) => String(row.code ?? ''));
  } finally {
    dataset.close();
  }
}

before(() => {
  const original = readFileSync(sample.workspacePath);
  const refused = runCli(['code', 'migrate', '--workspace', sample.workspacePath]);
  assert.equal(refused.status, 1, 'refused by default');
  assert.match(refused.stdout, /0117 立杆 {2}52 {2}no-counterpart/);
  assert.match(refused.stdout, /the whole migration is refused and the workspace is unchanged.*--leave-unmigratable/);
  assert.deepEqual(readFileSync(sample.workspacePath), original);
  const run = runCli(['code', 'migrate', '--workspace', sample.workspacePath, '--leave-unmigratable', '--report', reportPath, '--json']);
  assert.equal(run.status, 0, run.stderr);
  migrated = JSON.parse(run.stdout) as WorkspaceMigrationReport;
});

test('every grid code has 15 characters and every grid reference is a grid\'s code', () => {
  assert.equal(migrated.status, 'partial');
  // The committed sample was written when grid codes were 14 wide: the migration widens the column.
  assert.deepEqual(migrated.widened, [{ layer: 'grids', field: 'BGCODE', width: 15 }]);
  const grids = column('SELECT BGCODE AS code FROM grids');
  assert.equal(grids.length, 208);
  assert.ok(grids.every((code) => /^[0-9A-Z]{15}$/.test(code)));
  const known = new Set(grids);
  const componentGrids = column('SELECT BGCODE AS code FROM components');
  const caseGrids = column('SELECT BGCODE AS code FROM cases');
  assert.deepEqual(componentGrids.filter((code) => !known.has(code)), []);
  assert.deepEqual(caseGrids.filter((code) => !known.has(code)), []);
  assert.deepEqual(migrated.dangling, []);
});

test('components left in 16 digits are exactly those of the listed unmapped classes; cases point at existing components', () => {
  const unmapped = new Set(migrated.unmappedClasses.map((group) => group.classCode));
  const components = column('SELECT OBJCODE AS code FROM components');
  const legacy = components.filter((code) => code.length === 16);
  assert.equal(legacy.length, migrated.unmappedClasses.reduce((sum, group) => sum + group.count, 0));
  assert.ok(legacy.every((code) => unmapped.has(code.slice(6, 10))));
  assert.equal(components.filter((code) => code.length === 17).length, 7758 - legacy.length);
  const existing = new Set(components);
  assert.deepEqual(column("SELECT OBJCODE AS code FROM cases WHERE OBJCODE <> ''").filter((code) => !existing.has(code)), [], 'no case points at an old component code');
});

test('the mapping report has a row per old code per field, as many features as were migrated or left', () => {
  const lines = readFileSync(reportPath, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1).map((line) => line.split(','));
  const features = (status: string): number => lines.filter((cells) => cells[7] === status).reduce((sum, cells) => sum + Number(cells[6]), 0);
  assert.equal(features('migrated'), migrated.counts.migrated);
  assert.equal(features('left'), migrated.counts.refused);
  assert.ok(lines.some((cells) => cells.slice(0, 7).join(',') === 'grids,BGCODE,grid,identity,37130200100101,371302001001001,1'));
  for (const field of migrated.fields) {
    assert.equal(lines.filter((cells) => cells[0] === field.layer && cells[1] === field.field && cells[7] === 'migrated').reduce((sum, cells) => sum + Number(cells[6]), 0), field.counts.migrated, `${field.layer}.${field.field}`);
  }
});

test('a second run is a no-op with a clear message', () => {
  const before = readFileSync(sample.workspacePath);
  const again = runCli(['code', 'migrate', '--workspace', sample.workspacePath]);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /nothing more to migrate; 611 codes that cannot be migrated stay as they are/);
  assert.deepEqual(readFileSync(sample.workspacePath), before);
});

test('citygrid validate is clean on the migrated sample: 17-digit codes read in GB/T 47678.5, the 16-digit ones left in the city table', () => {
  const run = runCli(['validate', '--workspace', sample.workspacePath, '--json']);
  const report = JSON.parse(run.stdout) as QaReport;
  assert.deepEqual(report.summary.byRule.filter((rule) => rule.count > 0).map((rule) => `${rule.ruleId}: ${rule.count}`), []);
  assert.equal(run.status, 0, run.stderr);
});
