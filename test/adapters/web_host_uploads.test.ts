/**
 * Uploads to the web host as a browser sends them, over real loopback HTTP:
 * one cap for everything staged together, a batch kept until the import that
 * reads it has succeeded, and long Chinese file names shortened by bytes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { createApiClient, unwrap } from '../../src/core/api/client.js';
import type { ServiceEvent } from '../../src/core/api/contract.js';
import { safeFileName } from '../../src/node/import/safe_file_name.js';
import { CityGridServices } from '../../src/node/services/citygrid_services.js';
import { startWebHost, type WebHost } from '../../src/node/web/web_host.js';
import { createHttpTransport } from '../../src/ui/api/http_transport.js';
import { tempDir } from '../helpers/paths.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';

const folder = tempDir('uploads');
after(() => folder.remove());

interface Answer { status: number; body: { ok: boolean; value?: { path: string; batch: string; size: number }; error?: { code: string; message: string } } }

/** POSTs `chunks` to /upload; without `declare` the body goes chunked, its size unknown up front, as a stream is sent. */
function upload(host: WebHost, name: string, chunks: Buffer[], options: { batch?: string; declare?: boolean } = {}): Promise<Answer> {
  const query = new URLSearchParams({ name, ...(options.batch ? { batch: options.batch } : {}) });
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const headers: Record<string, string | number> = { 'x-citygrid-token': host.token, 'content-type': 'application/octet-stream' };
  if (options.declare) headers['content-length'] = size;
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: host.port, path: `/upload?${query}`, method: 'POST', headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    (async () => {
      for (const chunk of chunks) {
        request.write(chunk);
        await new Promise((next) => setImmediate(next));
      }
      request.end();
    })().catch(reject);
  });
}

test('all uploads together stay under one cap, and beyond it the answer is a clear 413', async () => {
  const services = new CityGridServices();
  const host = await startWebHost({ services, staticDir: folder.path, maxUploadBytes: 1000 });
  try {
    const first = await upload(host, 'a.csv', [Buffer.alloc(600, 97)], { declare: true });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const declared = await upload(host, 'b.csv', [Buffer.alloc(600, 98)], { declare: true });
    assert.equal(declared.status, 413);
    assert.equal(declared.body.error?.code, 'FILE_TOO_LARGE');
    assert.match(declared.body.error!.message, /b\.csv: the uploads staged for import may take 1000 bytes together; uploads not yet imported hold 600 bytes/);
    // Four of 150 bytes at once, each saying its size: 400 bytes are left, so exactly the first two fit.
    const parallel = await Promise.all([0, 1, 2, 3].map((index) => upload(host, `part-${index}.csv`, [Buffer.alloc(150, 99)], { declare: true })));
    assert.deepEqual(parallel.map((answer) => answer.status), [200, 200, 413, 413], JSON.stringify(parallel.map((answer) => answer.body)));
    for (const answer of parallel.slice(0, 2)) assert.equal(statSync(answer.body.value!.path).size, 150, 'an accepted upload is whole');
    // A stream that does not say its size is counted as it comes, and refused when it passes the cap (100 bytes left).
    const streamed = await upload(host, 'stream.csv', Array.from({ length: 8 }, () => Buffer.alloc(50, 100)));
    assert.equal(streamed.status, 413, JSON.stringify(streamed.body));
    assert.equal(streamed.body.error?.code, 'FILE_TOO_LARGE');
    const small = await upload(host, 'small.csv', [Buffer.alloc(100, 101)]);
    assert.equal(small.status, 200, 'what the refused stream had taken is given back');
  } finally {
    await host.close();
    await services.dispose();
  }
});

