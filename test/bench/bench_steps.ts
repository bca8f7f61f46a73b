/**
 * The measured steps of `npm run bench`. Each runs in its own process (see
 * run_bench.ts) so that its peak memory is its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { writeSample } from '../../src/node/sample/write_sample.js';
import { startPostgis } from '../helpers/postgis_server.js';

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
};

export function stepNames(): string[] {
  return Object.keys(STEPS);
}

export function fullSampleReady(context: BenchContext): boolean {
  return existsSync(join(context.fullDir, 'workspace.gpkg')) && existsSync(join(context.fullDir, 'source', 'components.shp'));
}
