/**
 * Text encodings of shapefile attribute tables: the pure detector and DBF
 * reader (src/core/encoding) on bytes made by Node's own encoders, then real
 * shapefiles written by GDAL in GBK, UTF-8 and GB18030 with their .cpg
 * removed, imported and read back as a user would see the names.
 */
import assert from 'node:assert/strict';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { detectTextEncoding, parseTextEncoding, type TextEncoding } from '../../src/core/encoding/detect_text_encoding.js';
import { collectTextValues, planRecordWindows, readDbfLayout } from '../../src/core/encoding/read_dbf_layout.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { importLayer } from '../../src/node/import/import_layer.js';
import { inspectSource } from '../../src/node/import/inspect_source.js';
import { tempDir } from '../helpers/paths.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';
import { ogr2ogr, readLayer, writeZip } from './import_fixtures.js';

const decode = (bytes: Uint8Array, encoding: TextEncoding): string => new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : encoding.toLowerCase()).decode(bytes);
/** GBK bytes of ASCII-free Chinese text, from a hand-written table of a few characters (Node has no GBK encoder). */
const GBK: Record<string, number[]> = { 路: [0xc2, 0xb7], 灯: [0xb5, 0xc6], 井: [0xbe, 0xae], 盖: [0xb8, 0xc7], 完: [0xcd, 0xea], 好: [0xba, 0xc3] };
const gbk = (text: string): Uint8Array => Uint8Array.from([...text].flatMap((character) => GBK[character] ?? [character.charCodeAt(0)]));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

test('the detector: valid UTF-8 wins; GBK when every high byte pairs up as Chinese; neither for a Western code page', () => {
  const fromUtf8 = detectTextEncoding([utf8('路灯'), utf8('井盖'), utf8('完好')], decode);
  assert.equal(fromUtf8.encoding, 'UTF-8');
  assert.ok(fromUtf8.confidence >= 0.8, `confidence ${fromUtf8.confidence}`);
  const fromGbk = detectTextEncoding([gbk('路灯'), gbk('井盖'), gbk('完好'), utf8('R001')], decode);
  assert.equal(fromGbk.encoding, 'GBK');
  assert.ok(fromGbk.confidence > 0.9);
  assert.deepEqual(fromGbk.candidates.find((candidate) => candidate.encoding === 'GBK')!.samples, ['路灯', '井盖', '完好']);
  assert.equal(fromGbk.candidates.find((candidate) => candidate.encoding === 'UTF-8')!.fits, false);
  const latin1 = Uint8Array.from([...'résumé café'].map((character) => character.charCodeAt(0)));
  const western = detectTextEncoding([latin1], decode);
  assert.equal(western.encoding, null, western.reason);
  assert.ok(western.confidence < 0.5);
  const ascii = detectTextEncoding([utf8('R001'), utf8('ABC')], decode);
  assert.equal(ascii.nonAsciiValues, 0);
  assert.match(ascii.reason, /ASCII/);
});

test('the detector: a UTF-8 sequence cut off by a fixed-width field is truncation, not a wrong encoding; GB18030 four-byte sequences are recognised', () => {
  const cut = utf8('兰山区住房').subarray(0, 14);
  assert.equal(detectTextEncoding([cut, utf8('完好')], decode).encoding, 'UTF-8');
  const fourByte = Uint8Array.from([...gbk('路灯'), 0x95, 0x32, 0x82, 0x36]);
  const guess = detectTextEncoding([fourByte, gbk('完好'), gbk('井盖')], decode);
  assert.equal(guess.encoding, 'GB18030');
  assert.equal(guess.candidates.find((candidate) => candidate.encoding === 'GB18030')!.samples[0], '路灯𠀀');
});

test('encoding names people type are understood', () => {
  assert.deepEqual(['utf8', 'UTF-8', 'gbk', 'CP936', 'gb2312', 'GB18030', 'latin1'].map(parseTextEncoding), ['UTF-8', 'UTF-8', 'GBK', 'GBK', 'GBK', 'GB18030', null]);
});

