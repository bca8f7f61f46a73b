/**
 * Real `kill -9` of real `citygrid import` and `citygrid publish` processes
 * at points through their work (reading, writing, checksums, right after
 * the rename): the workspace is exactly as before or as after, and the next
 * start sweeps what the killed process left (staging files in
 * `.citygrid/staging/`, `.partial` package folders) — never what a live
 * process owns. A publish killed after its rename, before the workspace
 * recorded the version, does not make the next publish reuse the version.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { citygridBin, tempDir } from '../helpers/paths.js';
import { publishCrashScript } from '../helpers/publish_crash.js';
import { runCli, runTool } from '../helpers/run_cli.js';
import { COMMITTED_SAMPLE } from '../helpers/sample_workspace.js';

const folder = tempDir('kill-leftovers');
after(() => folder.remove());
const path = (name: string): string => join(folder.path, name);
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const sql = (file: string, query: string): string => execFileSync('sqlite3', [file, query]).toString().trim();

let sampleCount: number;
let sourceCount: number;

/** Enough components that staging and writing them take a while, so kills land inside each. */
const SOURCE_POINTS = 150_000;

before(() => {
  sampleCount = Number(sql(COMMITTED_SAMPLE(), 'SELECT count(*) FROM components'));
  const rows = ['X,Y,OBJCODE,OBJNAME'];
  for (let index = 0; index < SOURCE_POINTS; index++) rows.push(`${39620000 + (index % 500)},${3880000 + Math.floor(index / 500)},${3713020118000000 + index},路灯`);
  writeFileSync(path('source.csv'), `${rows.join('\n')}\n`);
  sourceCount = SOURCE_POINTS;
});

/** When to kill: `delayMs` after the first progress line matching `line` (stderr, in Chinese), or after `staged()` first says yes. */
interface KillPoint { line?: RegExp; staged?: () => boolean; delayMs: number }

