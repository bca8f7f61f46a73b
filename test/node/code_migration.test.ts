/**
 * Migrating a real (small, hand-built) workspace's component codes from 16
 * to 17 digits: a dry run changes nothing, the run rewrites exactly the
 * planned codes in one transaction, unmapped classes keep their codes.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import { migrateComponentCodes } from '../../src/node/codes/migrate_component_codes.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { tempDir } from '../helpers/paths.js';
import { createTinyWorkspace, TINY } from '../helpers/tiny_workspace.js';

const folder = tempDir('code-migration');
after(() => folder.remove());

function codesOf(path: string): string[] {
  const workspace = Workspace.open(path);
  try {
    const codes: string[] = [];
    workspace.layer('components').features.forEach((feature) => { codes.push(String(feature.fields.get('OBJCODE'))); });
    return codes.sort();
  } finally {
    workspace.close();
  }
}

/** The tiny workspace plus a 立杆 (no single current class), under the given taxonomy. */
async function workspaceWithPole(name: string, taxonomy: string, extra: string[] = []): Promise<string> {
  const path = await createTinyWorkspace(folder.path, name);
  const workspace = Workspace.open(path);
  try {
    const records: Array<{ geometry: { type: 'Point'; coordinates: [number, number] }; properties: Record<string, string> }> = [];
    workspace.layer('components').features.forEach((feature) => {
      const point = feature.getGeometry() as unknown as { x: number; y: number };
      records.push({ geometry: { type: 'Point', coordinates: [point.x, point.y] }, properties: { OBJCODE: String(feature.fields.get('OBJCODE')), OBJNAME: String(feature.fields.get('OBJNAME')) } });
    });
    for (const [index, code] of ['3713020117000001', ...extra].entries()) {
      records.push({ geometry: { type: 'Point', coordinates: [TINY.lightPosition[0] + 10 + index, TINY.lightPosition[1]] }, properties: { OBJCODE: code, OBJNAME: '' } });
    }
    await workspace.replaceFeatures('components', records);
    await workspace.writeMeta({ taxonomy });
  } finally {
    workspace.close();
  }
  return path;
}

test('a dry run plans and writes nothing; the run rewrites the mapped codes and keeps the rest', async () => {
  const path = await workspaceWithPole('legacy.gpkg', 'legacy-cjt214-components');
  const before = codesOf(path);
  const workspace = Workspace.open(path);
  try {
    const dry = await migrateComponentCodes(workspace, { dryRun: true });
    assert.equal(dry.dryRun, true);
    assert.equal(dry.updated, 0);
    assert.equal(dry.mapping, 'mapping-legacy-cjt214-to-gbt47678.5');
    assert.deepEqual(dry.counts, { codes: 4, migrated: 3, unmapped: 1, unmappedClasses: 1, invalid: 0, alreadyCurrent: 0, conflicts: 0 });
    assert.deepEqual(codesOf(path), before);

    const report = await migrateComponentCodes(workspace);
    assert.equal(report.updated, 3);
    assert.deepEqual(report.unmapped.map((group) => [group.classCode, group.className, group.codes]), [['0117', '立杆', ['3713020117000001']]]);
  } finally {
    workspace.close();
  }
  // 路灯 0118 → 01037, 上水井盖 0101 → 01001, 垃圾箱 0305 → 03005; 立杆 stays as it was
  assert.deepEqual(codesOf(path), ['37130201001000001', '37130201037000001', '37130203005000001', '3713020117000001'].sort());
  assert.ok(!codesOf(path).includes(TINY.light));
});

test('a second run finds the codes already current and changes nothing', async () => {
  const path = await workspaceWithPole('twice.gpkg', 'legacy-cjt214-components');
  const workspace = Workspace.open(path);
  try {
    await migrateComponentCodes(workspace);
    const again = await migrateComponentCodes(workspace);
    assert.equal(again.updated, 0);
    assert.equal(again.counts.alreadyCurrent, 3);
    assert.equal(again.counts.unmapped, 1);
  } finally {
    workspace.close();
  }
});

test('a city taxonomy adds its own decisions for local classes; local classes without one stay', async () => {
  const path = await workspaceWithPole('city.gpkg', 'city-lanshan', ['3713020139000001', '3713020312000001']);
  const workspace = Workspace.open(path);
  try {
    const report = await migrateComponentCodes(workspace);
    assert.equal(report.taxonomy, 'city-lanshan');
    assert.equal(report.updated, 4);
    assert.deepEqual(report.byClass.find((entry) => entry.fromClass === '0139'), { fromClass: '0139', fromName: '共享单车停放点', toClass: '02025', toName: '非机动车停放点', rule: 'city', count: 1 });
    assert.deepEqual(report.unmapped.map((group) => `${group.classCode} ${group.className} ${group.reason}`), ['0117 立杆 no-counterpart', '0312 垃圾分类投放点 not-in-mapping']);
  } finally {
    workspace.close();
  }
  assert.ok(codesOf(path).includes('37130202025000001'));
  assert.ok(codesOf(path).includes('3713020312000001'));
});

test('a workspace whose taxonomy has no mapping to migrate through is refused with the reason', async () => {
  const path = join(folder.path, 'current.gpkg');
  const workspace = Workspace.create(path, { name: '现行', crs: 'EPSG:4527', taxonomy: 'gbt47678.5-components' });
  try {
    await assert.rejects(migrateComponentCodes(workspace), /no class mapping from gbt47678\.5-components/);
  } finally {
    workspace.close();
  }
});