test('a batch stays while anything refers to it, and goes once an import from it has succeeded', async () => {
  const workspacePath = await createTinyWorkspace(folder.path, 'batches.gpkg');
  const roads = join(folder.path, 'roads.geojson');
  const exported = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', roads, workspacePath, 'roads'], { encoding: 'utf8' });
  assert.equal(exported.status, 0, exported.stderr);
  const services = new CityGridServices();
  const host = await startWebHost({ services, staticDir: folder.path });
  const client = createApiClient(createHttpTransport(`http://127.0.0.1:${host.port}`, host.token));
  const finished = new Map<string, (event: ServiceEvent) => void>();
  const stop = client.onEvent((event) => { if (event.kind === 'job-finished') finished.get(event.jobId)?.(event); });
  const runImport = async (mapping?: Record<string, string>) => {
    const { jobId } = unwrap(await client.startImport({ layer: 'roads', source: delivery.body.value!.path, ...(mapping ? { mapping } : {}) }));
    return new Promise<ServiceEvent>((resolve) => finished.set(jobId, resolve));
  };
  let delivery: Answer;
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    unwrap(await client.openWorkspace({ path: workspacePath }));
    // Sixteen at once: before, only the last four batches were kept and twelve answers named deleted files.
    const many = await Promise.all(Array.from({ length: 16 }, (_, index) => upload(host, `delivery-${index}.csv`, [Buffer.from(`x,y\n${index},1\n`)])));
    assert.ok(many.every((answer) => answer.status === 200 && existsSync(answer.body.value!.path)), 'every answer names a file that is there');
    delivery = await upload(host, 'roads.geojson', [readFileSync(roads)]);
    assert.equal(delivery.status, 200);
    const batchFolder = dirname(delivery.body.value!.path);

    const failed = await runImport({ ROADNAME: 'NO_SUCH_COLUMN' });
    assert.equal(failed.kind === 'job-finished' && failed.result.ok, false);
    assert.ok(existsSync(delivery.body.value!.path), 'a failed import keeps the upload for another try');
    const inspected = unwrap(await client.inspectSource({ source: delivery.body.value!.path }));
    assert.equal(inspected.featureCount, 1);

    const imported = await runImport();
    assert.equal(imported.kind === 'job-finished' && imported.result.ok, true, JSON.stringify(imported));
    assert.ok(!existsSync(batchFolder), 'the imported batch is gone');
    assert.ok(many.every((answer) => existsSync(answer.body.value!.path)), 'batches not yet imported stay');
    const again = await upload(host, 'roads.dbf', [Buffer.from('late part')], { batch: delivery.body.value!.batch });
    assert.notEqual(again.body.value!.batch, delivery.body.value!.batch, 'a part for an imported batch starts a new one');
  } finally {
    stop();
    await host.close();
    await services.dispose();
  }
});

test('a long Chinese file name is shortened by bytes, keeping its extension, and the parts of a shapefile keep one stem', async () => {
  const longName = `${'兰山区城市管理部件普查成果'.repeat(7)}道路`;
  assert.equal(longName.length, 93);
  assert.ok(Buffer.byteLength(`${longName}.shp`) > 255);
  const shp = safeFileName(`${longName}.shp`);
  const dbf = safeFileName(`C:\\交付\\${longName}.dbf`);
  assert.ok(Buffer.byteLength(shp) <= 255, `${Buffer.byteLength(shp)} bytes`);
  assert.ok(shp.endsWith('.shp') && dbf.endsWith('.dbf'));
  assert.equal(shp.slice(0, -4), dbf.slice(0, -4));
  assert.ok(longName.startsWith(shp.slice(0, -4)), 'cut at a character boundary');
  assert.equal(safeFileName(`${longName}.shp.xml`).slice(0, -8), shp.slice(0, -4));
  assert.equal(safeFileName('道路.geojson'), '道路.geojson', 'a name that fits is kept');

  const services = new CityGridServices();
  const host = await startWebHost({ services, staticDir: folder.path });
  try {
    const answer = await upload(host, `${longName}.geojson`, [Buffer.from('{}')]);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(basename(answer.body.value!.path).endsWith('.geojson'));
    assert.equal(readFileSync(answer.body.value!.path, 'utf8'), '{}');
  } finally {
    await host.close();
    await services.dispose();
  }
});
