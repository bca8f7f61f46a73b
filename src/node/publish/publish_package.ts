/**
 * Publishes a workspace as a versioned data package for the case system:
 * `<outDir>/<name>-<version>/` with package.gpkg, qa-report.json (the
 * standards check, which must find no errors unless allowed),
 * datapackage.json (checked against schemas/package.schema.json) and
 * SHA256SUMS. The package is built in
 * a hidden staging folder and renamed into place only when complete, so a
 * failed or canceled publish leaves nothing a consumer could mistake for a
 * package.
 */
import { readLayerSrs } from '../gdal/read_layer_srs.js';
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import gdal from '../gdal/gdal_runtime.js';
import type { PublishResult } from '../../core/api/contract.js';
import { CityGridError } from '../../core/api/errors.js';
import type { Feedback } from '../../core/jobs/feedback.js';
import { subFeedback, throwIfCanceled } from '../../core/jobs/feedback.js';
import type { LayerSchema } from '../../core/schema/layer_schema.js';
import { createFieldDefinition } from '../gdal/gdal_features.js';
import { inTransaction } from '../gdal/gdal_sql.js';
import { envelopeToExtent, type Workspace } from '../workspace/workspace.js';
import { crsInfoOf } from '../workspace/workspace_crs.js';
import { checkBeforePublish, QA_REPORT_FILE, writeQaReport } from './check_before_publish.js';
import { checksumFile, formatSha256Sums } from './file_checksums.js';
import { sweepStalePartials } from '../staging/staging_folder.js';
import { validateManifest } from './validate_manifest.js';

const FEATURES_PER_SLICE = 2000;
/** Share of the progress bar for the standards check before the copy. */
const CHECK_SHARE = 0.3;

export interface PublishOptions {
  outDir: string;
  /** Publish even when the check finds errors (the package records it). */
  allowErrors?: boolean;
}

interface LayerEntry {
  name: string;
  title: { zh: string; en: string };
  geometryType: string;
  count: number;
  extent: [number, number, number, number] | null;
  sha256: string;
}

export async function publishPackage(workspace: Workspace, options: PublishOptions, parentFeedback: Feedback): Promise<PublishResult> {
  const outDir = resolve(options.outDir);
  ensureWritableFolder(outDir);
  sweepStalePartials(outDir);
  const report = await checkBeforePublish(workspace, options.allowErrors === true, subFeedback(parentFeedback, 0, CHECK_SHARE));
  const feedback = subFeedback(parentFeedback, CHECK_SHARE, 1);
  const meta = workspace.readMeta();
  const name = meta.packageName || slugify(meta.name);
  const version = Math.max(Number(meta.publishedVersion) || 0, highestPublishedVersion(outDir, name)) + 1;
  const finalDir = join(outDir, `${name}-${version}`);
  const stagingDir = join(outDir, `.${name}-${version}.partial-${process.pid}`);
  rmSync(stagingDir, { recursive: true, force: true });
  mkdirSync(stagingDir);
  let layers: LayerEntry[];
  try {
    layers = await writePackageGeopackage(workspace, join(stagingDir, 'package.gpkg'), feedback);
    throwIfCanceled(feedback);
    feedback.reportProgress(0.95, { zh: '计算校验和', en: 'computing checksums' });
    const gpkgChecksum = await checksumFile(stagingDir, 'package.gpkg');
    const qa = writeQaReport(stagingDir, report);
    const qaChecksum = await checksumFile(stagingDir, QA_REPORT_FILE);
    const crs = crsInfoOf(readLayerSrs(workspace.dataset.layers.get(workspace.schema.layers[0]!.name)), meta.crs);
    const manifest = {
      profile: 'citygrid-data-package',
      profileVersion: '1.0',
      name,
      title: meta.name,
      version,
      created: new Date().toISOString(),
      generator: 'CityGrid Studio',
      crs,
      taxonomy: meta.taxonomy,
      layers,
      qa,
      files: [gpkgChecksum, qaChecksum],
    };
    validateManifest(manifest);
    writeFileSync(join(stagingDir, 'datapackage.json'), JSON.stringify(manifest, null, 2) + '\n');
    const manifestChecksum = await checksumFile(stagingDir, 'datapackage.json');
    writeFileSync(join(stagingDir, 'SHA256SUMS'), formatSha256Sums([gpkgChecksum, qaChecksum, manifestChecksum]));
    throwIfCanceled(feedback);
    if (existsSync(finalDir)) throw new CityGridError('OUTPUT_UNWRITABLE', 'a package of this version already exists', finalDir);
    renameSync(stagingDir, finalDir);
  } catch (thrown) {
    rmSync(stagingDir, { recursive: true, force: true });
    throw thrown;
  }
  await workspace.writeMeta({ publishedVersion: String(version) });
  feedback.reportProgress(1, { zh: `已发布 ${name}-${version}`, en: `published ${name}-${version}` });
  return {
    directory: finalDir,
    name,
    version,
    files: ['package.gpkg', QA_REPORT_FILE, 'datapackage.json', 'SHA256SUMS'].map((file) => join(finalDir, file)),
    layerCounts: Object.fromEntries(layers.map((entry) => [entry.name, entry.count])),
    qa: { errors: report.summary.errors, warnings: report.summary.warnings },
  };
}