/** Runs the CLI and kills it with SIGKILL at the point; resolves with how it ended. */
function runAndKill(args: string[], point: KillPoint): Promise<{ killed: boolean; status: number | null }> {
  const child = spawn(process.execPath, [citygridBin(), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let armed = false;
  const arm = (): void => {
    if (armed) return;
    armed = true;
    setTimeout(() => child.kill('SIGKILL'), point.delayMs);
  };
  createInterface({ input: child.stderr! }).on('line', (text) => { if (point.line?.test(text)) arm(); });
  const poll = point.staged ? setInterval(() => { if (point.staged!()) arm(); }, 5) : null;
  return new Promise((resolve) => child.once('exit', (status, signal) => {
    if (poll) clearInterval(poll);
    resolve({ killed: signal === 'SIGKILL', status });
  }));
}

const stagingEntries = (workspaceFolder: string): string[] => {
  const staging = join(workspaceFolder, '.citygrid', 'staging');
  const inFolder = existsSync(staging) ? readdirSync(staging) : [];
  return [...inFolder, ...readdirSync(workspaceFolder).filter((name) => name.startsWith('.citygrid-import-'))];
};

test('import killed with SIGKILL at points through its work: the workspace is before or after, the next import sweeps the leftovers', async () => {
  const staging = (index: number) => () => stagingEntries(path(`import-${index}`)).length > 0;
  const points: Array<(index: number) => KillPoint> = [
    () => ({ line: /读取/, delayMs: 0 }), (index) => ({ staged: staging(index), delayMs: 0 }), (index) => ({ staged: staging(index), delayMs: 300 }),
    () => ({ line: /写入/, delayMs: 0 }), () => ({ line: /写入/, delayMs: 100 }), () => ({ line: /写入/, delayMs: 300 }), () => ({ line: /写入/, delayMs: 700 }),
  ];
  let killedWithLeftovers = 0;
  let endedAfter = 0;
  for (const [index, pointAt] of points.entries()) {
    const runFolder = path(`import-${index}`);
    mkdirSync(runFolder);
    const point = pointAt(index);
    const workspace = join(runFolder, 'workspace.gpkg');
    copyFileSync(COMMITTED_SAMPLE(), workspace);
    const before = sha256(workspace);
    const outcome = await runAndKill(['import', '--workspace', workspace, '--layer', 'components', '--crs', 'EPSG:4527', path('source.csv')], point);
    const label = `kill ${point.delayMs} ms after ${point.line?.source ?? 'the staging file appeared'}`;
    if (outcome.killed && stagingEntries(runFolder).length > 0) killedWithLeftovers++;
    // sqlite3 rolls back what a killed transaction left in the journal, as any next opener does.
    assert.equal(sql(workspace, 'PRAGMA integrity_check'), 'ok', label);
    const count = Number(sql(workspace, 'SELECT count(*) FROM components'));
    if (count === sampleCount) assert.equal(sha256(workspace), before, `${label}: before, byte for byte`);
    else {
      assert.equal(count, sourceCount, `${label}: before or after, nothing between`);
      endedAfter++;
    }
    // The killed import's child (the staging translation) notices it is orphaned within half a second.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const next = runCli(['import', '--workspace', workspace, '--layer', 'components', '--crs', 'EPSG:4527', path('source.csv')]);
    assert.equal(next.status, 0, next.stderr);
    assert.deepEqual(stagingEntries(runFolder), [], `${label}: the next import left no staging behind`);
    assert.equal(Number(sql(workspace, 'SELECT count(*) FROM components')), sourceCount);
  }
  assert.ok(killedWithLeftovers > 0, 'some kills left staging files for the next start to sweep');
  assert.ok(endedAfter < points.length, 'some kills came before the commit');
});

test('a staging file of a live process is not swept', async () => {
  const runFolder = path('live');
  mkdirSync(join(runFolder, '.citygrid', 'staging'), { recursive: true });
  const workspace = join(runFolder, 'workspace.gpkg');
  copyFileSync(COMMITTED_SAMPLE(), workspace);
  const live = join(runFolder, '.citygrid', 'staging', `import-${process.pid}-live.gpkg`);
  const dead = join(runFolder, '.citygrid', 'staging', 'import-999999999-gone.gpkg');
  writeFileSync(live, 'in use');
  writeFileSync(dead, 'left behind');
  const next = runCli(['import', '--workspace', workspace, '--layer', 'components', '--crs', 'EPSG:4527', path('source.csv')]);
  assert.equal(next.status, 0, next.stderr);
  assert.equal(existsSync(live), true, 'the live process keeps its file');
  assert.equal(existsSync(dead), false);
});

/** The package folders in `outDir`, complete ones checked with sha256sum. */
function packagesIn(outDir: string): { versions: number[]; partials: string[] } {
  const entries = existsSync(outDir) ? readdirSync(outDir) : [];
  const versions: number[] = [];
  for (const entry of entries) {
    const match = /^lanshan-sample-(\d+)$/.exec(entry);
    if (!match) continue;
    assert.equal(runTool('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], join(outDir, entry)).status, 0, `${entry} is complete`);
    versions.push(Number(match[1]));
  }
  return { versions: versions.sort((a, b) => a - b), partials: entries.filter((entry) => entry.includes('.partial')) };
}

test('publish killed with SIGKILL at points through its work: complete packages only, the workspace before or after, the next publish sweeps .partial folders', async () => {
  const workspace = path('publish.gpkg');
  copyFileSync(COMMITTED_SAMPLE(), workspace);
  const outDir = path('packages');
  const points: KillPoint[] = [{ line: /%/, delayMs: 0 }, { line: /复制/, delayMs: 0 }, { line: /复制/, delayMs: 300 }, { line: /计算校验和/, delayMs: 0 }, { line: /计算校验和/, delayMs: 60 }];
  let partialsLeft = 0;
  for (const point of points) {
    const label = `kill ${point.delayMs} ms after ${point.line!.source}`;
    const versionBefore = Number(sql(workspace, "SELECT value FROM citygrid_meta WHERE key = 'publishedVersion'"));
    const before = sha256(workspace);
    const outcome = await runAndKill(['publish', '--workspace', workspace, '--out', outDir], point);
    const killed = packagesIn(outDir);
    if (outcome.killed && killed.partials.length > 0) partialsLeft++;
    assert.equal(sql(workspace, 'PRAGMA integrity_check'), 'ok', label);
    const versionAfter = Number(sql(workspace, "SELECT value FROM citygrid_meta WHERE key = 'publishedVersion'"));
    if (versionAfter === versionBefore) assert.equal(sha256(workspace), before, `${label}: the workspace is as before`);
    else assert.equal(versionAfter, Math.max(...killed.versions), `${label}: after, it records the package it wrote`);
    const next = runCli(['publish', '--workspace', workspace, '--out', outDir]);
    assert.equal(next.status, 0, next.stderr);
    const swept = packagesIn(outDir);
    assert.deepEqual(swept.partials, [], `${label}: the next publish swept the .partial folders`);
    assert.equal(swept.versions.at(-1), Math.max(0, ...killed.versions) + 1, `${label}: the next version follows the highest package`);
    assert.equal(new Set(swept.versions).size, swept.versions.length);
  }
  assert.ok(partialsLeft > 0, 'some kills left a .partial folder for the next start to sweep');
});

test('a publish killed right after its rename, before the workspace recorded it: the next publish takes the next version', () => {
  const workspace = path('renamed.gpkg');
  copyFileSync(COMMITTED_SAMPLE(), workspace);
  const outDir = path('renamed-packages');
  const crash = spawnSync(process.execPath, [publishCrashScript(), workspace, outDir], { encoding: 'utf8', timeout: 300_000 });
  assert.equal(crash.signal, 'SIGKILL', `killed itself: ${crash.stderr}`);
  assert.deepEqual(packagesIn(outDir).versions, [1]);
  assert.equal(sql(workspace, "SELECT value FROM citygrid_meta WHERE key = 'publishedVersion'"), '0', 'the workspace is behind the folder');
  const next = runCli(['publish', '--workspace', workspace, '--out', outDir, '--json']);
  assert.equal(next.status, 0, next.stderr);
  assert.equal((JSON.parse(next.stdout) as { version: number }).version, 2);
  assert.deepEqual(packagesIn(outDir).versions, [1, 2]);
  assert.equal(sql(workspace, "SELECT value FROM citygrid_meta WHERE key = 'publishedVersion'"), '2');
});