test('the DBF reader finds the text fields, refuses a header that contradicts itself, and samples within a budget', () => {
  const header = new Uint8Array(32 + 32 * 2 + 1);
  const view = new DataView(header.buffer);
  view.setUint32(4, 1000, true);
  view.setUint16(8, header.length, true);
  view.setUint16(10, 1 + 10 + 4, true);
  header.set(utf8('NAME'), 32);
  header[32 + 11] = 'C'.charCodeAt(0);
  header[32 + 16] = 10;
  header.set(utf8('AREA'), 64);
  header[64 + 11] = 'N'.charCodeAt(0);
  header[64 + 16] = 4;
  header[96] = 0x0d;
  const layout = readDbfLayout(header, header.length + 1000 * 15);
  assert.ok(layout.ok);
  const record = Uint8Array.from([0x20, ...gbk('路灯'), ...utf8('      '), ...utf8('  12')]);
  assert.deepEqual(collectTextValues(layout.layout, [record]).map((value) => decode(value, 'GBK')), ['NAME', 'AREA', '路灯']);
  const windows = planRecordWindows(layout.layout, 1500, 4);
  assert.equal(windows.length, 4);
  assert.ok(windows.every((window) => (window.offset - header.length) % 15 === 0 && window.length <= 375));
  view.setUint16(10, 12, true);
  const contradicting = readDbfLayout(header, header.length + 1000 * 12);
  assert.ok(!contradicting.ok && /each record is 12 bytes, but its 2 fields need 15/.test(contradicting.problem));
  view.setUint16(10, 15, true);
  const truncated = readDbfLayout(header, header.length + 10 * 15);
  assert.ok(!truncated.ok && /declares 1000 records .* holds only/.test(truncated.problem));
});

const folder = tempDir('import-encoding');
/** The transcoded CSV copies this process has in the product's temporary staging folder. */
const csvCopies = (): number => {
  try {
    return readdirSync(join(tmpdir(), 'citygrid', 'staging')).filter((name) => name.startsWith(`csv-${process.pid}-`)).length;
  } catch {
    return 0;
  }
};
after(() => folder.remove());
let tiny: string;
before(async () => { tiny = await createTinyWorkspace(folder.path); });

function shapefileWithoutCpg(name: string, encoding: string, sql?: string): string {
  const path = join(folder.path, `${name}.shp`);
  ogr2ogr(['-f', 'ESRI Shapefile', '-lco', `ENCODING=${encoding}`, ...(sql ? ['-sql', sql] : []), path, tiny, ...(sql ? [] : ['components'])]);
  rmSync(join(folder.path, `${name}.cpg`));
  return path;
}

function componentNames(workspacePath: string): string[] {
  return [...readLayer(workspacePath, 'components', 'OBJCODE').values()].map((feature) => String(feature.properties.OBJNAME)).sort();
}

test('a GBK shapefile without .cpg is detected as GBK and its names read right', async () => {
  const source = shapefileWithoutCpg('gbk-no-cpg', 'GBK');
  const workspacePath = await createTinyWorkspace(folder.path, 'gbk.gpkg');
  const report = await importLayer({ workspacePath, layer: 'components', source }, SILENT_FEEDBACK);
  assert.equal(report.encoding?.origin, 'detected');
  assert.equal(report.encoding?.openOption, 'GBK');
  assert.deepEqual(componentNames(workspacePath), ['上水井盖', '垃圾箱', '路灯'].sort());
  const zipped = join(folder.path, 'gbk-no-cpg.zip');
  writeZip(zipped, Object.fromEntries(['shp', 'shx', 'dbf', 'prj'].map((extension) => [`gbk-no-cpg.${extension}`, join(folder.path, `gbk-no-cpg.${extension}`)])));
  const fromZip = await createTinyWorkspace(folder.path, 'gbk-zip.gpkg');
  const zipReport = await importLayer({ workspacePath: fromZip, layer: 'components', source: zipped }, SILENT_FEEDBACK);
  assert.equal(zipReport.encoding?.openOption, 'GBK', 'detected from the .dbf inside the zip');
  assert.deepEqual(componentNames(fromZip), ['上水井盖', '垃圾箱', '路灯'].sort());
});

