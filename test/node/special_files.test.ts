/**
 * Named pipes (FIFOs) named like deliveries or workspaces: opening one would
 * wait for a writer forever, and before this check the web host stopped
 * answering everyone. The host runs as `citygrid serve` in its own process,
 * so that a block shows as a missed time bound here instead of freezing the test.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { createApiClient, type ApiClient } from '../../src/core/api/client.js';
import type { Result } from '../../src/core/api/contract.js';
import { createHttpTransport } from '../../src/ui/api/http_transport.js';
import { citygridBin, tempDir } from '../helpers/paths.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';

const folder = tempDir('fifo');
after(() => folder.remove());

/** Every answer must come within this; a pipe read would never come back. */
const BOUND_MS = 10_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${BOUND_MS} ms`)), BOUND_MS).unref())]);
}

function fifo(name: string): string {
  const path = join(folder.path, name);
  const made = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return path;
}

function refusedNaming(answer: Result<unknown>, path: string): void {
  assert.equal(answer.ok, false, `${path} was accepted`);
  const error = (answer as { ok: false; error: { code: string; message: string; place?: string } }).error;
  assert.equal(error.code, 'FILE_UNREADABLE', error.message);
  assert.equal(error.place, path);
  assert.match(error.message, /named pipe/);
}

test('the web host refuses FIFOs as workspace and as source at once, and answers other requests meanwhile', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'host.gpkg');
  const server = spawn(process.execPath, [citygridBin(), 'serve', '--workspace', workspacePath], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = new URL(await within(new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve)), 'serve'));
    const client: ApiClient = createApiClient(createHttpTransport(url.origin, url.searchParams.get('token')!));
    const pipes = ['delivery.gpkg', 'delivery.csv', 'delivery.shp', 'delivery.geojson'].map(fifo);
    const workspacePipe = fifo('workspace.gpkg');
    for (const pipe of pipes) {
      const [inspected, imported, meanwhile] = await within(Promise.all([
        client.inspectSource({ source: pipe }),
        client.startImport({ layer: 'roads', source: pipe }),
        client.listLayers({}),
      ]), pipe);
      refusedNaming(inspected, pipe);
      refusedNaming(imported, pipe);
      assert.equal(meanwhile.ok, true, 'another request is answered');
    }
    refusedNaming(await within(client.openWorkspace({ path: workspacePipe }), 'openWorkspace'), workspacePipe);
    const still = await within(client.getWorkspace({}), 'getWorkspace');
    assert.equal(still.ok && still.value?.path, workspacePath, 'the open workspace stays open');
    // A shapefile whose .dbf is a pipe is refused too.
    spawnSync('cp', [join(folder.path, 'host.gpkg'), join(folder.path, 'parts.shp')]);
    const dbf = fifo('parts.dbf');
    const parts = await within(client.inspectSource({ source: join(folder.path, 'parts.shp') }), 'parts.shp');
    refusedNaming(parts, dbf);
  } finally {
    server.kill('SIGTERM');
  }
});

test('the CLI refuses a FIFO as source or workspace with the path and the reason', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'cli.gpkg');
  const source = fifo('cli-source.csv');
  const imported = spawnSync(process.execPath, [citygridBin(), 'import', '--workspace', workspacePath, '--layer', 'roads', source], { encoding: 'utf8', timeout: BOUND_MS });
  assert.equal(imported.status, 1, imported.stderr);
  assert.ok(imported.stderr.includes(source) && /named pipe/.test(imported.stderr), imported.stderr);
  const workspacePipe = fifo('cli-workspace.gpkg');
  const info = spawnSync(process.execPath, [citygridBin(), 'info', '--workspace', workspacePipe], { encoding: 'utf8', timeout: BOUND_MS });
  assert.equal(info.status, 1, info.stderr);
  assert.ok(info.stderr.includes(workspacePipe), info.stderr);
});
