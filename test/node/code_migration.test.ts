/**
 * Migrating real GeoPackage workspaces from legacy to current codes through
 * the service: the tiny hand-built workspace (everything mappable) and the
 * committed sample city (some classes have no current counterpart). What an
 * admin would check afterwards: every grid code 15 characters, every
 * component's and case's grid code a grid's code, no case pointing at an old
 * component code, the file untouched by a dry run, a refusal, a failure
 * part-way or a second run.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import gdal from 'gdal-async';
import { migrateWorkspaceCodes } from '../../src/node/codes/migrate_workspace_codes.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { tempDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run_cli.js';
import { copyOfSample } from '../helpers/sample_workspace.js';
import { sqlRows } from '../helpers/sql_rows.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';

const folder = tempDir('code-migration');
after(() => folder.remove());

/** Every value of each code field, read with plain SQL through GDAL. */
function codesOf(path: string): Record<string, string[]> {
  const dataset = gdal.open(path);
  try {
    const rows = sqlRows(dataset);
    const column = (sql: string): string[] => rows(sql).map((row) => String(row.code ?? ''));
    const layers = new Set(dataset.layers.map((layer) => layer.name));
    return {
      grids: column('SELECT BGCODE AS code FROM grids ORDER BY BGCODE'),
      components: column('SELECT OBJCODE AS code FROM components ORDER BY OBJCODE'),
      componentGrids: column('SELECT BGCODE AS code FROM components'),
      caseGrids: layers.has('cases') ? column("SELECT BGCODE AS code FROM cases WHERE BGCODE <> ''") : [],
      caseComponents: layers.has('cases') ? column("SELECT OBJCODE AS code FROM cases WHERE OBJCODE <> ''") : [],
      meta: rows('SELECT key || \'=\' || value AS code FROM citygrid_meta').map((row) => String(row.code)),
    };
  } finally {
    dataset.close();
  }
}

const metaValue = (codes: Record<string, string[]>, key: string): string | undefined => codes.meta!.find((entry) => entry.startsWith(`${key}=`))?.slice(key.length + 1);

async function migrate(path: string, options: Parameters<typeof migrateWorkspaceCodes>[1] = {}): Promise<Awaited<ReturnType<typeof migrateWorkspaceCodes>>> {
  const workspace = Workspace.open(path);
  try {
    return await migrateWorkspaceCodes(workspace, options);
  } finally {
    workspace.close();
  }
}

/** The tiny workspace plus components whose classes have no current counterpart. */
async function tinyWith(name: string, extraCodes: string[]): Promise<string> {
  const path = await createTinyWorkspace(folder.path, name);
  const workspace = Workspace.open(path);
  try {
    const records: Array<{ geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, string> }> = [];
    workspace.layer('components').features.forEach((feature) => {
      const point = feature.getGeometry() as unknown as { x: number; y: number };
      records.push({ geometry: { type: 'Point', coordinates: [point.x, point.y] }, properties: feature.fields.toObject() as Record<string, string> });
    });
    for (const [index, code] of extraCodes.entries()) {
      records.push({ geometry: { type: 'Point', coordinates: [TINY.lightPosition[0] + 10 + index, TINY.lightPosition[1]] }, properties: { OBJCODE: code, OBJNAME: '立杆', BGCODE: TINY.westGrid } });
    }
    await workspace.replaceFeatures('components', records);
  } finally {
    workspace.close();
  }
  return path;
}

test('tiny workspace: a dry run writes nothing; the run moves grids, components and their references to current codes', async () => {
  const path = await createTinyWorkspace(folder.path, 'tiny.gpkg');
  const original = readFileSync(path);
  const dry = await migrate(path, { dryRun: true });
  assert.equal(dry.status, 'migrated');
  assert.equal(dry.dryRun, true);
  assert.equal(dry.updated, 0);
  assert.deepEqual(readFileSync(path), original, 'a dry run leaves the file byte for byte');

  const report = await migrate(path, { now: () => new Date('2026-07-01T08:00:00Z') });
  assert.equal(report.status, 'migrated');
  assert.equal(report.updated, 8, '2 grids, 3 component grid references, 3 component codes');
  assert.deepEqual(report.widened, [], 'new workspaces are created with 15-character grid codes');
  const codes = codesOf(path);
  assert.deepEqual(codes.grids, ['371302001001001', '371302001001002']);
  assert.deepEqual(codes.components, ['37130201001000001', '37130201037000001', '37130203005000001']);
  assert.ok(codes.componentGrids!.every((code) => codes.grids!.includes(code)), 'every component\'s grid is a grid');
  assert.equal(metaValue(codes, 'codeGeneration'), 'current');
  assert.equal(metaValue(codes, 'codeMigratedAt'), '2026-07-01T08:00:00.000Z');
  // The workspace named the legacy table; its codes now read in the current one.
  assert.equal(metaValue(codes, 'taxonomy'), 'gbt47678.5-components');
  assert.equal(metaValue(codes, 'taxonomyBeforeMigration'), 'legacy-cjt214-components');
  const width = gdal.open(path);
  try {
    assert.equal(width.layers.get('grids').fields.get('BGCODE').width, 15, 'the grid code column holds 15 characters (a Shapefile export would cut a 14-wide one)');
  } finally {
    width.close();
  }

  const validate = runCli(['validate', '--workspace', path]);
  assert.equal(validate.status, 0, `the migrated workspace validates clean:\n${validate.stdout}`);
  assert.match(validate.stdout, /taxonomy gbt47678\.5-components/);
  assert.match(validate.stdout, /错误 errors 0, 警告 warnings 0/);

  const migrated = readFileSync(path);
  const again = await migrate(path);
  assert.equal(again.status, 'already-current');
  assert.equal(again.updated, 0);
  assert.match(again.message.en, /already on Current codes/);
  assert.deepEqual(readFileSync(path), migrated, 'a second run leaves the file byte for byte');
});

