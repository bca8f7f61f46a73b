/**
 * The measured steps of `npm run bench`. Each runs in its own process (see
 * run_bench.ts) so that its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assignComponentsToGrids } from '../../src/core/grids/assign_components_to_grids.js';
import { buildGridSet } from '../../src/core/grids/grid_set.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { assignWorkspaceComponents } from '../../src/node/grids/assign_workspace_components.js';
import { readGridAssignmentInput } from '../../src/node/grids/read_grid_assignment_input.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { writeSample } from '../../sample-city/node/write_sample.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { startPostgis } from '../helpers/postgis_server.js';
import { validateFile } from '../helpers/validate_file.js';
import { makeDirtyCity } from './make_dirty_city.js';

export interface StepResult {
  seconds: number;
  [detail: string]: number | string;
}

export interface BenchContext {
  /** Folder holding the full-scale sample (workspace.gpkg, source/). */
  fullDir: string;
  scratchDir: string;
}

export type Step = (context: BenchContext) => Promise<StepResult>;

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

export const STEPS: Record<string, Step> = {
  /** The full-scale sample city, written from scratch. */
  async 'sample-full'(context) {
    rmSync(context.fullDir, { recursive: true, force: true });
    const start = process.hrtime.bigint();
    const result = await writeSample({ outDir: context.fullDir, scale: 'full' }, SILENT_FEEDBACK);
    return { seconds: seconds(start), grids: result.counts.grids ?? 0, components: result.counts.components ?? 0, addresses: result.counts.addresses ?? 0 };
  },

  /** citygrid import of the GBK component shapefile into a fresh workspace. */
  async 'import-components'(context) {
    const target = join(context.scratchDir, 'import-target.gpkg');
    rmSync(target, { force: true });
    const start = process.hrtime.bigint();
    const report = await importLayer({ workspacePath: target, layer: 'components', source: join(context.fullDir, 'source', 'components.shp') }, SILENT_FEEDBACK);
    return { seconds: seconds(start), features: report.imported };
  },

  /** The reference for the import: ogr2ogr -f GPKG on the same file. */
  async 'ogr2ogr-components'(context) {
    const target = join(context.scratchDir, 'ogr2ogr-target.gpkg');
    rmSync(target, { force: true });
    const start = process.hrtime.bigint();
    const result = spawnSync('ogr2ogr', ['-f', 'GPKG', target, join(context.fullDir, 'source', 'components.shp')], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`ogr2ogr failed: ${result.stderr}`);
    return { seconds: seconds(start) };
  },

  /**
   * The reference for the grid assignment: PostGIS, components and grids
   * loaded with ogr2ogr, GiST indexes, then an ST_Contains join written to a
   * table (the same work: every component gets the code of its grid).
   */
  async 'postgis-assign'(context) {
    const server = startPostgis();
    try {
      const workspace = join(context.fullDir, 'workspace.gpkg');
      const loadStart = process.hrtime.bigint();
      const load = spawnSync('ogr2ogr', ['-f', 'PostgreSQL', `PG:${server.connection}`, workspace, 'grids', 'components',
        '-lco', 'GEOMETRY_NAME=geom', '-lco', 'SPATIAL_INDEX=GIST', '-lco', 'FID=fid', '--config', 'PG_USE_COPY', 'YES'], { encoding: 'utf8' });
      if (load.status !== 0) throw new Error(`loading PostGIS failed: ${load.stderr}`);
      server.psql('ANALYZE grids; ANALYZE components;');
      const loadSeconds = seconds(loadStart);
      const assignSeconds = server.timeStatement('CREATE TABLE assignment AS SELECT c.fid, g.bgcode FROM components c JOIN grids g ON ST_Contains(g.geom, c.geom)');
      const assigned = Number(server.psql('SELECT count(*) FROM assignment').stdout.trim());
      return { seconds: assignSeconds, assigned, loadSeconds };
    } finally {
      server.stop();
    }
  },

  /**
   * Ours, the same work as postgis-assign: `citygrid assign` (without
   * --write) on the full workspace, reading included. The read and the
   * assignment overlap (chunks are assigned while the next are read), so
   * they do not add up to `seconds`: readSeconds runs from the start until
   * the last chunk is read, assignSeconds is the main thread's time building
   * the grid index and assigning. The assignment that looks every component
   * up in the index instead of testing its recorded grid first (a spatial
   * join's way) is timed apart on the whole input, not part of `seconds`.
   */
  async 'assign-components'(context) {
    const path = join(context.fullDir, 'workspace.gpkg');
    const start = process.hrtime.bigint();
    const workspace = Workspace.open(path);
    let report;
    try {
      report = await assignWorkspaceComponents(workspace, {}, SILENT_FEEDBACK);
    } finally {
      workspace.close();
    }
    const total = seconds(start);
    const input = await readGridAssignmentInput(path, SILENT_FEEDBACK);
    const indexStart = process.hrtime.bigint();
    const lookedUp = assignComponentsToGrids(buildGridSet(input.grids.codes, input.grids.geometries), input.components, {
      recordedToleranceMetres: report.tolerances.recordedMetres, outsideToleranceMetres: report.tolerances.outsideMetres, recordedFirst: false,
    }, SILENT_FEEDBACK);
    const indexOnlySeconds = seconds(indexStart);
    const assigned = report.counts.components - report.counts.inNoGrid - report.counts.withoutPosition;
    if (lookedUp.counts.inNoGrid !== report.counts.inNoGrid || lookedUp.counts.otherGrid !== report.counts.otherGrid) {
      throw new Error('the index-only assignment disagrees with the product one');
    }
    return {
      seconds: total, assigned, readSeconds: report.timings.read! / 1000, assignSeconds: report.timings.assign! / 1000, readAndAssign: 'overlapped',
      indexOnlyAssignSeconds: indexOnlySeconds, mismatched: report.counts.otherGrid + report.counts.unrecorded, inNoGrid: report.counts.inNoGrid,
    };
  },

  /** A full `citygrid validate` (its service: read, every rule, the report) on the full-scale sample. */
  async 'validate-full'(context) {
    const start = process.hrtime.bigint();
    const report = await validateFile(join(context.fullDir, 'workspace.gpkg'));
    const cpu = process.cpuUsage();
    return {
      seconds: seconds(start), errors: report.summary.errors, warnings: report.summary.warnings,
      readSeconds: (report.timings.read ?? 0) / 1000, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      components: report.checked.components ?? 0, addresses: report.checked.addresses ?? 0, cases: report.checked.cases ?? 0,
    };
  },

  /**
   * The same check on a dirty delivery of the full city: every component
   * without its mandatory DEPTCODE1, every tenth with an invalid OBJSTATE.
   * Compared with postgis-assign, the PostGIS ST_Contains join of the same
   * components; reportMb is the report as `citygrid validate --json` prints it.
   */
  async 'validate-dirty'(context) {
    const path = dirtyWorkspace(context);
    const start = process.hrtime.bigint();
    const report = await validateFile(path);
    const elapsed = seconds(start);
    const cpu = process.cpuUsage();
    const count = (ruleId: string): number => report.summary.byRule.find((rule) => rule.ruleId === ruleId)?.count ?? 0;
    return {
      seconds: elapsed, errors: report.summary.errors, warnings: report.summary.warnings,
      requiredMissing: count('ATTRIBUTE_REQUIRED_MISSING'), invalid: count('ATTRIBUTE_INVALID'), groups: report.groups.length,
      listed: report.findings.length, reportMb: Math.round(JSON.stringify(report, null, 2).length / 1e4) / 100,
      readSeconds: (report.timings.read ?? 0) / 1000, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    };
  },
};

/** The dirty delivery (make_dirty_city.ts), made again whenever the full sample is newer; not timed. */
function dirtyWorkspace(context: BenchContext): string {
  const clean = join(context.fullDir, 'workspace.gpkg');
  const dirty = join(context.scratchDir, 'dirty', 'workspace.gpkg');
  if (!existsSync(dirty) || statSync(dirty).mtimeMs < statSync(clean).mtimeMs) makeDirtyCity(clean, dirty);
  return dirty;
}

export function stepNames(): string[] {
  return Object.keys(STEPS);
}

export function fullSampleReady(context: BenchContext): boolean {
  return existsSync(join(context.fullDir, 'workspace.gpkg')) && existsSync(join(context.fullDir, 'source', 'components.shp'));
}
