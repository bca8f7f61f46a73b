/**
 * `citygrid sample`: generates the sample city (pure, seeded, in core) and
 * writes it as a workspace GeoPackage plus the raw survey deliverables a
 * census company would hand over: GBK shapefiles in `source/`. Everything is
 * written into a hidden staging folder next to the target and moved into
 * place at the end, so a failure or a cancel leaves no half workspace.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CityGridError } from '../../src/core/api/errors.js';
import type { Feedback } from '../../src/core/jobs/feedback.js';
import { generateSampleCity, type SampleDivisions } from '../core/generate_sample_city.js';
import { loadCountyDivisions } from '../../src/node/divisions/china_divisions.js';
import { samplesDir } from '../../src/node/schemas/repo_paths.js';
import { loadCodeLayouts } from '../../src/node/schemas/load_schemas.js';
import { loadClassTaxonomy, loadWorkspaceTaxonomy } from '../../src/node/schemas/load_taxonomy.js';
import { SOURCE_LAYERS, writeSampleLayers } from './write_sample_layers.js';

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
  /** Seconds from the start of writing until each layer was generated and written. */
  timings: Record<string, number>;
}

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

function checkTarget(outDir: string, workspacePath: string, sourceDir: string | null): void {
  if (existsSync(workspacePath)) {
    throw new CityGridError('OUTPUT_UNWRITABLE', 'a workspace already exists there; choose an empty folder', workspacePath);
  }
  const taken = sourceDir ? SOURCE_LAYERS.filter((layer) => existsSync(join(sourceDir, `${layer}.shp`))) : [];
  if (taken.length > 0) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `shapefiles already exist there (${taken.join(', ')}); choose an empty folder`, sourceDir!);
  }
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (thrown) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `cannot create the folder (${(thrown as NodeJS.ErrnoException).code})`, outDir);
  }
}

export async function writeSample(options: WriteSampleOptions, feedback: Feedback): Promise<WriteSampleResult> {
  const settings = loadSampleSettings();
  const workspacePath = join(options.outDir, 'workspace.gpkg');
  const writeSource = options.writeSource !== false;
  const sourceDir = writeSource ? join(options.outDir, 'source') : null;
  checkTarget(options.outDir, workspacePath, sourceDir);
  const seed = options.seed ?? settings.defaultSeed;
  const taxonomy = loadWorkspaceTaxonomy(settings.taxonomy);
  feedback.reportProgress(0, { zh: '规划样例城市', en: 'planning the sample city' });
  const city = generateSampleCity({
    scale: options.scale,
    seed,
    divisions: sampleDivisions(settings.county),
    taxonomy: taxonomy.components,
    events: taxonomy.city?.events ?? loadClassTaxonomy('legacy-events'),
    layouts: loadCodeLayouts(),
    origin: settings.origin,
    surveyDate: settings.surveyDate,
  });
  let stagingDir: string;
  try {
    stagingDir = mkdtempSync(join(options.outDir, '.citygrid-sample-'));
  } catch (thrown) {
    throw new CityGridError('OUTPUT_UNWRITABLE', `cannot write in the folder (${(thrown as NodeJS.ErrnoException).code})`, options.outDir);
  }
  try {
    const staged = await writeSampleLayers(
      city, stagingDir,
      { name: settings.name, crs: settings.crs, taxonomy: settings.taxonomy },
      { packageName: settings.packageName, sampleScale: options.scale, sampleSeed: String(seed) },
      writeSource, feedback,
    );
    if (sourceDir && staged.sourceDir) {
      mkdirSync(sourceDir, { recursive: true });
      for (const file of readdirSync(staged.sourceDir)) renameSync(join(staged.sourceDir, file), join(sourceDir, file));
    }
    // The workspace last: its presence is what says the sample is complete.
    renameSync(staged.workspacePath, workspacePath);
    feedback.reportProgress(1, { zh: '样例城市已生成', en: 'sample city written' });
    return { workspacePath, sourceDir, counts: staged.counts, timings: staged.timings };
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
  }
}
