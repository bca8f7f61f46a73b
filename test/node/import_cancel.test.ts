/**
 * Cancel during GDAL's staging translation, most of an import's time: from
 * the CLI (Ctrl-C, i.e. SIGINT) and through the services' job runner. The
 * translation stops where it is — the progress never reaches the end of
 * reading (80%), where before it ran to the end first — the import ends as
 * canceled, the workspace is unchanged and no staging file is left.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import type { ServiceEvent } from '../../src/core/api/contract.js';
import { CityGridServices } from '../../src/node/services/citygrid_services.js';
import { citygridBin, tempDir } from '../helpers/paths.js';
import { COMMITTED_SAMPLE } from '../helpers/sample_workspace.js';

const folder = tempDir('import-cancel');
const path = (name: string): string => join(folder.path, name);
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
/** Enough points that staging them takes many seconds, long enough to cancel in the middle. */
const POINTS = 1_500_000;

before(async () => {
  const out = createWriteStream(path('points.csv'));
  const write = (text: string): Promise<void> => new Promise((resolve) => { if (out.write(text)) resolve(); else out.once('drain', resolve); });
  await write('X,Y,OBJCODE,OBJNAME\n');
  const rows: string[] = [];
  for (let index = 0; index < POINTS; index++) {
    rows.push(`${39620000 + (index % 2000) * 0.5},${3880000 + Math.floor(index / 2000) * 0.5},${3713020118000000 + index},路灯\n`);
    if (rows.length === 10_000) await write(rows.splice(0).join(''));
  }
  await write(rows.join(''));
  await new Promise((resolve) => out.end(resolve));
});
after(() => folder.remove());

function workspaceCopy(name: string): { workspace: string; staging: string } {
  const runFolder = path(name);
  mkdirSync(runFolder);
  const workspace = join(runFolder, 'workspace.gpkg');
  copyFileSync(COMMITTED_SAMPLE(), workspace);
  return { workspace, staging: join(runFolder, '.citygrid', 'staging') };
}

const componentCount = (file: string): number => Number(execFileSync('sqlite3', [file, 'SELECT count(*) FROM components']).toString().trim());
const stagingLeft = (staging: string): string[] => (existsSync(staging) ? readdirSync(staging) : []);

test('Ctrl-C during staging stops the translation at once: canceled, the workspace unchanged, no staging left', async () => {
  const { workspace, staging } = workspaceCopy('cli');
  const before = sha256(workspace);
  const child = spawn(process.execPath, [citygridBin(), 'import', '--workspace', workspace, '--layer', 'components', '--crs', 'EPSG:4527', path('points.csv')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const percents: number[] = [];
  let stderr = '';
  let interrupted = false;
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr += `${line}\n`;
    const percent = /^\s*(\d+)% /.exec(line);
    if (!percent) return;
    percents.push(Number(percent[1]));
    // The first progress past 0% means the translation is under way (the estimate is made before it).
    if (!interrupted && Number(percent[1]) > 0) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  const status = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  assert.ok(interrupted, `the staging reported progress: ${stderr}`);
  assert.equal(status, 1, stderr);
  assert.match(stderr, /CANCELED/);
  assert.ok(Math.max(...percents) < 80, `the translation stopped where it was, not at the end of reading: ${percents.join(', ')}`);
  assert.equal(sha256(workspace), before, 'the workspace is unchanged');
  assert.deepEqual(stagingLeft(staging), []);
});

test('cancelJob during staging stops the translation: the job ends canceled, the workspace unchanged, no staging left', async () => {
  const { workspace, staging } = workspaceCopy('job');
  // The services' own opening may touch the file (GDAL's bookkeeping on close), so the layer is compared, not the bytes.
  const before = componentCount(workspace);
  const services = new CityGridServices();
  const progress: number[] = [];
  let finish: (event: Extract<ServiceEvent, { kind: 'job-finished' }>) => void = () => undefined;
  const finished = new Promise<Extract<ServiceEvent, { kind: 'job-finished' }>>((resolve) => { finish = resolve; });
  let jobId = '';
  let canceled = false;
  const unsubscribe = services.subscribe((event) => {
    if (event.kind === 'job-progress' && event.jobId === jobId) {
      progress.push(event.fraction);
      if (!canceled && event.fraction > 0) {
        canceled = true;
        void services.cancelJob({ jobId });
      }
    }
    if (event.kind === 'job-finished' && event.jobId === jobId) finish(event);
  });
  try {
    await services.openWorkspace({ path: workspace });
    jobId = (await services.startImport({ layer: 'components', source: path('points.csv'), crs: 'EPSG:4527' })).jobId;
    const event = await finished;
    assert.ok(canceled, 'the staging reported progress');
    assert.equal(!event.result.ok && event.result.error.code, 'CANCELED', JSON.stringify(event.result));
    assert.ok(Math.max(...progress) < 0.8, `the translation stopped where it was: ${progress.join(', ')}`);
  } finally {
    unsubscribe();
    await services.dispose();
  }
  assert.equal(componentCount(workspace), before, 'the layer is unchanged');
  assert.deepEqual(stagingLeft(staging), []);
});
