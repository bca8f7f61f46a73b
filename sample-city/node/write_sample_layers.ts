/**
 * Writes the generated city into a staging folder: workspace.gpkg and the
 * GBK shapefiles in source/. Three things run at once on the two cores:
 * JavaScript generates each layer into CSV files (core's streams, a few MB
 * at a time) and packs its spatial index, one libuv thread appends the
 * finished CSVs to the GeoPackage one after another and writes the packed
 * indexes (src/node/gdal/bulk_load_rtree.ts: one by one, R-tree inserts would be half of
 * the time), and another turns the CSVs into shapefiles — except the large
 * point deliverables, which JavaScript writes as shapefiles directly while it
 * writes their CSV (write_point_shapefile.ts) — and then loads the case
 * records into a GeoPackage of their own for the workspace to copy
 * (LOADED_ASIDE). The caller moves the results into place only when
 * everything succeeded.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CityGridError } from '../../src/core/api/errors.js';
import type { Feedback } from '../../src/core/jobs/feedback.js';
import { throwIfCanceled } from '../../src/core/jobs/feedback.js';
import type { SampleCity, SampleLayerName } from '../core/generate_sample_city.js';
import { findLayerSchema } from '../../src/core/schema/layer_schema.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { Workspace, type CreateWorkspaceOptions } from '../../src/node/workspace/workspace.js';
import { canEncodeGbk } from './encode_gbk.js';
import { rtreeNodeSize, setAsideIndexTrigger, writePackedRtree } from '../../src/node/gdal/bulk_load_rtree.js';
import { appendCsvAside, appendCsvToWorkspace, copyLayerFrom, translateCsvToShapefile } from './load_csv_layers.js';
import { packRtree } from '../../src/node/gdal/pack_rtree.js';
import { writeLayerCsv } from './write_layer_csv.js';
import { isPlainPointLayer, PointShapefileWriter } from './write_point_shapefile.js';

/** Layers a survey company delivers as shapefiles. */
export const SOURCE_LAYERS: readonly SampleLayerName[] = ['streets', 'communities', 'grids', 'components', 'addresses', 'roads', 'ownership'];

/**
 * The large layers, written last and the quickest to generate first: the GeoPackage thread is
 * the longest path and should start on them as early as it can, with the small layers (all the
 * others, first) to do meanwhile.
 */
const LARGE_LAYERS: readonly SampleLayerName[] = ['addresses', 'components', 'cases'];

/**
 * Layers the other GDAL thread (free once the small shapefiles are done) loads into a
 * GeoPackage of their own while the workspace's thread still appends the layers before; the
 * workspace then copies their rows in one statement. The last large layer: by the time it is
 * generated, the workspace's thread has the most still to do.
 */
const LOADED_ASIDE: readonly SampleLayerName[] = ['cases'];

export interface StagedSample {
  workspacePath: string;
  sourceDir: string | null;
  counts: Record<string, number>;
  /** Seconds from start until each part was done, for the record. */
  timings: Record<string, number>;
}

/** A chain of GDAL jobs, one after another, that remembers its first failure. */
class JobChain {
  private tail: Promise<void> = Promise.resolve();
  failure: unknown = null;

  add(job: () => Promise<void>): Promise<void> {
    // After a failure the rest of the chain is skipped: its files may not be there.
    const step = this.tail.then(() => {
      if (this.failure) throw this.failure;
      return job();
    });
    // The failure is kept here and rethrown by the writer; the chain must not count as unhandled meanwhile.
    step.catch((thrown: unknown) => { this.failure ??= thrown; });
    this.tail = step.catch(() => undefined);
    return step;
  }

  async finished(): Promise<void> {
    await this.tail;
    if (this.failure) throw this.failure;
  }
}

