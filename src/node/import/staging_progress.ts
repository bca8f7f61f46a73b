/**
 * Progress of the staging translation without GDAL's progress callback
 * (called once per feature; through gdal-async that costs as much CPU as a
 * third of the translation): the staging file's size, read four times a
 * second, against the size it will reach. That size is estimated before the
 * translation from two small translations of the same source into memory
 * (/vsimem): one of the first SAMPLE_FEATURES features and one of none, so
 * that the file's fixed part and the bytes per feature are both measured in
 * GeoPackage terms. An estimate, so the fraction stops short of 1 until the
 * translation really ends.
 */
import { statSync } from 'node:fs';
import type { Dataset } from 'gdal-async';
import gdal from '../gdal/gdal_runtime.js';

const SAMPLE_FEATURES = 1000;
const POLL_MILLISECONDS = 250;
/** Below this a source is staged in a moment: no estimate, no polling. */
const SMALLEST_WATCHED = 20000;
/** The most the estimate may claim before the translation has ended. */
const CEILING = 0.98;

export interface StagingProgress {
  /** Stops the polling (the caller reports completion itself). */
  stop(): void;
}

let samplesTaken = 0;

/** Size in bytes of the translation of the source's first `limit` features, or null if GDAL cannot make it. */
async function sampleSize(source: Dataset, args: string[], limit: number): Promise<number | null> {
  const path = `/vsimem/citygrid-staging-sample-${process.pid}-${samplesTaken++}.gpkg`;
  try {
    const sample = await gdal.vectorTranslateAsync(path, source, [...args, '-limit', String(limit)]);
    sample.close();
    return Number(gdal.fs.stat(path).size);
  } catch {
    // The real translation says what is wrong with the source; the estimate just goes without.
    return null;
  } finally {
    try {
      gdal.vsimem.release(path);
    } catch {
      // Nothing was written.
    }
  }
}

/** The staging file's expected final size (translation arguments as for the staging), or null when the samples say nothing useful. */
export async function estimateStagingBytes(source: Dataset, args: string[], count: number): Promise<number | null> {
  const sampled = Math.min(count, SAMPLE_FEATURES);
  const empty = await sampleSize(source, args, 0);
  const some = await sampleSize(source, args, sampled);
  if (empty === null || some === null || some <= empty) return null;
  return empty + (some - empty) / sampled * count;
}

export async function watchStagingProgress(
  source: Dataset, args: string[], stagingPath: string, count: number, report: (fraction: number) => void,
): Promise<StagingProgress> {
  report(0);
  if (count < SMALLEST_WATCHED) return { stop: () => undefined };
  const expectedBytes = await estimateStagingBytes(source, args, count);
  if (expectedBytes === null) return { stop: () => undefined };
  let reported = 0;
  const timer = setInterval(() => {
    let written: number;
    try {
      written = statSync(stagingPath).size;
    } catch {
      return; // Not created yet.
    }
    const fraction = Math.min(CEILING, written / expectedBytes);
    if (fraction > reported + 0.005) {
      reported = fraction;
      report(fraction);
    }
  }, POLL_MILLISECONDS);
  return { stop: () => clearInterval(timer) };
}
