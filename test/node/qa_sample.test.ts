/**
 * The standards check on the sample city: the committed sample is clean; a
 * copy damaged with GDAL SQL (one grid shifted 1 m — an overlap and a gap —,
 * one component recorded in a far grid, one component code with a county
 * that does not exist) is reported at exactly those features; and the
 * `citygrid validate` command says so with its exit code.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import type { QaReport } from '../../src/core/qa/qa_finding.js';
import { runStatement } from '../../src/node/gdal/gdal_sql.js';
import { writeSample } from '../../sample-city/node/write_sample.js';
import { validateFile as validate } from '../helpers/validate_file.js';
import { tempDir } from '../helpers/paths.js';
import { runCli } from '../helpers/run_cli.js';
import { copyOfSample } from '../helpers/sample_workspace.js';
import { sqlRows } from '../helpers/sql_rows.js';

const clean = copyOfSample('qa-clean');
const damaged = copyOfSample('qa-damaged');
after(() => { clean.remove(); damaged.remove(); });


const key = (finding: QaReport['findings'][number]): string => `${finding.ruleId} ${finding.layer}#${finding.fid}`;

interface Box { fid: number; code: string; community: string; minX: number; minY: number; maxX: number; maxY: number }

let baseline: QaReport;
const expected = { shifted: 0, neighbour: 0, community: 0, height: 0, misplaced: 0, farGrid: '', recoded: 0, recodedCode: '' };

before(async () => {
  baseline = await validate(clean.workspacePath);
  const dataset = gdal.open(damaged.workspacePath, 'r+');
  try {
    const rows = sqlRows(dataset);
    const grids: Box[] = rows('SELECT fid, BGCODE AS code, SQCODE AS community, ST_MinX(geom) AS minX, ST_MinY(geom) AS minY, ST_MaxX(geom) AS maxX, ST_MaxY(geom) AS maxY FROM grids ORDER BY fid') as unknown as Box[];
    const points = rows('SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM components UNION ALL SELECT ST_X(geom), ST_Y(geom) FROM addresses') as unknown as Array<{ x: number; y: number }>;
    // A rectangle grid with a same-size neighbour to the east in its community, and nothing in its westmost metre.
    const shifted = grids.find((grid) => grid.fid > 1
      && grids.some((other) => other.maxX === grid.minX && other.community === grid.community && other.minY === grid.minY && other.maxY === grid.maxY)
      && grids.some((other) => other.minX === grid.maxX && other.community === grid.community && other.minY === grid.minY && other.maxY === grid.maxY)
      && !points.some((point) => point.x >= grid.minX - 0.01 && point.x <= grid.minX + 1.01 && point.y >= grid.minY - 0.01 && point.y <= grid.maxY + 0.01));
    assert.ok(shifted, 'the sample has a grid to shift');
    const neighbour = grids.find((other) => other.minX === shifted.maxX && other.community === shifted.community && other.minY === shifted.minY)!;
    const communityFid = Number(rows(`SELECT fid FROM communities WHERE code = '${shifted.community}'`)[0]!.fid);
    runStatement(dataset, `UPDATE grids SET geom = AsGPB(ST_Translate(geom, 1, 0, 0)) WHERE fid = ${shifted.fid}`);
    // A component well inside its grid, recorded in the grid farthest from it; another with county 999999.
    const component = rows(`SELECT fid, ST_X(geom) AS x FROM components WHERE BGCODE <> '${shifted.code}' AND BGCODE <> '${neighbour.code}' ORDER BY fid LIMIT 1`)[0]!;
    const far = grids.reduce((best, grid) => (Math.abs(grid.minX - Number(component.x)) > Math.abs(best.minX - Number(component.x)) ? grid : best));
    runStatement(dataset, `UPDATE components SET BGCODE = '${far.code}' WHERE fid = ${component.fid}`);
    const recoded = rows('SELECT fid, OBJCODE FROM components ORDER BY fid DESC LIMIT 1')[0]!;
    const recodedCode = `999999${String(recoded.OBJCODE).slice(6)}`;
    runStatement(dataset, `UPDATE components SET OBJCODE = '${recodedCode}' WHERE fid = ${recoded.fid}`);
    Object.assign(expected, {
      shifted: shifted.fid, neighbour: neighbour.fid, community: communityFid, height: shifted.maxY - shifted.minY,
      misplaced: Number(component.fid), farGrid: far.code, recoded: Number(recoded.fid), recodedCode,
    });
  } finally {
    dataset.close();
  }
});

test('the committed sample city has no error findings', () => {
  assert.equal(baseline.summary.errors, 0, baseline.findings.filter((finding) => finding.severity === 'error').map((finding) => `${key(finding)} ${finding.message.en}`).join('\n'));
  assert.deepEqual(baseline.skipped, []);
  assert.ok(baseline.checked.components! >= 5000 && baseline.checked.grids! >= 100, JSON.stringify(baseline.checked));
});

test('a damaged copy is reported at exactly the damaged features', async () => {
  const report = await validate(damaged.workspacePath);
  const added = report.findings.map(key).filter((finding) => !baseline.findings.map(key).includes(finding)).sort();
  assert.deepEqual(added, [
    `COMPONENT_CODE_INVALID components#${expected.recoded}`,
    `COMPONENT_GRID_MISMATCH components#${expected.misplaced}`,
    `GRID_GAP communities#${expected.community}`,
    `GRID_OVERLAP grids#${Math.min(expected.shifted, expected.neighbour)}`,
  ].sort());
  const area = expected.height * 1;
  const overlap = report.findings.find((finding) => finding.ruleId === 'GRID_OVERLAP')!;
  const gap = report.findings.find((finding) => finding.ruleId === 'GRID_GAP')!;
  assert.ok(Math.abs(Number(overlap.details.area) - area) < 0.01, `overlap ${overlap.details.area} m², expected ${area}`);
  assert.ok(Math.abs(Number(gap.details.area) - area) < 0.01, `gap ${gap.details.area} m², expected ${area}`);
  const mismatch = report.findings.find((finding) => finding.ruleId === 'COMPONENT_GRID_MISMATCH')!;
  assert.equal(mismatch.details.recorded, expected.farGrid);
  assert.equal(report.findings.find((finding) => finding.ruleId === 'COMPONENT_CODE_INVALID')!.code, expected.recodedCode);
});

test('citygrid validate: exit 0 on the clean sample, 1 with errors; text and JSON', () => {
  const ok = runCli(['validate', '--workspace', clean.workspacePath]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /错误 errors 0/);
  assert.match(ok.stdout, /GRID_OVERLAP\s+error\s+0/);
  const failed = runCli(['validate', '--workspace', damaged.workspacePath]);
  assert.equal(failed.status, 1, failed.stderr);
  assert.match(failed.stdout, /GRID_OVERLAP\s+error\s+1/);
  assert.match(failed.stdout, new RegExp(`COMPONENT_CODE_INVALID\\s+components#${expected.recoded} ${expected.recodedCode}`));
  const json = runCli(['validate', '--workspace', damaged.workspacePath, '--json']);
  assert.equal(json.status, 1);
  const report = JSON.parse(json.stdout) as QaReport;
  assert.equal(report.summary.errors, baseline.summary.errors + 4);
  assert.equal(runCli(['validate']).status, 2, 'no --workspace is wrong usage');
  assert.equal(runCli(['validate', '--workspace', join(clean.dir, 'missing.gpkg')]).status, 1);
});

test('citygrid publish refuses the damaged copy (exit 1, nothing written) and publishes it with --allow-errors', () => {
  const out = join(damaged.dir, 'packages');
  const refused = runCli(['publish', '--workspace', damaged.workspacePath, '--out', out]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /VALIDATION_FAILED.*GRID_OVERLAP 1/);
  assert.deepEqual(readdirSync(out), []);
  const allowed = runCli(['publish', '--workspace', damaged.workspacePath, '--out', out, '--allow-errors', '--json']);
  assert.equal(allowed.status, 0, allowed.stderr);
  const result = JSON.parse(allowed.stdout) as { directory: string; qa: { errors: number } };
  assert.equal(result.qa.errors, baseline.summary.errors + 4);
  const report = JSON.parse(readFileSync(join(result.directory, 'qa-report.json'), 'utf8')) as QaReport;
  assert.ok(report.findings.some((finding) => finding.ruleId === 'COMPONENT_CODE_INVALID' && finding.fid === expected.recoded));
});

test('full-scale sample: ~28,000 grids and ~968,000 components validate clean', {
  skip: process.env.CITYGRID_SKIP_FULL === '1' ? 'CITYGRID_SKIP_FULL=1' : false,
  timeout: 600_000,
}, async (context) => {
  const folder = tempDir('qa-full');
  try {
    const sample = await writeSample({ outDir: folder.path, scale: 'full', writeSource: false }, SILENT_FEEDBACK);
    const started = performance.now();
    const report = await validate(sample.workspacePath);
    const seconds = (performance.now() - started) / 1000;
    context.diagnostic(`validated ${JSON.stringify(report.checked)} in ${seconds.toFixed(2)} s; timings ${JSON.stringify(report.timings)}`);
    assert.equal(report.summary.errors, 0, report.findings.slice(0, 20).map((finding) => `${key(finding)} ${finding.message.en}`).join('\n'));
    // The target is 5 s on two cores; the bound here leaves room for a busy test machine.
    assert.ok(seconds < 30, `${seconds.toFixed(1)} s`);
  } finally {
    folder.remove();
  }
});