export async function writeSampleLayers(
  city: SampleCity, stagingDir: string, workspaceOptions: CreateWorkspaceOptions, meta: Record<string, string>, writeSource: boolean, feedback: Feedback,
): Promise<StagedSample> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started) / 1000;
  const workspacePath = join(stagingDir, 'workspace.gpkg');
  const sourceDir = writeSource ? join(stagingDir, 'source') : null;
  if (sourceDir) mkdirSync(sourceDir);
  const created = Workspace.create(workspacePath, workspaceOptions);
  const schema = created.schema;
  try {
    await created.writeMeta(meta);
  } finally {
    created.close();
  }
  const gbk = writeSource && canEncodeGbk();
  const names = Object.keys(city.layers) as SampleLayerName[];
  const order = [...names.filter((name) => !LARGE_LAYERS.includes(name)), ...LARGE_LAYERS.filter((name) => names.includes(name))];
  const dataset = gdal.open(workspacePath, 'r+');
  const workspaceJobs = new JobChain();
  const shapefileJobs = new JobChain();
  const counts: Record<string, number> = {};
  const timings: Record<string, number> = {};
  const jobCount = order.length + (sourceDir ? SOURCE_LAYERS.length : 0);
  let jobsDone = 0;
  const jobDone = (what: string): void => {
    jobsDone += 1;
    timings[what] = elapsed();
    feedback.reportProgress(0.05 + 0.95 * jobsDone / jobCount, { zh: `已写入 ${what}`, en: `written ${what}` });
  };
  try {
    // Every layer's R-tree was made with the file's page size, so one root tells the node size of all.
    const nodeSize = await rtreeNodeSize(dataset, workspacePath, order[0]!);
    for (const name of order) {
      throwIfCanceled(feedback);
      for (const chain of [workspaceJobs, shapefileJobs]) if (chain.failure) throw chain.failure;
      const layerSchema = findLayerSchema(schema, name);
      if (!layerSchema) throw new CityGridError('INTERNAL', `schemas/workspace-layers.json has no layer "${name}"`);
      feedback.reportProgress(0.05 + 0.95 * jobsDone / jobCount, { zh: `生成 ${name}`, en: `generating ${name}` });
      const toShapefile = sourceDir !== null && SOURCE_LAYERS.includes(name);
      // The million-point deliverables are written here, on the way; the rest by GDAL from a GBK CSV.
      const direct = toShapefile && gbk && isPlainPointLayer(layerSchema);
      const shapefile = direct ? await PointShapefileWriter.create(join(sourceDir, name), layerSchema, workspaceOptions.crs) : null;
      const files = await writeLayerCsv(layerSchema, city.layers[name](), join(stagingDir, name), toShapefile && gbk && !direct, feedback, shapefile);
      if (direct) jobDone(`source/${name}.shp`);
      counts[name] = files.count;
      const packed = packRtree(files.boxes, nodeSize);
      timings[`${name} generated`] = elapsed();
      const sidePath = LOADED_ASIDE.includes(name) ? join(stagingDir, `${name}.side.gpkg`) : null;
      const aside = sidePath ? shapefileJobs.add(() => appendCsvAside(sidePath, files.utf8, name, workspaceOptions)) : null;
      const steps = [workspaceJobs.add(async () => {
        const trigger = await setAsideIndexTrigger(dataset, workspacePath, name);
        if (aside && sidePath) {
          await aside;
          await copyLayerFrom(dataset, workspacePath, sidePath, name);
          rmSync(sidePath, { force: true });
        } else {
          await appendCsvToWorkspace(dataset, files.utf8, name);
        }
        await writePackedRtree(dataset, workspacePath, name, packed, trigger);
        jobDone(`workspace ${name}`);
      })];
      if (aside) steps.push(aside);
      if (toShapefile && !direct) {
        steps.push(shapefileJobs.add(async () => {
          await translateCsvToShapefile(files.gbk ?? files.utf8, files.gbk !== null, join(sourceDir, `${name}.shp`), layerSchema, workspaceOptions.crs);
          jobDone(`source/${name}.shp`);
        }));
      }
      // The CSVs go as soon as both readers are done with them (they are ~1 GB at full scale).
      void Promise.allSettled(steps).then(() => {
        for (const path of [files.utf8, files.gbk]) {
          if (path) for (const file of [path, `${path}t`]) rmSync(file, { force: true });
        }
      });
    }
    await workspaceJobs.finished();
    await shapefileJobs.finished();
    for (const name of order) {
      const written = dataset.layers.get(name).features.count();
      if (written !== counts[name]) throw new CityGridError('INTERNAL', `${written} of ${counts[name]} features reached the workspace`, `layer:${name}`);
    }
  } catch (thrown) {
    // Let running GDAL jobs end before the caller removes their files.
    await Promise.allSettled([workspaceJobs.finished(), shapefileJobs.finished()]);
    throw thrown;
  } finally {
    dataset.close();
  }
  timings.total = elapsed();
  // Counts in the city's own layer order, whatever order they were written in.
  const ordered = Object.fromEntries(names.map((name) => [name, counts[name]!]));
  return { workspacePath, sourceDir, counts: ordered, timings };
}
