/**
 * Every contract method through both adapters — Electron IPC (preload bridge +
 * main-process handler over an in-process IPC pair that clones like Electron)
 * and the web host over real loopback HTTP — against the real services on a
 * real GeoPackage.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createApiClient, unwrap, type ApiClient } from '../../src/core/api/client.js';
import type { QaReport, Result, ServiceEvent } from '../../src/core/api/contract.js';
import { CityGridServices } from '../../src/node/services/citygrid_services.js';
import { startWebHost } from '../../src/node/web/web_host.js';
import { createHttpTransport } from '../../src/ui/api/http_transport.js';
import { createIpcTransport, type CityGridBridge } from '../../src/ui/api/ipc_transport.js';
import { registerServiceHandlers } from '../../electron/ipc_adapter.js';
import { createBridge } from '../../electron/preload.cjs';
import { tempDir } from '../helpers/paths.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';
import { FakeIpc } from '../helpers/fake_ipc.js';
import gdal from '../../src/node/gdal/gdal_runtime.js';
import { sqlRows as sqlRowsOf } from '../helpers/sql_rows.js';

const folder = tempDir('adapters');
after(() => folder.remove());

interface Harness { client: ApiClient; close(): Promise<void> }

async function ipcHarness(services: CityGridServices): Promise<Harness> {
  const ipc = new FakeIpc();
  const dispose = registerServiceHandlers(ipc.ipcMain, services, {
    isTrustedSender: (event) => event.sender === ipc.webContents,
    receivers: () => [ipc.webContents],
  });
  const bridge = createBridge(ipc.ipcRenderer, () => '') as CityGridBridge;
  return { client: createApiClient(createIpcTransport(bridge)), close: async () => dispose() };
}

async function httpHarness(services: CityGridServices): Promise<Harness> {
  const host = await startWebHost({ services, staticDir: join(folder.path, 'no-ui') });
  return { client: createApiClient(createHttpTransport(`http://127.0.0.1:${host.port}`, host.token)), close: () => host.close() };
}

/** Rows of a query on a file, read and closed at once. */
function sqlRows(path: string, sql: string): Array<Record<string, unknown>> {
  const dataset = gdal.open(path);
  try {
    return sqlRowsOf(dataset)(sql);
  } finally {
    dataset.close();
  }
}

type Finished = Extract<ServiceEvent, { kind: 'job-finished' }>;

/**
 * Every job-finished event from the moment of the first call, so that a job
 * finishing before the test starts waiting for it is not missed (over HTTP,
 * each subscription opens its own event stream).
 */
interface JobRecord { events: Map<string, Finished>; progress: Map<string, number[]>; waiters: Map<string, (event: Finished) => void> }
const finishedByClient = new WeakMap<ApiClient, JobRecord>();

function recordFinishes(client: ApiClient): () => void {
  const record: JobRecord = { events: new Map(), progress: new Map(), waiters: new Map() };
  finishedByClient.set(client, record);
  // One subscription for progress and outcome: one stream keeps their order.
  return client.onEvent((event) => {
    if (event.kind === 'job-progress') {
      record.progress.set(event.jobId, [...(record.progress.get(event.jobId) ?? []), event.fraction]);
      return;
    }
    if (event.kind !== 'job-finished') return;
    record.events.set(event.jobId, event);
    record.waiters.get(event.jobId)?.(event);
  });
}

function progressOf(client: ApiClient, jobId: string): number[] {
  return finishedByClient.get(client)!.progress.get(jobId) ?? [];
}

function waitForFinish(client: ApiClient, jobId: string): Promise<Finished> {
  const record = finishedByClient.get(client)!;
  const seen = record.events.get(jobId);
  return seen ? Promise.resolve(seen) : new Promise((resolve) => record.waiters.set(jobId, resolve));
}

