/**
 * `npm run bench`: full-scale measurements side by side with the reference
 * tools, reported as ratios with peak memory. Each step runs in a child
 * process of its own (`--step NAME`), so peak RSS belongs to that step.
 *   node build/test/bench/run_bench.js [--fresh] [--only step,step] [--repeat N]
 * With --repeat, every step runs N times, round by round (ours and the
 * reference side by side under the same load), and the summary takes medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../helpers/paths.js';
import { fullSampleReady, STEPS, type BenchContext, type StepResult } from './bench_steps.js';

interface Measured extends StepResult { peakMemoryMb: number }

const context: BenchContext = {
  fullDir: join(repoRoot(), '.work', 'bench', 'full'),
  scratchDir: join(repoRoot(), '.work', 'bench', 'scratch'),
};

/** The comparisons each issue asks for: ours against the reference tool (speed-up = reference / ours). */
const COMPARISONS: Array<{ title: string; ours: string; oursDetail?: string; reference: string; target: string; atLeast: number }> = [
  { title: 'assign components to grids, reading the workspace included', ours: 'assign-components', reference: 'postgis-assign', target: '≥ 10× faster than PostGIS', atLeast: 10 },
  { title: 'assign components to grids, the assignment alone', ours: 'assign-components', oursDetail: 'assignSeconds', reference: 'postgis-assign', target: '≥ 10× faster than PostGIS', atLeast: 10 },
  { title: 'validate the dirty full city (all components lack DEPTCODE1, 10% invalid OBJSTATE) vs the PostGIS ST_Contains join of its components', ours: 'validate-dirty', reference: 'postgis-assign', target: '≤ 0.25× the PostGIS join', atLeast: 4 },
  { title: 'import GBK component shapefile', ours: 'import-components', reference: 'ogr2ogr-components', target: '≤ 1.2× ogr2ogr', atLeast: 1 / 1.2 },
];

/** Steps measured against a time of their own. */
const TIME_TARGETS: Array<{ step: string; title: string; seconds: number }> = [
  { step: 'validate-full', title: 'full validation (citygrid validate)', seconds: 5 },
  { step: 'validate-dirty', title: 'full validation of the dirty city', seconds: 5 },
];

async function runStep(name: string): Promise<void> {
  mkdirSync(context.scratchDir, { recursive: true });
  const step = STEPS[name];
  if (!step) throw new Error(`unknown step ${name}`);
  const result = await step(context);
  const peakMemoryMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ ...result, peakMemoryMb })}\n`);
}

function measure(name: string): Measured {
  process.stderr.write(`[bench] ${name} …\n`);
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), '--step', name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`step ${name} failed:\n${child.stderr}`);
  const measured = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measured;
  process.stderr.write(`[bench] ${name}: ${measured.seconds.toFixed(2)} s, peak ${measured.peakMemoryMb} MB\n`);
  return measured;
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A step's runs as one result: median of each number, highest peak memory. */
function summarize(runs: Measured[]): Measured {
  const summary: Measured = { ...runs[0]! };
  for (const [key, value] of Object.entries(runs[0]!)) {
    if (typeof value === 'number') summary[key] = median(runs.map((run) => Number(run[key])));
  }
  summary.peakMemoryMb = Math.max(...runs.map((run) => run.peakMemoryMb));
  return summary;
}

function main(): void {
  const stepIndex = process.argv.indexOf('--step');
  if (stepIndex >= 0) {
    void runStep(process.argv[stepIndex + 1]!).catch((error) => { process.stderr.write(`${(error as Error).stack}\n`); process.exit(1); });
    return;
  }
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set(process.argv[onlyIndex + 1]!.split(',')) : null;
  const repeatIndex = process.argv.indexOf('--repeat');
  const repeat = repeatIndex >= 0 ? Math.max(1, Number(process.argv[repeatIndex + 1]) || 1) : 1;
  const loadBefore = loadAverage();
  const runs: Record<string, Measured[]> = {};
  if (process.argv.includes('--fresh') || !fullSampleReady(context) || only?.has('sample-full')) {
    runs['sample-full'] = [measure('sample-full')];
  }
  // Each round runs every step once, so that ours and the reference see the same load.
  for (let round = 0; round < repeat; round++) {
    for (const name of Object.keys(STEPS)) {
      if (name === 'sample-full' || (only && !only.has(name))) continue;
      (runs[name] ??= []).push(measure(name));
    }
  }
  const loadAfter = loadAverage();
  const results: Record<string, Measured> = {};
  for (const [name, measured] of Object.entries(runs)) results[name] = summarize(measured);
  const lines = ['', `CityGrid Studio benchmark (full-scale sample city)${repeat > 1 ? `, median of ${repeat} rounds` : ''}`,
    `  load average before ${loadBefore}, after ${loadAfter} (${cpus().length} cores)`, ''];
  lines.push(`  ${'step'.padEnd(22)} ${'seconds'.padStart(8)}  ${'peak RSS'.padStart(9)}  details`);
  for (const [name, result] of Object.entries(results)) {
    const details = Object.entries(result).filter(([key]) => key !== 'seconds' && key !== 'peakMemoryMb')
      .map(([key, value]) => `${key}=${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(2) : value}`).join(' ');
    lines.push(`  ${name.padEnd(22)} ${result.seconds.toFixed(2).padStart(8)}  ${`${result.peakMemoryMb} MB`.padStart(9)}  ${details}`);
  }
  lines.push('');
  for (const comparison of COMPARISONS) {
    const ours = results[comparison.ours];
    const reference = results[comparison.reference];
    if (!ours || !reference) continue;
    const oursSeconds = comparison.oursDetail ? Number(ours[comparison.oursDetail]) : ours.seconds;
    const speedup = reference.seconds / oursSeconds;
    const verdict = speedup >= comparison.atLeast ? 'met' : 'NOT met';
    lines.push(`  ${comparison.title}: ours ${oursSeconds.toFixed(2)} s vs ${comparison.reference} ${reference.seconds.toFixed(2)} s → `
      + `${speedup >= 1 ? `${speedup.toFixed(1)}× faster` : `${(1 / speedup).toFixed(2)}× the time`} (target ${comparison.target}: ${verdict})`);
  }
  for (const target of TIME_TARGETS) {
    const result = results[target.step];
    if (!result) continue;
    lines.push(`  ${target.title}: ${result.seconds.toFixed(2)} s vs target ${target.seconds} s → ${(result.seconds / target.seconds).toFixed(2)}× the target (${result.seconds <= target.seconds ? 'met' : 'NOT met'})`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const folder = join(repoRoot(), 'build', 'bench');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'results.json'), JSON.stringify({ date: new Date().toISOString(), load: { before: loadBefore, after: loadAfter, cores: cpus().length }, repeat, results, runs }, null, 2));
}

main();
