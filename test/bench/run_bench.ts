/**
 * `npm run bench`: full-scale measurements side by side with the reference
 * tools, reported as ratios with peak memory. Each step runs in a child
 * process of its own (`--step NAME`), so peak RSS belongs to that step.
 *   node build/test/bench/run_bench.js [--fresh] [--only step,step]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../helpers/paths.js';
import { fullSampleReady, STEPS, type BenchContext, type StepResult } from './bench_steps.js';

interface Measured extends StepResult { peakMemoryMb: number }

const context: BenchContext = {
  fullDir: join(repoRoot(), '.work', 'bench', 'full'),
  scratchDir: join(repoRoot(), '.work', 'bench', 'scratch'),
};

/** The comparisons each issue asks for: ours against the reference tool. */
const COMPARISONS: Array<{ title: string; ours: string; reference: string; target: string }> = [
  { title: 'assign components to grids (point in polygon)', ours: 'assign-components', reference: 'postgis-assign', target: '≥ 10× faster than PostGIS' },
  { title: 'import GBK component shapefile', ours: 'import-components', reference: 'ogr2ogr-components', target: '≤ 1.2× ogr2ogr' },
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

function main(): void {
  const stepIndex = process.argv.indexOf('--step');
  if (stepIndex >= 0) {
    void runStep(process.argv[stepIndex + 1]!).catch((error) => { process.stderr.write(`${(error as Error).stack}\n`); process.exit(1); });
    return;
  }
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? new Set(process.argv[onlyIndex + 1]!.split(',')) : null;
  const results: Record<string, Measured> = {};
  if (process.argv.includes('--fresh') || !fullSampleReady(context) || only?.has('sample-full')) {
    results['sample-full'] = measure('sample-full');
  }
  for (const name of Object.keys(STEPS)) {
    if (name === 'sample-full' || (only && !only.has(name))) continue;
    results[name] = measure(name);
  }
  const lines = ['', 'CityGrid Studio benchmark (full-scale sample city)', ''];
  for (const [name, result] of Object.entries(results)) {
    const details = Object.entries(result).filter(([key]) => key !== 'seconds' && key !== 'peakMemoryMb').map(([key, value]) => `${key}=${value}`).join(' ');
    lines.push(`  ${name.padEnd(22)} ${result.seconds.toFixed(2).padStart(8)} s  peak ${String(result.peakMemoryMb).padStart(6)} MB  ${details}`);
  }
  lines.push('');
  for (const comparison of COMPARISONS) {
    const ours = results[comparison.ours];
    const reference = results[comparison.reference];
    if (!ours || !reference) continue;
    const speedup = reference.seconds / ours.seconds;
    lines.push(`  ${comparison.title}: ours ${ours.seconds.toFixed(2)} s vs ${comparison.reference} ${reference.seconds.toFixed(2)} s → ${speedup >= 1 ? `${speedup.toFixed(1)}× faster` : `${(1 / speedup).toFixed(2)}× the time`} (target ${comparison.target})`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const folder = join(repoRoot(), 'build', 'bench');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'results.json'), JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
}

main();