for (const [adapter, makeHarness] of [['Electron IPC', ipcHarness], ['web host HTTP', httpHarness]] as const) {
  describe(`the contract over ${adapter}`, () => {
    test('every method answers with the real services', async () => {
      const workspacePath = await createTinyWorkspace(folder.path, `${adapter.replace(/\W/g, '')}.gpkg`);
      const services = new CityGridServices();
      const harness = await makeHarness(services);
      const { client } = harness;
      const stopRecording = recordFinishes(client);
      // Let the event stream connect before the first job starts.
      await new Promise((resolve) => setTimeout(resolve, 200));
      try {
        assert.equal(unwrap(await client.getWorkspace({})), null);
        const notOpen = await client.listLayers({});
        assert.equal(!notOpen.ok && notOpen.error.code, 'WORKSPACE_NOT_OPEN');
        const noValidation = await client.startValidation({});
        assert.equal(!noValidation.ok && noValidation.error.code, 'WORKSPACE_NOT_OPEN');

        const info = unwrap(await client.openWorkspace({ path: workspacePath }));
        assert.equal(info.crs.code, 'EPSG:4527');
        assert.equal(unwrap(await client.getWorkspace({}))?.path, workspacePath);

        const layers = unwrap(await client.listLayers({}));
        const counts = Object.fromEntries(layers.map((layer) => [layer.name, layer.featureCount]));
        assert.equal(counts.grids, 2);
        assert.equal(counts.components, 3);
        assert.equal(layers.find((layer) => layer.name === 'components')?.fields.find((field) => field.name === 'OBJCODE')?.label.zh, '部件标识码');

        const taxonomy = unwrap(await client.getTaxonomy({}));
        assert.equal(taxonomy.id, 'legacy-cjt214-components');
        assert.equal(taxonomy.components.find((table) => table.id === 'legacy-cjt214-components')?.majors.find((major) => major.code === '01')?.name, '公用设施');

        const page = unwrap(await client.getFeatures({ layer: 'grids', extent: [39620000, 3880000, 39620050, 3880050] }));
        assert.deepEqual(page.features.map((feature) => feature.properties.BGCODE), [TINY.westGrid]);

        const identified = unwrap(await client.identify({ x: TINY.lightPosition[0] + 1, y: TINY.lightPosition[1], tolerance: 2 }));
        assert.deepEqual(identified.hits.map((hit) => hit.properties.OBJCODE ?? hit.properties.BGCODE), [TINY.light, TINY.westGrid]);

        const { jobId } = unwrap(await client.startPublish({ outDir: join(folder.path, `packages-${adapter.replace(/\W/g, '')}`) }));
        const finished = await waitForFinish(client, jobId);
        const progress = progressOf(client, jobId);
        assert.equal(finished.result.ok, true, JSON.stringify(finished.result));
        const published = (finished.result as { ok: true; value: { directory: string; version: number; layerCounts: Record<string, number> } }).value;
        assert.equal(published.version, 1);
        assert.equal(published.layerCounts.components, 3);
        assert.ok(existsSync(join(published.directory, 'SHA256SUMS')));
        assert.ok(progress.length > 0 && progress.at(-1) === 1, `progress events: ${progress.join(',')}`);

        const validation = unwrap(await client.startValidation({}));
        const validated = await waitForFinish(client, validation.jobId);
        const validationProgress = progressOf(client, validation.jobId);
        assert.equal(validated.result.ok, true, JSON.stringify(validated.result));
        const report = (validated.result as { ok: true; value: QaReport }).value;
        assert.equal(report.workspace.path, workspacePath);
        assert.equal(report.summary.errors, 0);
        assert.equal(report.checked.components, 3);
        assert.ok(report.summary.byRule.some((rule) => rule.ruleId === 'GRID_OVERLAP' && rule.title.zh === '单元网格重叠'));
        assert.ok(validationProgress.length > 0 && validationProgress.at(-1) === 1, `validation progress events: ${validationProgress.join(',')}`);

        const roadsFile = join(folder.path, `roads-${adapter.replace(/\W/g, '')}.geojson`);
        const exported = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', roadsFile, workspacePath, 'roads'], { encoding: 'utf8' });
        assert.equal(exported.status, 0, exported.stderr);
        const importJob = unwrap(await client.startImport({ layer: 'roads', source: roadsFile }));
        const imported = await waitForFinish(client, importJob.jobId);
        assert.equal(imported.result.ok, true, JSON.stringify(imported.result));
        assert.deepEqual((imported.result as { ok: true; value: { imported: number; replaced: number } }).value.imported, 1);
        const badImport = await client.startImport({ layer: 'no-such-layer', source: roadsFile });
        assert.equal(!badImport.ok && badImport.error.code, 'LAYER_UNKNOWN');

        // Inspect a delivery whose road name column has a name no table knows, map it by hand, keep the mapping as a preset.
        const tag = adapter.replace(/\W/g, '');
        const oddRoads = join(folder.path, `odd-roads-${tag}.geojson`);
        const renamed = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-sql', 'SELECT geom, ROADCODE, ROADNAME AS LU_MING_X FROM roads', oddRoads, workspacePath], { encoding: 'utf8' });
        assert.equal(renamed.status, 0, renamed.stderr);
        const inspection = unwrap(await client.inspectSource({ source: oddRoads, layer: 'roads' }));
        assert.equal(inspection.featureCount, 1);
        assert.equal(inspection.crs, 'EPSG:4527');
        assert.ok(inspection.columns.includes('LU_MING_X'));
        assert.equal(inspection.fieldMatch?.mapping.ROADCODE, 'ROADCODE', 'a standard name is recognised');
        assert.equal(inspection.fieldMatch?.mapping.ROADNAME, undefined, 'an unknown name is left to the user');
        assert.ok(inspection.fieldMatch?.unmatchedSources.includes('LU_MING_X'));
        const badInspect = await client.inspectSource({ source: join(folder.path, 'missing.zip') });
        assert.equal(!badInspect.ok && badInspect.error.code, 'FILE_NOT_FOUND');
        const saved = unwrap(await client.saveMappingPreset({ name: `道路 ${tag}`, layer: 'roads', fields: { ROADNAME: 'LU_MING_X' } }));
        assert.equal(saved.fields.ROADNAME, 'LU_MING_X');
        assert.equal(saved.fields.ROADCODE, null, 'fields the preset does not name are saved as null, as --save-mapping does');
        // Both adapters' workspaces share a folder, hence its mapping-presets folder.
        const listed = unwrap(await client.listMappingPresets({ layer: 'roads' }));
        assert.ok(listed.some((preset) => preset.name === `道路 ${tag}` && preset.path === saved.path), JSON.stringify(listed));
        assert.deepEqual(unwrap(await client.listMappingPresets({ layer: 'grids' })), []);
        const badName = await client.saveMappingPreset({ name: '../escape', layer: 'roads', fields: {} });
        assert.equal(!badName.ok && badName.error.code, 'INVALID_REQUEST');
        const expectedName = sqlRows(workspacePath, 'SELECT ROADNAME FROM roads')[0]!.ROADNAME;
        assert.ok(expectedName, 'the road has a name to carry over');
        const mappedJob = unwrap(await client.startImport({ layer: 'roads', source: oddRoads, mapping: { ROADNAME: 'LU_MING_X' } }));
        const mapped = await waitForFinish(client, mappedJob.jobId);
        assert.equal(mapped.result.ok, true, JSON.stringify(mapped.result));
        const roadNames = sqlRows(workspacePath, 'SELECT ROADNAME FROM roads');
        assert.deepEqual(roadNames.map((row) => row.ROADNAME), [expectedName]);
        const wrongMapping = await client.startImport({ layer: 'roads', source: oddRoads, mapping: { ROADNAME: 'NO_SUCH_COLUMN' } });
        const refused = wrongMapping.ok ? await waitForFinish(client, wrongMapping.value.jobId) : null;
        assert.equal(refused && !refused.result.ok && refused.result.error.place, 'mapping');
        // A source that would empty the layer is refused with both counts, unless the request allows it.
        const noRoads = join(folder.path, `no-roads-${tag}.geojson`);
        const emptied = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-where', '1 = 0', noRoads, workspacePath, 'roads'], { encoding: 'utf8' });
        assert.equal(emptied.status, 0, emptied.stderr);
        const shrinking = await waitForFinish(client, unwrap(await client.startImport({ layer: 'roads', source: noRoads })).jobId);
        assert.equal(!shrinking.result.ok && shrinking.result.error.code, 'LAYER_WOULD_SHRINK');
        assert.match(!shrinking.result.ok ? shrinking.result.error.message : '', /has 1 features and would keep only 0/);
        assert.equal(sqlRows(workspacePath, 'SELECT count(*) AS n FROM roads')[0]!.n, 1, 'the refused import changed nothing');
        const allowed = await waitForFinish(client, unwrap(await client.startImport({ layer: 'roads', source: noRoads, allowShrink: true })).jobId);
        assert.equal(allowed.result.ok, true, JSON.stringify(allowed.result));
        assert.equal(sqlRows(workspacePath, 'SELECT count(*) AS n FROM roads')[0]!.n, 0);

        assert.deepEqual(unwrap(await client.cancelJob({ jobId: 'no-such-job' })), { canceled: false });

        const missing = await client.openWorkspace({ path: join(folder.path, 'missing.gpkg') });
        assert.equal(!missing.ok && missing.error.code, 'FILE_NOT_FOUND');
        // a failed open keeps the workspace that was open
        assert.equal(unwrap(await client.getWorkspace({}))?.path, workspacePath);
        const badRequest = await client.getFeatures({ layer: 'grids', extent: [1, 2, 3] as unknown as [number, number, number, number] });
        assert.equal(!badRequest.ok && badRequest.error.code, 'INVALID_REQUEST');
      } finally {
        stopRecording();
        await harness.close();
        await services.dispose();
      }
    });
  });
}