/** Copies every schema layer into a new GeoPackage, hashing each layer's content on the way. */
async function writePackageGeopackage(workspace: Workspace, path: string, feedback: Feedback): Promise<LayerEntry[]> {
  const infos = workspace.layerInfos();
  const total = Math.max(1, infos.reduce((sum, info) => sum + info.featureCount, 0));
  const target = gdal.open(path, 'w', 'GPKG');
  const entries: LayerEntry[] = [];
  let copied = 0;
  try {
    for (const info of infos) {
      const layerSchema = workspace.layerSchema(info.name);
      const source = workspace.layer(info.name);
      const destination = target.layers.create(info.name, readLayerSrs(source), source.geomType, ['SPATIAL_INDEX=YES']);
      for (const field of layerSchema.fields) destination.fields.add(createFieldDefinition(field));
      const hash = createHash('sha256');
      let count = 0;
      await inTransaction(target, async () => {
        for (let feature = source.features.first(); feature; feature = source.features.next()) {
          const copy = new gdal.Feature(destination);
          copy.setFrom(feature);
          destination.features.add(copy);
          hashFeature(hash, layerSchema, feature);
          count++;
          copied++;
          if (count % FEATURES_PER_SLICE === 0) {
            // Yield so that progress events go out and a cancel request can arrive.
            await new Promise((resolveSlice) => setImmediate(resolveSlice));
            throwIfCanceled(feedback);
            feedback.reportProgress(0.9 * copied / total, { zh: `复制 ${info.title.zh} ${count}/${info.featureCount}`, en: `copying ${info.title.en} ${count}/${info.featureCount}` });
          }
        }
      });
      feedback.reportProgress(0.9 * copied / total, { zh: `已复制 ${info.title.zh}`, en: `copied ${info.title.en}` });
      entries.push({
        name: info.name,
        title: info.title,
        geometryType: layerSchema.geometry,
        count,
        extent: count > 0 ? envelopeToExtent(destination.getExtent()) : null,
        sha256: hash.digest('hex'),
      });
    }
  } finally {
    target.close();
  }
  return entries;
}

function hashFeature(hash: ReturnType<typeof createHash>, layerSchema: LayerSchema, feature: gdal.Feature): void {
  const values = layerSchema.fields.map((field) => feature.fields.get(field.name) ?? null);
  hash.update(JSON.stringify(values));
  const geometry = feature.getGeometry();
  hash.update(geometry ? geometry.toWKB('MSB', 'ISO') : Buffer.alloc(0));
}

function ensureWritableFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (thrown) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `cannot write the package here (${(thrown as NodeJS.ErrnoException).code ?? (thrown as Error).message})`, folder);
  }
}

function highestPublishedVersion(folder: string, name: string): number {
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
  let highest = 0;
  for (const entry of readdirSync(folder)) {
    const match = pattern.exec(entry);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

export function slugify(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'citygrid-package';
}
