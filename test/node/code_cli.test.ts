/** `citygrid code parse` and `citygrid code migrate` as an admin runs them: real processes, real files. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CodeExplanation } from '../../src/core/codes/explain_code.js';
import type { WorkspaceMigrationReport } from '../../src/node/codes/migration_report.js';
import { repoRoot, tempDir } from '../helpers/paths.js';
import { runCli, runTool } from '../helpers/run_cli.js';
import { copyOfSample } from '../helpers/sample_workspace.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';

const folder = tempDir('code-cli');
after(() => folder.remove());

test('code parse prints the kind and each segment with its meaning, exit 0', () => {
  const grid = runCli(['code', 'parse', '37130200100103']);
  assert.equal(grid.status, 0, grid.stderr);
  assert.match(grid.stdout, /^37130200100103 {2}单元网格标识码\(14位\) \/ Unit grid code \(14 digits\)/);
  assert.match(grid.stdout, /division\s+371302\s+县级行政区划代码 \/ County-level division: 山东省临沂市兰山区/);
  assert.match(grid.stdout, /street\s+001\s+.*: 兰山街道/);
  assert.match(grid.stdout, /community\s+001\s+.*: 前十社区居民委员会/);
  assert.match(grid.stdout, /有效 \/ valid/);
  const component = runCli(['code', 'parse', '37130201001000001']);
  assert.equal(component.status, 0);
  assert.match(component.stdout, /minor\s+001\s+小类 \/ Minor class: 供水井盖/);
});

test('code parse of an invalid code says exactly why, exit 1', () => {
  const division = runCli(['code', 'parse', '9999990101000001']);
  assert.equal(division.status, 1);
  assert.match(division.stdout, /DIVISION_UNKNOWN: 县级行政区划代码999999不存在 \/ county-level division code 999999 does not exist/);
  const street = runCli(['code', 'parse', '37130299900101']);
  assert.equal(street.status, 1);
  assert.match(street.stdout, /STREET_NOT_IN_COUNTY: 兰山区（371302）下没有代码为999的街道/);
  const length = runCli(['code', 'parse', '3713020101', '--kind', 'component']);
  assert.equal(length.status, 1);
  assert.match(length.stdout, /WRONG_LENGTH: 部件标识码应为16或17位，实际10位/);
});

test('code parse --json gives the explanation as data', () => {
  const valid = runCli(['code', 'parse', '37130206001', '--json']);
  assert.equal(valid.status, 0);
  const explanation = JSON.parse(valid.stdout) as CodeExplanation;
  assert.equal(explanation.kind, 'matter');
  assert.equal(explanation.segments.find((segment) => segment.name === 'minor')?.meaning, '私搭乱建');
  const invalid = runCli(['code', 'parse', '3713020199000001', '--json']);
  assert.equal(invalid.status, 1);
  const refused = JSON.parse(invalid.stdout) as CodeExplanation;
  assert.equal(refused.valid, false);
  assert.deepEqual(refused.issues.map((issue) => [issue.code, issue.segment]), [['CLASS_UNKNOWN', 'minor']]);
});

test('code parse reads local classes with the taxonomy a workspace names (the sample: city-lanshan)', () => {
  const sample = copyOfSample('code-cli');
  try {
    const byBase = runCli(['code', 'parse', '3713020139000001']);
    assert.equal(byBase.status, 1);
    assert.match(byBase.stdout, /CLASS_UNKNOWN/);
    const byWorkspace = runCli(['code', 'parse', '3713020139000001', '--workspace', sample.workspacePath]);
    assert.equal(byWorkspace.status, 0, byWorkspace.stdout);
    assert.match(byWorkspace.stdout, /city-lanshan/);
    assert.match(byWorkspace.stdout, /共享单车停放点/);
    const event = runCli(['code', 'parse', '3713022101', '--taxonomy', 'city-lanshan']);
    assert.equal(event.status, 0);
    assert.match(event.stdout, /扩展事件[\s\S]*违规燃放烟花爆竹/);
    // the committed sample holds local-class components the city taxonomy names
    const sql = "SELECT OBJCODE FROM components WHERE substr(OBJCODE, 7, 4) = '0139' LIMIT 1";
    const code = /OBJCODE \(String\) = (\d+)/.exec(runTool('ogrinfo', ['-ro', '-q', '-sql', sql, sample.workspacePath]).stdout)?.[1];
    assert.ok(code, 'the sample has a 共享单车停放点');
    assert.equal(runCli(['code', 'parse', code, '--workspace', sample.workspacePath]).status, 0);
  } finally {
    sample.remove();
  }
});

test('wrong usage exits 2', () => {
  assert.equal(runCli(['code']).status, 2);
  assert.equal(runCli(['code', 'frobnicate']).status, 2);
  assert.equal(runCli(['code', 'parse']).status, 2);
  assert.equal(runCli(['code', 'parse', '1', '2']).status, 2);
  assert.equal(runCli(['code', 'parse', '1', '--kind', 'tree']).status, 2);
  assert.equal(runCli(['code', 'migrate']).status, 2);
  const unknownTaxonomy = runCli(['code', 'parse', '37130200100103', '--taxonomy', 'no-such']);
  assert.equal(unknownTaxonomy.status, 1);
  assert.match(unknownTaxonomy.stderr, /no taxonomy "no-such"/);
});

test('code migrate --dry-run --json reports; code migrate rewrites the whole workspace; a missing workspace is named', async () => {
  const path = await createTinyWorkspace(folder.path, 'cli.gpkg');
  const dry = runCli(['code', 'migrate', '--workspace', path, '--dry-run', '--json']);
  assert.equal(dry.status, 0, dry.stderr);
  const plan = JSON.parse(dry.stdout) as WorkspaceMigrationReport;
  assert.equal(plan.dryRun, true);
  assert.equal(plan.status, 'migrated');
  assert.deepEqual(plan.fields.map((field) => `${field.layer}.${field.field} ${field.counts.migrated}`), ['grids.BGCODE 2', 'components.BGCODE 3', 'cases.BGCODE 0', 'components.OBJCODE 3', 'cases.OBJCODE 0']);
  assert.deepEqual(plan.missingFields, [], 'the tiny workspace has every layer, cases included (empty)');
  assert.deepEqual(plan.fields.find((field) => field.layer === 'components' && field.field === 'OBJCODE')!.changes.map((change) => change.to).sort(), ['37130201001000001', '37130201037000001', '37130203005000001']);
  const reportPath = join(folder.path, 'cli-report.json');
  const run = runCli(['code', 'migrate', '--workspace', path, '--report', reportPath]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /grid-legacy-14 → grid-current-15, component-legacy-16 → component-current-17/);
  assert.match(run.stdout, /grids\.BGCODE\s+grid\s+identity\s+migrated 2/);
  assert.match(run.stdout, /0101 上水井盖 → 01001 供水井盖 {2}1 {2}\[term-renamed\]/);
  assert.match(run.stdout, /8 codes rewritten in one transaction/);
  const written = JSON.parse(readFileSync(reportPath, 'utf8')) as WorkspaceMigrationReport;
  assert.deepEqual(written.fields[0]!.changes, [{ from: '37130200100101', to: '371302001001001', count: 1 }, { from: '37130200100102', to: '371302001001002', count: 1 }]);
  const rows = runTool('ogrinfo', ['-ro', '-q', '-sql', 'SELECT OBJCODE, BGCODE FROM components ORDER BY OBJCODE', path]).stdout;
  assert.deepEqual([...rows.matchAll(/OBJCODE \(String\) = (\d+)/g)].map((match) => match[1]), ['37130201001000001', '37130201037000001', '37130203005000001']);
  assert.deepEqual([...rows.matchAll(/BGCODE \(String\) = (\d+)/g)].map((match) => match[1]!.length), [15, 15, 15]);
  const again = runCli(['code', 'migrate', '--workspace', path]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /已是现行标准代码\(GB\/T 47678\)，无需迁移 \/ already on Current codes \(GB\/T 47678\); nothing to migrate/);
  const legacy = runCli(['code', 'parse', '37130200100101', '--workspace', path]);
  assert.equal(legacy.status, 0, 'still a well-formed code');
  assert.match(legacy.stdout, /note: .*the workspace is on Current codes \(GB\/T 47678\), which writes this kind as Unit grid code \(15 characters\); this is a Unit grid code \(14 digits\)/);
  assert.doesNotMatch(runCli(['code', 'parse', '371302001001001', '--workspace', path]).stdout, /note:/);
  assert.equal(runCli(['code', 'migrate', '--workspace', path, '--report', join(folder.path, 'report.txt')]).status, 2, 'a report must be .csv or .json');
  const missing = runCli(['code', 'migrate', '--workspace', join(folder.path, 'none.gpkg')]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /FILE_NOT_FOUND.*none\.gpkg/);
});

test('the committed taxonomy files are what scripts/build-taxonomies.mjs builds from ../shared/standards', { skip: !existsSync(join(repoRoot(), '..', 'shared', 'standards')) && 'no ../shared/standards in this clone' }, () => {
  const check = runTool(process.execPath, [join(repoRoot(), 'scripts', 'build-taxonomies.mjs'), '--check']);
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /taxonomy files are up to date/);
});