test('a class without a counterpart refuses the whole migration and lists the codes; asked to, it migrates the rest', async () => {
  const path = await tinyWith('pole.gpkg', ['3713020117000001']);
  const original = readFileSync(path);
  const reportPath = join(folder.path, 'pole-report.csv');
  const refused = await migrate(path, { reportPath });
  assert.equal(refused.status, 'refused');
  assert.equal(refused.updated, 0);
  assert.deepEqual(refused.refused.map((entry) => `${entry.layer}.${entry.field} ${entry.code} ${entry.problem}`), ['components.OBJCODE 3713020117000001 unmapped-class']);
  assert.deepEqual(refused.unmappedClasses.map((group) => `${group.classCode} ${group.className} ${group.reason} ${group.count}`), ['0117 立杆 no-counterpart 1']);
  assert.deepEqual(readFileSync(path), original, 'a refused migration changes nothing');
  const csv = readFileSync(reportPath, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(csv[0], 'layer,field,kind,role,old_code,new_code,features,status,reason');
  assert.ok(csv.includes('grids,BGCODE,grid,identity,37130200100101,371302001001001,1,planned,'), 'what would have changed, marked as planned');
  assert.ok(csv.some((line) => line.startsWith('components,OBJCODE,component,identity,3713020117000001,,1,refused,unmapped-class: ')));

  const partial = await migrate(path, { leaveUnmigratable: true });
  assert.equal(partial.status, 'partial');
  const codes = codesOf(path);
  assert.ok(codes.grids!.every((code) => code.length === 15));
  assert.ok(codes.componentGrids!.every((code) => codes.grids!.includes(code)));
  assert.deepEqual(codes.components!.filter((code) => code.length === 16), ['3713020117000001'], 'only the refused code is left');
  assert.equal(metaValue(codes, 'codeGeneration'), 'mixed');
  assert.equal(metaValue(codes, 'codesNotMigrated'), '1');
  assert.equal(metaValue(codes, 'taxonomy'), 'legacy-cjt214-components', 'a mixed workspace keeps its legacy class table');

  const before = readFileSync(path);
  const again = await migrate(path);
  assert.equal(again.status, 'partial', 'once a partial migration was chosen, a second run does not refuse');
  assert.match(again.message.en, /nothing more to migrate; 1 codes/);
  assert.deepEqual(readFileSync(path), before);
});

test('a failure part-way (a trigger refusing to update cases) leaves the sample byte for byte as before', async () => {
  const sample = copyOfSample('code-migration-failure');
  try {
    const dataset = gdal.open(sample.workspacePath, 'r+');
    try {
      dataset.executeSQL("CREATE TRIGGER test_cases_locked BEFORE UPDATE OF BGCODE ON cases BEGIN SELECT RAISE(ABORT, 'cases are locked by the case system'); END");
    } catch (thrown) {
      if ((thrown as Error).message) throw thrown;
    } finally {
      dataset.close();
    }
    const original = readFileSync(sample.workspacePath);
    // Grids are widened and rewritten, and components follow, before cases fail.
    await assert.rejects(migrate(sample.workspacePath, { leaveUnmigratable: true }), (error: Error) => {
      assert.match(error.message, /layer cases, field BGCODE: the codes could not be rewritten \(.*cases are locked by the case system.*\); nothing was changed/);
      return true;
    });
    assert.deepEqual(readFileSync(sample.workspacePath), original, 'rolled back: the file is as it was');
  } finally {
    sample.remove();
  }
});
