/**
 * Every file of ../shared/corpus/shapefile-js, real shapefiles written by
 * other people, several broken on purpose. GDAL's own reading (`ogrinfo -ro
 * -so -al`) is the reference: where GDAL reads a file, our inspection
 * (`citygrid import --dry-run`) reads the same number of features to the end
 * and the same decoded text in the first feature; a real import into a
 * matching layer either brings in exactly those features or refuses with the
 * file and the reason, leaving no workspace behind. Where GDAL refuses, so do
 * we, naming the file. Each run is a child process with a time limit, so a
 * crash or a hang fails the file's test instead of the whole suite.
 *
 * One deliberate difference: a zip whose shapefile sits in a folder inside
 * it (T8Th4_6n.zip) is refused by GDAL at the zip's root; we look inside, so
 * the reference there is ogrinfo on that folder.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { citygridBin, corpusDir, repoRoot, tempDir } from '../helpers/paths.js';

const run = promisify(execFile);
const TIME_LIMIT_MS = 60_000;

interface Outcome { status: number | null; signal: string | null; stdout: string; stderr: string }

async function outcome(command: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: repoRoot(), timeout: TIME_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 });
    return { status: 0, signal: null, stdout, stderr };
  } catch (thrown) {
    const failure = thrown as { code?: number; signal?: string; stdout?: string; stderr?: string; killed?: boolean };
    return { status: typeof failure.code === 'number' ? failure.code : null, signal: failure.signal ?? null, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

const citygrid = (args: string[]): Promise<Outcome> => outcome(process.execPath, [citygridBin(), ...args]);

interface GdalReading { path: string; layer: string; count: number; geometry: string }

/** What ogrinfo makes of a path: its first layer's name, count and geometry, or null when it refuses. */
async function gdalReads(path: string): Promise<GdalReading | null> {
  const info = await outcome('ogrinfo', ['-ro', '-so', '-al', path]);
  const layer = /Layer name: (.+)/.exec(info.stdout)?.[1];
  const count = /Feature Count: (\d+)/.exec(info.stdout)?.[1];
  if (info.status !== 0 || !layer || count === undefined) return null;
  return { path, layer, count: Number(count), geometry: /Geometry: (.+)/.exec(info.stdout)?.[1] ?? 'None' };
}

/** The reference reading: the file (a zip through /vsizip/), or the one folder inside the zip holding shapefiles. */
async function reference(file: string): Promise<GdalReading | null> {
  if (!file.endsWith('.zip')) return gdalReads(file);
  const direct = await gdalReads(`/vsizip/${file}`);
  if (direct) return direct;
  const listing = await outcome('unzip', ['-Z1', file]);
  const folders = new Set(listing.stdout.split('\n').filter((name) => /\/[^/]+\.shp$/i.test(name)).map((name) => name.slice(0, name.lastIndexOf('/'))));
  return folders.size === 1 ? gdalReads(`/vsizip/${file}/${[...folders][0]}`) : null;
}

/** The first String attribute with a value in the first feature, as ogrinfo prints it (decoded as we decoded it). */
async function firstText(reading: GdalReading, encoding: string | null): Promise<{ field: string; value: string } | null> {
  const args = ['-ro', '-q', '-fid', '0', ...(encoding ? ['-oo', `ENCODING=${encoding}`] : []), reading.path, reading.layer];
  const info = await outcome('ogrinfo', args);
  const match = /^ {2}(\S+) \(String\) = (.+)$/m.exec(info.stdout);
  return match ? { field: match[1]!, value: match[2]! } : null;
}

function layerFor(geometry: string): string {
  if (/point/i.test(geometry)) return 'components';
  if (/line/i.test(geometry)) return 'roads';
  return 'grids';
}

const corpus = corpusDir();
const folder = corpus ? join(corpus, 'shapefile-js') : null;
const scratch = tempDir('corpus');
const table: string[] = [];
after(() => {
  scratch.remove();
  if (table.length) console.log(['file | GDAL (ogrinfo) | our inspection | our import', ...table.sort()].join('\n'));
});

if (!folder || !existsSync(folder)) {
  test('the shapefile-js corpus', (context) => { context.skip('../shared/corpus/shapefile-js is not beside this clone'); });
} else {
  const files = readdirSync(folder).filter((name) => /\.(shp|zip)$/i.test(name)).sort();
  describe('the shapefile-js corpus, file by file', { concurrency: 4 }, () => {
    for (const name of files) {
      test(name, { timeout: 3 * TIME_LIMIT_MS }, async () => {
        const file = join(folder, name);
        const gdal = await reference(file);
        const inspection = await citygrid(['import', '--dry-run', '--json', file]);
        assert.equal(inspection.signal, null, `no crash, no hang: ${inspection.signal}`);
        if (!gdal) {
          assert.equal(inspection.status, 1, `GDAL refuses ${name}, so must we: ${inspection.stdout}`);
          assert.ok(inspection.stderr.includes(file), `the message names the file: ${inspection.stderr}`);
          const reason = /error (\w+): .*?: (.*)$/m.exec(inspection.stderr);
          table.push(`${name} | refused | refused: ${reason?.[1]} ${reason?.[2]?.slice(0, 70)} | -`);
          return;
        }
        assert.equal(inspection.status, 0, inspection.stderr);
        const report = JSON.parse(inspection.stdout) as { featureCount: number; firstFeature: Record<string, unknown> | null; encoding: { openOption: string | null } | null };
        assert.equal(report.featureCount, gdal.count, 'the same number of features, read to the end');
        const text = await firstText(gdal, report.encoding?.openOption ?? null);
        if (text) assert.equal(String(report.firstFeature?.[text.field] ?? ''), text.value, `the first feature's ${text.field} decodes as GDAL decodes it`);
        const workspacePath = join(scratch.path, `${name}.gpkg`);
        const layer = layerFor(gdal.geometry);
        const imported = await citygrid(['import', '--json', '--workspace', workspacePath, '--layer', layer, file]);
        assert.equal(imported.signal, null);
        let importResult: string;
        if (imported.status === 0) {
          const importReport = JSON.parse(imported.stdout) as { imported: number };
          assert.equal(importReport.imported, gdal.count, 'the import brings in every feature');
          const count = await outcome('ogrinfo', ['-ro', '-so', workspacePath, layer]);
          assert.match(count.stdout, new RegExp(`Feature Count: ${gdal.count}\\b`));
          importResult = `${importReport.imported} into ${layer}`;
        } else {
          assert.equal(imported.status, 1, imported.stderr);
          assert.ok(imported.stderr.includes(file), `the refusal names the file: ${imported.stderr}`);
          assert.equal(existsSync(workspacePath), false, 'a refused import leaves no workspace behind');
          const reason = /error (\w+): .*?: (.*)$/m.exec(imported.stderr);
          importResult = `refused (${layer}): ${reason?.[1]} ${reason?.[2]?.slice(0, 60)}`;
        }
        const decoded = text ? `, ${text.field}=${JSON.stringify(text.value)}` : '';
        table.push(`${name} | ${gdal.count} ${gdal.geometry} | ${report.featureCount}${decoded} | ${importResult}`);
      });
    }
  });
}
