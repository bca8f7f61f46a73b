import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CityGridServices } from '../../src/node/services/citygrid_services.js';
import { startWebHost, type WebHost } from '../../src/node/web/web_host.js';
import { tempDir } from '../helpers/paths.js';

const folder = tempDir('webhost');
const services = new CityGridServices();
let host: WebHost;

before(async () => {
  mkdirSync(join(folder.path, 'ui'));
  writeFileSync(join(folder.path, 'ui', 'index.html'), '<!doctype html><title>城市网格工作台</title>');
  writeFileSync(join(folder.path, 'secret.txt'), 'outside the renderer folder');
  host = await startWebHost({ services, staticDir: join(folder.path, 'ui'), maxUploadBytes: 1000 });
});
after(async () => { await host.close(); await services.dispose(); folder.remove(); });

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: host.port, path, headers, method: headers['x-method'] ?? 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(headers['x-body']);
  });
}

test('the printed URL is loopback, on a random port, with a per-start token', async () => {
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  assert.notEqual(host.port, 0);
  const other = await startWebHost({ services, staticDir: folder.path });
  assert.notEqual(other.token, host.token);
  await other.close();
});

test('requests without the token are refused, pages and API alike', async () => {
  assert.equal((await get('/')).status, 401);
  assert.equal((await get('/api/getWorkspace', { 'x-method': 'POST', 'content-type': 'application/json', 'x-body': '{}' })).status, 401);
  assert.equal((await get('/api/events')).status, 401);
  assert.equal((await get('/?token=wrong')).status, 401);
});

test('opening the URL sets a same-site cookie that authorises the page and its assets, but no API call', async () => {
  const page = await get(`/?token=${host.token}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /城市网格工作台/);
  const cookie = String(page.headers['set-cookie']).split(';')[0]!;
  assert.match(String(page.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  assert.equal((await get('/index.html', { cookie })).status, 200);
  assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
  const withCookie = await get('/api/getWorkspace', { cookie, 'x-method': 'POST', 'content-type': 'application/json', 'x-body': '{}' });
  assert.equal(withCookie.status, 401, 'the cookie alone does not reach the API');
  assert.match(JSON.parse(withCookie.body).error.message, /X-CityGrid-Token/);
  const withQuery = await get(`/api/getWorkspace?token=${host.token}`, { 'x-method': 'POST', 'content-type': 'application/json', 'x-body': '{}' });
  assert.equal(withQuery.status, 401, 'nor does the token in the query');
  const api = await get('/api/getWorkspace', { 'x-citygrid-token': host.token, 'x-method': 'POST', 'content-type': 'application/json', 'x-body': '{}' });
  assert.deepEqual(JSON.parse(api.body), { ok: true, value: null });
});

test('only the own origin, and only JSON, reaches the API', async () => {
  const call = (headers: Record<string, string>) => get('/api/getWorkspace', { 'x-citygrid-token': host.token, 'x-method': 'POST', 'content-type': 'application/json', 'x-body': '{}', ...headers });
  assert.equal((await call({ origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' })).status, 200);
  const otherPort = await call({ origin: `http://127.0.0.1:${host.port + 1}` });
  assert.equal(otherPort.status, 403);
  assert.match(JSON.parse(otherPort.body).error.message, new RegExp(`127\\.0\\.0\\.1:${host.port + 1}`));
  assert.equal((await call({ origin: 'null' })).status, 403);
  assert.equal((await call({ 'sec-fetch-site': 'same-site' })).status, 403);
  assert.equal((await call({ 'sec-fetch-site': 'none' })).status, 403, 'a typed URL may read, not post');
  const plain = await call({ 'content-type': 'text/plain' });
  assert.equal(plain.status, 415);
  assert.equal(JSON.parse(plain.body).error.code, 'INVALID_REQUEST');
  assert.equal((await call({ 'content-type': 'application/json; charset=utf-8' })).status, 200);
  assert.equal((await get(`/?token=${host.token}`, { 'sec-fetch-site': 'none' })).status, 200, 'the user may open the printed URL');
  assert.equal((await get(`/?token=${host.token}`, { 'sec-fetch-site': 'cross-site' })).status, 403);
});

test('no CORS grant, no foreign Host, nothing outside the renderer folder', async () => {
  const api = await get('/api/getWorkspace', { 'x-citygrid-token': host.token, origin: 'http://evil.example', 'x-method': 'POST', 'x-body': '{}' });
  assert.equal(api.headers['access-control-allow-origin'], undefined);
  assert.equal((await get('/', { host: `evil.example:${host.port}`, 'x-citygrid-token': host.token })).status, 403);
  const traversal = await get('/..%2fsecret.txt', { 'x-citygrid-token': host.token });
  assert.equal(traversal.status, 404);
  assert.ok(!traversal.body.includes('outside the renderer folder'));
});

test('uploads need the token, keep only the file name, share a batch, are size-limited and go when the host stops', async () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) => get(path, { 'x-method': 'POST', 'x-body': body, 'content-type': 'application/octet-stream', ...headers });
  assert.equal((await post('/upload?name=a.shp', 'x')).status, 401);
  assert.equal((await post(`/upload?name=a.shp&token=${host.token}`, 'x')).status, 401, 'an upload needs the header');
  const first = JSON.parse((await post('/upload?name=..%2F..%2Fsurvey.shp', 'shape bytes', { 'x-citygrid-token': host.token })).body);
  assert.equal(first.ok, true, JSON.stringify(first));
  assert.equal(basename(first.value.path), 'survey.shp', 'a path in the name is dropped');
  assert.equal(readFileSync(first.value.path, 'utf8'), 'shape bytes');
  const second = JSON.parse((await post(`/upload?name=survey.dbf&batch=${first.value.batch}`, 'table bytes', { 'x-citygrid-token': host.token })).body);
  assert.equal(dirname(second.value.path), dirname(first.value.path), 'the parts of one shapefile sit together');
  const tooLarge = await post('/upload?name=big.zip', 'x'.repeat(2000), { 'x-citygrid-token': host.token });
  assert.equal(tooLarge.status, 413);
  assert.equal(JSON.parse(tooLarge.body).error.code, 'FILE_TOO_LARGE');
  const other = await startWebHost({ services, staticDir: folder.path });
  const uploaded = JSON.parse((await new Promise<string>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: other.port, path: '/upload?name=c.zip', method: 'POST', headers: { 'x-citygrid-token': other.token } }, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve(body));
    });
    request.on('error', reject);
    request.end('zip');
  }))).value.path as string;
  assert.ok(existsSync(uploaded));
  await other.close();
  assert.ok(!existsSync(uploaded), 'the staging folder is removed with the host');
});
