/** The `citygrid` command as an admin runs it: real processes, real files. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { citygridBin, tempDir } from '../helpers/paths.js';
import { COMMANDS } from '../../src/node/cli/command_registry.js';
import { runCli, runTool } from '../helpers/run_cli.js';

const folder = tempDir('cli');
const sampleDir = join(folder.path, 'city');
after(() => folder.remove());

function ogrCount(path: string, layer: string): number {
  const result = runTool('ogrinfo', ['-ro', '-so', path, layer]);
  assert.equal(result.status, 0, result.stderr);
  return Number(/Feature Count: (\d+)/.exec(result.stdout)![1]);
}

before(() => {
  const result = runCli(['sample', '--out', sampleDir, '--scale', 'small', '--seed', '7']);
  assert.equal(result.status, 0, result.stderr);
});

test('sample writes a workspace and GBK shapefile deliverables that GDAL reads', () => {
  const workspace = join(sampleDir, 'workspace.gpkg');
  assert.ok(ogrCount(workspace, 'components') >= 5000);
  assert.ok(ogrCount(workspace, 'grids') >= 100);
  for (const layer of ['grids', 'components', 'addresses', 'roads', 'ownership', 'communities', 'streets']) {
    const shapefile = join(sampleDir, 'source', `${layer}.shp`);
    assert.equal(ogrCount(shapefile, layer), ogrCount(workspace, layer), `${layer}.shp has every feature`);
  }
  assert.match(readFileSync(join(sampleDir, 'source', 'components.cpg'), 'utf8'), /GBK|936/i);
});

test('info lists layers, geometry types, CRS and counts, as text and JSON', () => {
  const workspace = join(sampleDir, 'workspace.gpkg');
  const text = runCli(['info', '--workspace', workspace]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /EPSG:4527/);
  assert.match(text.stdout, /components\s+Point\s+\d+/);
  const json = JSON.parse(runCli(['info', '--workspace', workspace, '--json']).stdout) as { crs: { code: string }; layers: Array<{ name: string; featureCount: number; geometryKind: string }> };
  assert.equal(json.crs.code, 'EPSG:4527');
  const grids = json.layers.find((layer) => layer.name === 'grids')!;
  assert.equal(grids.geometryKind, 'Polygon');
  assert.equal(grids.featureCount, ogrCount(workspace, 'grids'));
});

test('import of the delivered component shapefile into a new workspace keeps every feature and its codes', () => {
  const target = join(folder.path, 'imported.gpkg');
  const result = runCli(['import', '--workspace', target, '--layer', 'components', join(sampleDir, 'source', 'components.shp')]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(ogrCount(target, 'components'), ogrCount(join(sampleDir, 'workspace.gpkg'), 'components'));
  const sql = "SELECT OBJCODE, OBJNAME FROM components WHERE OBJNAME = '路灯' ORDER BY OBJCODE LIMIT 1";
  const original = runTool('ogrinfo', ['-ro', '-q', '-sql', sql, join(sampleDir, 'workspace.gpkg')]).stdout;
  const imported = runTool('ogrinfo', ['-ro', '-q', '-sql', sql, target]).stdout;
  assert.match(imported, /OBJNAME \(String\) = 路灯/);
  assert.equal(imported.replace(/imported\.gpkg|workspace\.gpkg/g, ''), original.replace(/imported\.gpkg|workspace\.gpkg/g, ''));
});

test('publish --json reports the package; versions increase', () => {
  const workspace = join(sampleDir, 'workspace.gpkg');
  const out = join(folder.path, 'packages');
  const first = JSON.parse(runCli(['publish', '--workspace', workspace, '--out', out, '--json']).stdout) as { directory: string; version: number };
  const second = JSON.parse(runCli(['publish', '--workspace', workspace, '--out', out, '--json']).stdout) as { directory: string; version: number };
  assert.equal(second.version, first.version + 1);
  assert.ok(existsSync(join(second.directory, 'package.gpkg')));
  assert.equal(runTool('sha256sum', ['-c', 'SHA256SUMS'], second.directory).status, 0);
});

test('bad input: clear messages with the place, exit 1; wrong usage exits 2', () => {
  const notWorkspace = join(folder.path, 'notes.gpkg');
  writeFileSync(notWorkspace, 'hello');
  const info = runCli(['info', '--workspace', notWorkspace]);
  assert.equal(info.status, 1);
  assert.match(info.stderr, /WORKSPACE_INVALID/);
  assert.ok(info.stderr.includes(notWorkspace));
  const corrupt = join(folder.path, 'corrupt.shp');
  writeFileSync(corrupt, Buffer.alloc(200, 7));
  const imported = runCli(['import', '--workspace', join(sampleDir, 'workspace.gpkg'), '--layer', 'components', corrupt]);
  assert.equal(imported.status, 1);
  assert.match(imported.stderr, /FILE_CORRUPT/);
  assert.ok(imported.stderr.includes(corrupt));
  const blocker = join(folder.path, 'plain-file');
  writeFileSync(blocker, '');
  const publish = runCli(['publish', '--workspace', join(sampleDir, 'workspace.gpkg'), '--out', join(blocker, 'out')]);
  assert.equal(publish.status, 1);
  assert.match(publish.stderr, /OUTPUT_UNWRITABLE/);
  assert.equal(runCli(['frobnicate']).status, 2);
  assert.equal(runCli(['info']).status, 2);
});

test('help lists every command of the registry, and each rejects an unknown option as wrong usage', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  for (const { name } of COMMANDS) {
    assert.match(help.stdout, new RegExp(`^  citygrid ${name} `, 'm'), `${name} in the help`);
    const wrong = runCli([name, '--no-such-option']);
    assert.equal(wrong.status, 2, `${name}: ${wrong.stderr}`);
    assert.ok(wrong.stderr.includes(`citygrid ${name}: `) && wrong.stderr.includes(help.stdout), `${name} names itself and shows the usage`);
  }
});

test('serve prints the URL with its token first and answers on it', async () => {
  const server = spawn(process.execPath, [citygridBin(), 'serve', '--workspace', join(sampleDir, 'workspace.gpkg')], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
    const token = new URL(url).searchParams.get('token')!;
    const answer = await fetch(new URL('/api/listLayers', url), { method: 'POST', headers: { 'X-CityGrid-Token': token, 'Content-Type': 'application/json' }, body: '{}' });
    const layers = (await answer.json()) as { ok: boolean; value: Array<{ name: string }> };
    assert.equal(layers.ok, true);
    assert.ok(layers.value.some((layer) => layer.name === 'grids'));
  } finally {
    server.kill('SIGTERM');
  }
});
