import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import AjvModule from 'ajv';
import { CityGridError } from '../../src/core/api/errors.js';
import type { Feedback } from '../../src/core/jobs/feedback.js';
import { SILENT_FEEDBACK } from '../../src/core/jobs/feedback.js';
import { publishPackage } from '../../src/node/publish/publish_package.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { repoRoot, tempDir } from '../helpers/paths.js';
import { runTool } from '../helpers/run_cli.js';
import { createTinyWorkspace } from '../helpers/tiny_workspace.js';

const folder = tempDir('publish');
after(() => folder.remove());
const VALIDATE_GPKG = '/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py';

test('a published package passes GDAL\'s GeoPackage validator, sha256sum -c and the manifest schema', async () => {
  const workspace = Workspace.open(await createTinyWorkspace(folder.path, 'valid.gpkg'));
  const outDir = join(folder.path, 'out-valid');
  const result = await publishPackage(workspace, { outDir }, SILENT_FEEDBACK);
  workspace.close();
  assert.equal(result.directory, join(outDir, 'tiny-1'));
  assert.deepEqual(readdirSync(result.directory).sort(), ['SHA256SUMS', 'datapackage.json', 'package.gpkg', 'qa-report.json']);

  const validator = runTool('python3', [VALIDATE_GPKG, join(result.directory, 'package.gpkg')]);
  assert.equal(validator.status, 0, `validate_gpkg.py: ${validator.stdout}${validator.stderr}`);
  const sums = runTool('sha256sum', ['-c', 'SHA256SUMS'], result.directory);
  assert.equal(sums.status, 0, sums.stdout + sums.stderr);
  assert.match(sums.stdout, /package\.gpkg: OK/);
  assert.match(sums.stdout, /datapackage\.json: OK/);
  assert.match(sums.stdout, /qa-report\.json: OK/);

  const manifest = JSON.parse(readFileSync(join(result.directory, 'datapackage.json'), 'utf8')) as { crs: { code: string }; layers: Array<{ name: string; count: number; extent: number[] }>; qa: Record<string, unknown>; files: Array<{ path: string }> };
  const ajv = new AjvModule.default({ strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'package.schema.json'), 'utf8')));
  assert.ok(validate(structuredClone(manifest)), JSON.stringify(validate.errors));
  assert.equal(manifest.crs.code, 'EPSG:4527');
  assert.deepEqual(manifest.qa, { report: 'qa-report.json', rules: 'citygrid-qa-rules 1.0.0', errors: 0, warnings: 0, publishedWithErrors: false });
  assert.deepEqual(manifest.files.map((file) => file.path), ['package.gpkg', 'qa-report.json']);
  const report = JSON.parse(readFileSync(join(result.directory, 'qa-report.json'), 'utf8')) as { summary: { errors: number }; checked: Record<string, number> };
  assert.equal(report.summary.errors, 0);
  assert.equal(report.checked.components, 3);
  assert.deepEqual(result.qa, { errors: 0, warnings: 0 });
  const components = manifest.layers.find((layer) => layer.name === 'components')!;
  assert.equal(components.count, 3);
  assert.deepEqual(components.extent, [39620050, 3880020, 39620180, 3880080]);

  // what the package says is what ogrinfo reads in it
  const ogrinfo = runTool('ogrinfo', ['-ro', '-so', join(result.directory, 'package.gpkg'), 'components']);
  assert.match(ogrinfo.stdout, /Feature Count: 3/);
});

test('versions increase on each publish and the content hash follows the content', async () => {
  const path = await createTinyWorkspace(folder.path, 'versions.gpkg');
  const outDir = join(folder.path, 'out-versions');
  const workspace = Workspace.open(path);
  const first = await publishPackage(workspace, { outDir }, SILENT_FEEDBACK);
  const second = await publishPackage(workspace, { outDir }, SILENT_FEEDBACK);
  assert.deepEqual([first.version, second.version], [1, 2]);
  const hashes = (directory: string) => Object.fromEntries(JSON.parse(readFileSync(join(directory, 'datapackage.json'), 'utf8')).layers.map((layer: { name: string; sha256: string }) => [layer.name, layer.sha256]));
  assert.deepEqual(hashes(first.directory), hashes(second.directory));
  // A bare component (code only) breaks the attribute rules: published only when allowed.
  await workspace.replaceFeatures('components', [{ geometry: { type: 'Point', coordinates: [39620001, 3880001] }, properties: { OBJCODE: '3713020118000009' } }]);
  const third = await publishPackage(workspace, { outDir, allowErrors: true }, SILENT_FEEDBACK);
  assert.equal(third.version, 3);
  assert.notEqual(hashes(third.directory).components, hashes(second.directory).components);
  assert.equal(hashes(third.directory).grids, hashes(second.directory).grids);
  assert.equal(workspace.readMeta().publishedVersion, '3');
  workspace.close();
});