for (const [adapter, makeHarness] of [['Electron IPC', ipcHarness], ['web host HTTP', httpHarness]] as const) {
  test(`requests that do not fit the contract are refused over ${adapter}, naming the method and the field`, async () => {
    const workspacePath = await createTinyWorkspace(folder.path, `checks-${adapter.replace(/\W/g, '')}.gpkg`);
    const services = new CityGridServices();
    const harness = await makeHarness(services);
    const raw = harness.client as unknown as Record<string, (request: unknown) => Promise<Result<unknown>>>;
    const refusal = async (method: string, request: unknown): Promise<string> => {
      const answer = await raw[method]!(request);
      assert.equal(answer.ok, false, `${method} ${JSON.stringify(request)} was accepted`);
      const error = (answer as { ok: false; error: { code: string; message: string } }).error;
      assert.equal(error.code, 'INVALID_REQUEST', error.message);
      assert.ok(error.message.startsWith(`${method}: `), error.message);
      return error.message;
    };
    try {
      unwrap(await harness.client.openWorkspace({ path: workspacePath }));
      const grids = [39620000, 3880000, 39620200, 3880200];
      assert.match(await refusal('getFeatures', { layer: 'grids', extent: grids, limit: 'x' }), /"limit" must be integer \(got "x"\)/);
      assert.match(await refusal('getFeatures', { layer: 'grids', extent: grids, limit: {} }), /"limit" must be integer/);
      assert.match(await refusal('getFeatures', {}), /"layer" is required/);
      assert.match(await refusal('getFeatures', { layer: 'grids', extent: [1, 2, 'x', 4] }), /"extent\[2\]" must be number/);
      // NaN crosses IPC as NaN and HTTP as null: refused either way.
      assert.match(await refusal('identify', { x: Number.NaN, y: 1, tolerance: 1 }), /"x" must be number/);
      assert.match(await refusal('openWorkspace', { path: 42 }), /"path" must be string/);
      assert.match(await refusal('startImport', { layer: 'roads', source: workspacePath, overwrite: true }), /"overwrite" is not a field of this request/);
      assert.match(await refusal('startImport', { layer: 'roads', source: workspacePath, mapping: { ROADNAME: 5 } }), /"mapping\.ROADNAME" must be string,null/);
      assert.match(await refusal('saveMappingPreset', { name: 'x', layer: 'roads', fields: [] }), /"fields" must be object/);
      assert.match(await refusal('startPublish', { allowErrors: 'yes' }), /"allowErrors" must be boolean/);
      assert.match(await refusal('cancelJob', { jobId: '' }), /"jobId" must NOT have fewer than 1 characters/);
      // What fits still works, and the cap still holds.
      const page = unwrap(await harness.client.getFeatures({ layer: 'grids', extent: grids as [number, number, number, number], limit: 1 }));
      assert.equal(page.features.length, 1);
      assert.equal(page.truncated, true);
      assert.equal(unwrap(await harness.client.listLayers({})).find((layer) => layer.name === 'roads')?.featureCount, 1, 'nothing was imported');
    } finally {
      await harness.close();
      await services.dispose();
    }
  });
}

test('methods outside the contract are refused by both adapters', async () => {
  const services = new CityGridServices();
  const ipc = new FakeIpc();
  const dispose = registerServiceHandlers(ipc.ipcMain, services, { isTrustedSender: () => true, receivers: () => [] });
  const viaIpc = await createBridge(ipc.ipcRenderer, () => '').invoke('dispose', {});
  assert.equal((viaIpc as { error: { code: string } }).error.code, 'INVALID_REQUEST');
  dispose();
  const host = await startWebHost({ services, staticDir: folder.path });
  const viaHttp = await createHttpTransport(`http://127.0.0.1:${host.port}`, host.token).invoke('dispose' as never, {});
  assert.equal(!viaHttp.ok && viaHttp.error.code, 'INVALID_REQUEST');
  await host.close();
});

test('an IPC request from an untrusted frame is refused', async () => {
  const services = new CityGridServices();
  const ipc = new FakeIpc();
  const dispose = registerServiceHandlers(ipc.ipcMain, services, { isTrustedSender: () => false, receivers: () => [] });
  const answer = await createBridge(ipc.ipcRenderer, () => '').invoke('getWorkspace', {});
  assert.equal((answer as { error: { code: string } }).error.code, 'UNAUTHORIZED');
  dispose();
});