test('a UTF-8 shapefile without .cpg is detected as UTF-8', async () => {
  const source = shapefileWithoutCpg('utf8-no-cpg', 'UTF-8');
  const inspection = await inspectSource({ source }, SILENT_FEEDBACK);
  assert.equal(inspection.encoding?.openOption, 'UTF-8');
  assert.ok(inspection.encoding!.guess!.confidence >= 0.9);
  assert.equal(inspection.firstFeature?.OBJNAME, '路灯');
});

test('GB18030 text with a character outside GBK is detected and decoded', async () => {
  const source = shapefileWithoutCpg('gb18030-no-cpg', 'GB18030', "SELECT geom, OBJCODE, OBJNAME || '𠀀' AS OBJNAME FROM components");
  const workspacePath = await createTinyWorkspace(folder.path, 'gb18030.gpkg');
  const report = await importLayer({ workspacePath, layer: 'components', source }, SILENT_FEEDBACK);
  assert.equal(report.encoding?.openOption, 'GB18030');
  assert.deepEqual(componentNames(workspacePath), ['上水井盖𠀀', '垃圾箱𠀀', '路灯𠀀'].sort());
});

test('--encoding overrides the detector (and a .cpg), and the report warns when the bytes contradict it', async () => {
  const source = join(folder.path, 'gbk-no-cpg.shp');
  const inspection = await inspectSource({ source, encoding: 'UTF-8' }, SILENT_FEEDBACK);
  assert.equal(inspection.encoding?.origin, 'option');
  assert.match(inspection.encoding!.warning!, /says UTF-8 but the text is not valid UTF-8; it reads as GBK/);
  writeFileSync(join(folder.path, 'gbk-no-cpg.cpg'), 'UTF-8');
  const lying = await inspectSource({ source }, SILENT_FEEDBACK);
  assert.equal(lying.encoding?.origin, 'cpg');
  assert.match(lying.encoding!.warning!, /the \.cpg file says UTF-8 but the text is not valid UTF-8; it reads as GBK \(try --encoding GBK\)/);
  const workspacePath = await createTinyWorkspace(folder.path, 'override.gpkg');
  await importLayer({ workspacePath, layer: 'components', source, encoding: 'GBK' }, SILENT_FEEDBACK);
  assert.deepEqual(componentNames(workspacePath), ['上水井盖', '垃圾箱', '路灯'].sort());
  assert.ok(readLayer(workspacePath, 'components', 'OBJCODE').has(TINY.light));
});

test('a CSV saved in GBK (Excel on Chinese Windows) is detected and read right; no temporary copy is left', async () => {
  const header = [...'经度,纬度,部件编码,部件名称\n'];
  const row = [...'118.3157001471,35.0420546747,3713020118000009,路灯\n'];
  // Node has no GBK encoder; the hand table above covers 路灯, the header's characters are spelled out here.
  const headerBytes: Record<string, number[]> = { 经: [0xbe, 0xad], 度: [0xb6, 0xc8], 纬: [0xce, 0xb3], 部: [0xb2, 0xbf], 件: [0xbc, 0xfe], 编: [0xb1, 0xe0], 码: [0xc2, 0xeb], 名: [0xc3, 0xfb], 称: [0xb3, 0xc6] };
  const bytes = [...header, ...row].flatMap((character) => headerBytes[character] ?? GBK[character] ?? [character.charCodeAt(0)]);
  const source = join(folder.path, 'excel.csv');
  writeFileSync(source, Uint8Array.from(bytes));
  const temporaryBefore = csvCopies();
  const workspacePath = await createTinyWorkspace(folder.path, 'excel.gpkg');
  const report = await importLayer({ workspacePath, layer: 'components', source, crs: 'EPSG:4326', allowShrink: true }, SILENT_FEEDBACK);
  assert.equal(report.encoding?.openOption, 'GBK');
  assert.equal(report.mapping.OBJNAME, '部件名称');
  assert.equal(readLayer(workspacePath, 'components', 'OBJCODE').get('3713020118000009')?.properties.OBJNAME, '路灯');
  assert.equal(csvCopies(), temporaryBefore);
});
