/**
 * Zip bombs and imports that would empty a layer: an entry that unpacks far
 * beyond what real data packs to is refused before GDAL unpacks it, naming
 * the entry; a source that would empty a layer or leave less than half of it
 * is refused with both counts unless --allow-shrink. Neither changes the
 * workspace. The zip reader (one, in core) reads UTF-8-flagged and GBK names.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MAX_ENTRY_RATIO, RATIO_FLOOR_BYTES } from '../../src/core/archives/zip_entry_caps.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { listZipEntries } from '../../src/node/import/read_zip_entries.js';
import { tempDir } from '../helpers/paths.js';
import { runCli, runTool } from '../helpers/run_cli.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';
import { assertImportRefused, bytesOf, ogr2ogr } from './import_fixtures.js';

const folder = tempDir('import-caps');
const path = (name: string): string => join(folder.path, name);
let tiny: string;
const SIDE_FILES = ['shp', 'shx', 'dbf', 'prj', 'cpg'];
/** Just over the size from which the ratio cap applies. */
const PADDED_BYTES = RATIO_FLOOR_BYTES + 16 * 1024 * 1024;

before(async () => {
  tiny = await createTinyWorkspace(folder.path);
  ogr2ogr(['-f', 'ESRI Shapefile', '-lco', 'ENCODING=GBK', path('good.shp'), tiny, 'components']);
});
after(() => folder.remove());

/** Runs python's zipfile: `entries` name inside the zip → [file on disk, bytes of padding appended (spaces)]. */
function writePaddedZip(zipPath: string, entries: Record<string, [string, number]>): void {
  const script = `import sys, zipfile, json
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
  for name, (path, padding) in json.loads(sys.argv[2]).items():
    with z.open(name, "w", force_zip64=padding > 0) as out:
      out.write(open(path, "rb").read())
      block = b" " * (1 << 20)
      for _ in range(padding >> 20): out.write(block)`;
  const result = runTool('python3', ['-c', script, zipPath, JSON.stringify(entries)]);
  assert.equal(result.status, 0, result.stderr);
}


test(`a zip whose GeoJSON is ${PADDED_BYTES >> 20} MiB of white space (packed ~1000:1) is refused, naming the entry`, async () => {
  ogr2ogr(['-f', 'GeoJSON', path('points.geojson'), tiny, 'components']);
  writePaddedZip(path('bomb.zip'), { 'points.geojson': [path('points.geojson'), PADDED_BYTES] });
  await assertImportRefused(folder.path, path('bomb.zip'), 'FILE_TOO_LARGE', new RegExp(`\\d+:1, more than the ${MAX_ENTRY_RATIO}:1 real data packs to\\): refused as a possible zip bomb`), `${path('bomb.zip')}/points.geojson`);
});

test('a zipped shapefile whose .dbf inflates far beyond its records is refused, naming the .dbf', async () => {
  writePaddedZip(path('dbf-bomb.zip'), Object.fromEntries(SIDE_FILES.map((extension) => [`good.${extension}`, [path(`good.${extension}`), extension === 'dbf' ? PADDED_BYTES : 0]])));
  await assertImportRefused(folder.path, path('dbf-bomb.zip'), 'FILE_TOO_LARGE', /possible zip bomb/, `${path('dbf-bomb.zip')}/good.dbf`);
});

test('zip entry names: UTF-8 when flagged, GBK otherwise (Chinese Windows zips), in the one reader', () => {
  const script = `import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
  z.writestr("部件-utf8.txt", "a")
  z.writestr("XXXX-gbk.txt", "b")
# Python writes non-ASCII names as UTF-8 (flagged); a Chinese Windows tool writes GBK bytes, unflagged.
data = open(sys.argv[1], "rb").read().replace(b"XXXX", "部件".encode("gbk"))
open(sys.argv[1], "wb").write(data)`;
  const result = runTool('python3', ['-c', script, path('names.zip')]);
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(listZipEntries(path('names.zip')).map((entry) => entry.name), ['部件-utf8.txt', '部件-gbk.txt']);
});

test('an import that would empty a layer or leave less than half is refused with both counts; --allow-shrink lets it', async () => {
  ogr2ogr(['-f', 'GeoJSON', '-where', "OBJNAME = '路灯'", path('one.geojson'), tiny, 'components']);
  const workspacePath = await createTinyWorkspace(folder.path, 'shrink.gpkg');
  const before = bytesOf(workspacePath);
  const refused = runCli(['import', '--workspace', workspacePath, '--layer', 'components', path('one.geojson')]);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /LAYER_WOULD_SHRINK/);
  assert.match(refused.stderr, /图层 components 现有 3 个要素，导入后只剩 1 个/);
  assert.match(refused.stderr, /layer components has 3 features and would keep only 1: refused, nothing changed; pass --allow-shrink/);
  assert.ok(bytesOf(workspacePath).equals(before), 'the refused import changed nothing');
  const dryRun = runCli(['import', '--workspace', workspacePath, '--layer', 'components', '--dry-run', path('one.geojson')]);
  assert.equal(dryRun.status, 0, 'a dry run reports, it does not refuse');
  const allowed = runCli(['import', '--workspace', workspacePath, '--layer', 'components', '--allow-shrink', path('one.geojson')]);
  assert.equal(allowed.status, 0, allowed.stderr);
  assert.match(allowed.stdout, /imported 1 features into components \(replaced 3\)/);
});