test('publishing to an unwritable folder names the folder and changes nothing', async () => {
  const path = await createTinyWorkspace(folder.path, 'unwritable.gpkg');
  const blocker = join(folder.path, 'a-file');
  writeFileSync(blocker, 'not a folder');
  const workspace = Workspace.open(path);
  await assert.rejects(publishPackage(workspace, { outDir: join(blocker, 'packages') }, SILENT_FEEDBACK),
    (error: CityGridError) => error.code === 'OUTPUT_UNWRITABLE' && error.message.includes(join(blocker, 'packages')));
  assert.equal(workspace.readMeta().publishedVersion, '0');
  workspace.close();
});

test('a canceled publish leaves no package and no version behind', async () => {
  const path = await createTinyWorkspace(folder.path, 'cancel.gpkg');
  const outDir = join(folder.path, 'out-cancel');
  const workspace = Workspace.open(path);
  let reports = 0;
  const cancelAfterFirstReport: Feedback = { reportProgress() { reports++; }, get canceled() { return reports > 0; } };
  await assert.rejects(publishPackage(workspace, { outDir }, cancelAfterFirstReport), (error: CityGridError) => error.code === 'CANCELED');
  assert.deepEqual(readdirSync(outDir), []);
  assert.equal(workspace.readMeta().publishedVersion, '0');
  const after = await publishPackage(workspace, { outDir }, SILENT_FEEDBACK);
  assert.equal(after.version, 1);
  assert.ok(existsSync(join(outDir, 'tiny-1', 'package.gpkg')));
  workspace.close();
});

test('a workspace with error findings is refused, leaving nothing behind, unless errors are allowed', async () => {
  const path = await createTinyWorkspace(folder.path, 'errors.gpkg');
  const outDir = join(folder.path, 'out-errors');
  const workspace = Workspace.open(path);
  await workspace.replaceFeatures('grids', [
    { geometry: { type: 'Polygon', coordinates: [[[39620000, 3880000], [39620100, 3880000], [39620100, 3880100], [39620000, 3880100], [39620000, 3880000]]] }, properties: { BGCODE: '37130200100101', BGNAME: '网格', AREA: 10000, SQCODE: '371302001001', JDCODE: '371302001', ORDATE: '20250601' } },
    { geometry: { type: 'Polygon', coordinates: [[[39620050, 3880000], [39620150, 3880000], [39620150, 3880100], [39620050, 3880100], [39620050, 3880000]]] }, properties: { BGCODE: '37130200100102', BGNAME: '网格', AREA: 10000, SQCODE: '371302001001', JDCODE: '371302001', ORDATE: '20250601' } },
  ]);
  await assert.rejects(publishPackage(workspace, { outDir }, SILENT_FEEDBACK), (error: CityGridError) =>
    error.code === 'VALIDATION_FAILED' && /GRID_OVERLAP 1/.test(error.message) && error.message.includes(path));
  assert.deepEqual(readdirSync(outDir), []);
  assert.equal(workspace.readMeta().publishedVersion, '0');
  const allowed = await publishPackage(workspace, { outDir, allowErrors: true }, SILENT_FEEDBACK);
  const manifest = JSON.parse(readFileSync(join(allowed.directory, 'datapackage.json'), 'utf8')) as { qa: { errors: number; publishedWithErrors: boolean } };
  assert.ok(manifest.qa.errors >= 1 && manifest.qa.publishedWithErrors);
  const report = JSON.parse(readFileSync(join(allowed.directory, 'qa-report.json'), 'utf8')) as { findings: Array<{ ruleId: string; fid: number }> };
  assert.equal(report.findings.filter((finding) => finding.ruleId === 'GRID_OVERLAP').length, 1);
  assert.equal(runTool('sha256sum', ['-c', 'SHA256SUMS'], allowed.directory).status, 0);
  workspace.close();
});
