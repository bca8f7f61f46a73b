/**
 * `citygrid sample`: generates the sample city (pure, seeded, in core) and
 * writes it as a workspace GeoPackage plus the raw survey deliverables a
 * census company would hand over: GBK shapefiles in `source/`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import gdal from '../gdal/gdal_runtime.js';
import { CityGridError } from '../../core/api/errors.js';
import { subFeedback, throwIfCanceled, type Feedback } from '../../core/jobs/feedback.js';
import { generateSampleCity, type SampleDivisions } from '../../core/sample/generate_sample_city.js';
import { loadCountyDivisions } from '../divisions/china_divisions.js';
import { samplesDir } from '../schemas/repo_paths.js';
import { loadCodeLayouts, loadComponentTaxonomy } from '../schemas/load_schemas.js';
import { Workspace } from '../workspace/workspace.js';

export interface SampleSettings {
  name: string;
  packageName: string;
  county: string;
  crs: string;
  taxonomy: string;
  origin: [number, number];
  surveyDate: string;
  defaultSeed: number;
}

export interface WriteSampleOptions {
  outDir: string;
  scale: 'small' | 'full';
  seed?: number;
  /** Also write the shapefile deliverables (default true). */
  writeSource?: boolean;
}

export interface WriteSampleResult {
  workspacePath: string;
  sourceDir: string | null;
  counts: Record<string, number>;
}

/** Layers a survey company delivers as shapefiles. */
const SOURCE_LAYERS = ['streets', 'communities', 'grids', 'components', 'addresses', 'roads', 'ownership'];

export function loadSampleSettings(): SampleSettings {
  return JSON.parse(readFileSync(join(samplesDir(), 'lanshan.sample.json'), 'utf8')) as SampleSettings;
}

export function sampleDivisions(countyCode: string): SampleDivisions {
  const divisions = loadCountyDivisions(countyCode);
  return {
    province: divisions.province.name,
    city: divisions.city.name,
    county: { code: divisions.county.code, name: divisions.county.name },
    streets: divisions.streets.map((street) => ({
      code: street.code,
      name: street.name,
      communities: street.communities.map((community) => ({ code: community.code, name: community.name })),
    })),
  };
}

export async function writeSample(options: WriteSampleOptions, feedback: Feedback): Promise<WriteSampleResult> {
  const settings = loadSampleSettings();
  const workspacePath = join(options.outDir, 'workspace.gpkg');
  if (existsSync(workspacePath)) {
    throw new CityGridError('OUTPUT_UNWRITABLE', 'a workspace already exists there; choose an empty folder', workspacePath);
  }
  try {
    mkdirSync(options.outDir, { recursive: true });
  } catch (thrown) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `cannot create the folder (${(thrown as NodeJS.ErrnoException).code})`, options.outDir);
  }
  const city = generateSampleCity({
    scale: options.scale,
    seed: options.seed ?? settings.defaultSeed,
    divisions: sampleDivisions(settings.county),
    taxonomy: loadComponentTaxonomy(settings.taxonomy),
    layouts: loadCodeLayouts(),
    origin: settings.origin,
    surveyDate: settings.surveyDate,
  });
  const workspace = Workspace.create(workspacePath, { name: settings.name, crs: settings.crs, taxonomy: settings.taxonomy });
  const counts: Record<string, number> = {};
  try {
    await workspace.writeMeta({ packageName: settings.packageName, sampleScale: options.scale, sampleSeed: String(options.seed ?? settings.defaultSeed) });
    const layerNames = Object.keys(city.layers) as Array<keyof typeof city.layers>;
    const writeShare = options.writeSource === false ? 1 : 0.8;
    for (const [index, layerName] of layerNames.entries()) {
      throwIfCanceled(feedback);
      const layerFeedback = subFeedback(feedback, writeShare * index / layerNames.length, writeShare * (index + 1) / layerNames.length);
      layerFeedback.reportProgress(0, { zh: `生成 ${layerName}`, en: `generating ${layerName}` });
      counts[layerName] = await workspace.replaceFeatures(layerName, city.layers[layerName](), layerFeedback, city.counts[layerName] ?? 0);
    }
  } finally {
    workspace.close();
  }
  let sourceDir: string | null = null;
  if (options.writeSource !== false) {
    sourceDir = join(options.outDir, 'source');
    await writeSourceShapefiles(workspacePath, sourceDir, subFeedback(feedback, 0.8, 1));
  }
  feedback.reportProgress(1, { zh: '样例城市已生成', en: 'sample city written' });
  return { workspacePath, sourceDir, counts };
}

/** GBK-encoded shapefiles with a .cpg, as survey companies deliver them. */
async function writeSourceShapefiles(workspacePath: string, sourceDir: string, feedback: Feedback): Promise<void> {
  mkdirSync(sourceDir, { recursive: true });
  const source = gdal.open(workspacePath);
  try {
    for (const [index, layerName] of SOURCE_LAYERS.entries()) {
      throwIfCanceled(feedback);
      feedback.reportProgress(index / SOURCE_LAYERS.length, { zh: `导出 ${layerName}.shp`, en: `writing ${layerName}.shp` });
      const output = await gdal.vectorTranslateAsync(join(sourceDir, `${layerName}.shp`), source, ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', layerName]);
      output.close();
    }
  } finally {
    source.close();
  }
}
