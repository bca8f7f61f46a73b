/**
 * Each QA rule on a hand-built city (test/helpers/qa_city.ts) written as a
 * real GeoPackage and read back the way `citygrid validate` reads it: the
 * clean city has no findings, and each damage is reported exactly at the
 * feature it was made at, and nowhere else.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { QaReport } from '../../src/core/qa/qa_finding.js';
import { validateWorkspace } from '../../src/node/qa/validate_workspace.js';
import { validateFile as validate } from '../helpers/validate_file.js';
import { Workspace } from '../../src/node/workspace/workspace.js';
import { tempDir } from '../helpers/paths.js';
import { cleanQaCity, component, COMMUNITY_EAST, COMMUNITY_WEST, grid, gridCode, point, rectangle, writeQaCity, X0, Y0 } from '../helpers/qa_city.js';

const folder = tempDir('qa-rules');
after(() => folder.remove());


/** "RULE layer#fid", plus the field for attribute findings, sorted. */
function pairs(report: QaReport): string[] {
  return report.findings.map((finding) => {
    const field = finding.ruleId.startsWith('ATTRIBUTE_') ? ` ${finding.details.field}` : '';
    return `${finding.ruleId} ${finding.layer}#${finding.fid}${field}`;
  }).sort();
}

function findingOf(report: QaReport, ruleId: string) {
  const found = report.findings.find((finding) => finding.ruleId === ruleId);
  assert.ok(found, `a ${ruleId} finding`);
  return found;
}

test('the clean city has no findings and every rule ran', async () => {
  const report = await validate(await writeQaCity(folder.path, 'clean.gpkg', cleanQaCity()));
  assert.deepEqual(pairs(report), []);
  assert.deepEqual(report.skipped, []);
  assert.equal(report.summary.errors, 0);
  assert.equal(report.summary.warnings, 0);
  assert.equal(report.summary.byRule.length, 16);
  assert.deepEqual(report.checked, { components: 8, grids: 8, streets: 1, communities: 2, addresses: 2, roads: 1, ownership: 3, cases: 0 });
});

test('grid rules fire at the damaged grids only', async () => {
  const city = cleanQaCity();
  // fid 2: sequence 00 is the community's own record, not a unit grid.
  city.grids[1]!.properties.BGCODE = `${COMMUNITY_WEST}00`;
  city.components[1]!.properties.BGCODE = `${COMMUNITY_WEST}00`;
  // fid 4 repeats fid 3's code.
  city.grids[3]!.properties.BGCODE = gridCode(COMMUNITY_WEST, 3);
  city.components[3]!.properties.BGCODE = gridCode(COMMUNITY_WEST, 3);
  // fid 5 reaches 10 m into fid 6: 1,000 m² shared.
  city.grids[4] = grid(COMMUNITY_EAST, 1, [200, 0, 310, 100]);
  // fid 8 stops 10 m short of the community's north edge: a 1,000 m² gap.
  city.grids[7] = grid(COMMUNITY_EAST, 4, [300, 100, 400, 190]);
  // fid 7 lies in the east community but its code (and SQCODE) name the west one.
  city.grids[6]!.properties.BGCODE = gridCode(COMMUNITY_WEST, 5);
  city.grids[6]!.properties.SQCODE = COMMUNITY_WEST;
  city.components[6]!.properties.BGCODE = gridCode(COMMUNITY_WEST, 5);
  // fid 1 becomes a 1,500 m² sliver; fid 9 takes the rest of its square.
  city.grids[0] = grid(COMMUNITY_WEST, 1, [0, 0, 100, 15]);
  city.grids.push(grid(COMMUNITY_WEST, 9, [0, 15, 100, 100]));
  city.components[0]!.properties.BGCODE = gridCode(COMMUNITY_WEST, 9);
  const report = await validate(await writeQaCity(folder.path, 'grids.gpkg', city));
  assert.deepEqual(pairs(report), [
    'GRID_AREA_OUTLIER grids#1',
    'GRID_CODE_DUPLICATE grids#4',
    'GRID_CODE_INVALID grids#2',
    'GRID_GAP communities#2',
    'GRID_OUTSIDE_COMMUNITY grids#7',
    'GRID_OVERLAP grids#5',
  ]);
  const overlap = findingOf(report, 'GRID_OVERLAP');
  assert.equal(overlap.details.area, 1000);
  assert.equal(overlap.details.otherFid, 6);
  assert.ok(overlap.x > X0 + 300 && overlap.x < X0 + 310 && overlap.y > Y0 && overlap.y < Y0 + 100, 'the overlap is marked inside the shared strip');
  assert.equal(overlap.geometry?.type, 'MultiPolygon');
  const gap = findingOf(report, 'GRID_GAP');
  assert.equal(gap.details.area, 1000);
  assert.equal(gap.code, COMMUNITY_EAST);
  assert.ok(gap.x > X0 + 300 && gap.y > Y0 + 190 && gap.y < Y0 + 200, 'the gap is marked inside the missing strip');
  assert.match(findingOf(report, 'GRID_CODE_INVALID').message.zh, /顺序码00/);
  assert.equal(findingOf(report, 'GRID_CODE_DUPLICATE').details.otherFid, 3);
  assert.match(findingOf(report, 'GRID_OUTSIDE_COMMUNITY').message.en, /prefix 371302001001.*community 371302001002/);
  assert.equal(findingOf(report, 'GRID_AREA_OUTLIER').details.area, 1500);
  assert.equal(findingOf(report, 'GRID_AREA_OUTLIER').severity, 'warning');
  assert.equal(report.summary.errors, 5);
  assert.equal(report.summary.warnings, 1);
});

test('component, attribute, ownership and address rules fire at the damaged features only', async () => {
  const city = cleanQaCity();
  const [c1, c2, c3, c4, c5, c6, c7, c8] = city.components.map((record) => record.properties);
  c1!.OBJCODE = '9999990118000001';            // no such county
  c2!.OBJCODE = c3!.OBJCODE!;                   // fid 3 repeats the code fid 2 now has first
  c2!.ORDATE = '20250231';                      // not a date
  c3!.CHDATE = '20240101';                      // changed before it was surveyed
  c4!.OBJCODE = '3713029999000004';             // class 9999 is in no taxonomy
  city.components[4]!.geometry = point(450, 50); // fid 5 outside every grid
  c6!.BGCODE = gridCode(COMMUNITY_EAST, 3);      // fid 6 lies in grid …02 (east 2)
  c7!.OBJNAME = '';                             // mandatory name missing
  c8!.OBJSTATE = '良好';                         // not a state of the standard
  // fid 9: a second street light 0.3 m from fid 8; fid 10: a manhole there (another class);
  // fid 11: on the edge between grids 1 and 2, recorded in grid 1.
  city.components.push(component('3713020118000009', '路灯', [350.3, 150], gridCode(COMMUNITY_EAST, 4)));
  city.components.push(component('3713020101000010', '上水井盖', [350, 150], gridCode(COMMUNITY_EAST, 4)));
  city.components.push(component('3713020118000011', '路灯', [100, 30], gridCode(COMMUNITY_WEST, 1)));
  city.components[9]!.properties.DEPTCODE1 = 'ABC';
  // Grid fid 1 with a negative area, grid fid 2 without its initial date.
  city.grids[0]!.properties.AREA = -1;
  city.grids[1]!.properties.ORDATE = '';
  // Zone fid 4 (养护) overlaps zones 2 and 3 (养护) by 100 m² each; zone 5 (权属) overlaps zone 2 by design.
  city.ownership.push({ geometry: rectangle(190, 50, 210, 60), properties: { ZONECODE: '371302YH000003', ZONETYPE: '养护', DEPTCODE: '12371302MB3N4KL58T', DEPTNAME: '兰山区园林环卫保障中心' } });
  city.ownership.push({ geometry: rectangle(10, 10, 50, 50), properties: { ZONECODE: '371302QS000001', ZONETYPE: '权属', DEPTCODE: '91371300489UENFFXM', DEPTNAME: '某物业公司' } });
  // Address fid 3 outside every grid; address fid 2 of an unknown type; the road of an unknown class.
  city.addresses.push({ geometry: point(450, 150), properties: { ADDRCODE: '371302001002000002', ADDRNAME: '山东省临沂市兰山区通达路201号', ADDRTYPE: '门牌', SQCODE: COMMUNITY_EAST, JDCODE: '371302001' } });
  city.addresses[1]!.properties.ADDRTYPE = '门号';
  city.roads[0]!.properties.ROADCLASS = '大路';
  const report = await validate(await writeQaCity(folder.path, 'components.gpkg', city));
  assert.deepEqual(pairs(report), [
    'ADDRESS_OUTSIDE_GRID addresses#3',
    'ATTRIBUTE_INVALID addresses#2 ADDRTYPE',
    'ATTRIBUTE_INVALID components#10 DEPTCODE1',
    'ATTRIBUTE_INVALID components#2 ORDATE',
    'ATTRIBUTE_INVALID components#3 CHDATE',
    'ATTRIBUTE_INVALID components#8 OBJSTATE',
    'ATTRIBUTE_INVALID grids#1 AREA',
    'ATTRIBUTE_INVALID roads#1 ROADCLASS',
    'ATTRIBUTE_REQUIRED_MISSING components#7 OBJNAME',
    'ATTRIBUTE_REQUIRED_MISSING grids#2 ORDATE',
    'COMPONENT_CLASS_UNKNOWN components#4',
    'COMPONENT_CODE_DUPLICATE components#3',
    'COMPONENT_CODE_INVALID components#1',
    'COMPONENT_DUPLICATE_POSITION components#9',
    'COMPONENT_GRID_MISMATCH components#6',
    'COMPONENT_OUTSIDE_GRID components#5',
    'OWNERSHIP_OVERLAP ownership#2',
    'OWNERSHIP_OVERLAP ownership#3',
  ]);
  const mismatch = findingOf(report, 'COMPONENT_GRID_MISMATCH');
  assert.deepEqual([mismatch.details.recorded, mismatch.details.actual], [gridCode(COMMUNITY_EAST, 3), gridCode(COMMUNITY_EAST, 2)]);
  assert.deepEqual([mismatch.x, mismatch.y], [X0 + 350, Y0 + 50]);
  const duplicate = findingOf(report, 'COMPONENT_DUPLICATE_POSITION');
  assert.equal(duplicate.details.otherFid, 8);
  assert.equal(duplicate.details.distance, 0.3);
  assert.equal(duplicate.severity, 'warning');
  assert.equal(findingOf(report, 'COMPONENT_CODE_DUPLICATE').details.otherFid, 2);
  assert.match(findingOf(report, 'COMPONENT_CODE_INVALID').message.en, /division 999999 is not a county-level division/);
  assert.equal(findingOf(report, 'COMPONENT_CLASS_UNKNOWN').details.classCode, '9999');
  const byField = (field: string, layer = 'components') => report.findings.find((finding) => finding.layer === layer && finding.details.field === field)!;
  assert.deepEqual(byField('OBJSTATE').details, { field: 'OBJSTATE', value: '良好', rule: 'enum' });
  assert.deepEqual(byField('ORDATE').details.rule, 'format');
  assert.deepEqual(byField('CHDATE').details.rule, 'notBefore');
  assert.deepEqual(byField('AREA', 'grids').details, { field: 'AREA', value: -1, rule: 'exclusiveMinimum' });
  assert.deepEqual(byField('OBJNAME').details, { field: 'OBJNAME', value: '', rule: 'required' });
  assert.match(byField('OBJNAME').message.zh, /管理部件“3713020118000007”的必填字段 OBJNAME（管理部件名称）为空/);
  const zones = report.findings.filter((finding) => finding.ruleId === 'OWNERSHIP_OVERLAP');
  assert.deepEqual(zones.map((finding) => [finding.details.otherFid, finding.details.area, finding.details.zoneType]), [[4, 100, '养护'], [4, 100, '养护']]);
});

test('land of a street outside every community is a gap, and a grid across two communities is reported', async () => {
  const city = cleanQaCity();
  city.streets[0]!.geometry = rectangle(0, 0, 500, 200);
  city.grids[3] = grid(COMMUNITY_WEST, 4, [100, 100, 220, 200]);
  city.grids[6] = grid(COMMUNITY_EAST, 3, [220, 100, 300, 200]);
  const report = await validate(await writeQaCity(folder.path, 'street-gap.gpkg', city));
  assert.deepEqual(pairs(report), ['GRID_GAP streets#1', 'GRID_OUTSIDE_COMMUNITY grids#4']);
  assert.equal(findingOf(report, 'GRID_GAP').details.area, 20000);
  assert.match(findingOf(report, 'GRID_OUTSIDE_COMMUNITY').message.en, /across communities 371302001001、371302001002/);
});

test('without streets and communities the rules that need them are skipped, not failed', async () => {
  const city = cleanQaCity();
  city.streets = [];
  city.communities = [];
  const report = await validate(await writeQaCity(folder.path, 'no-boundary.gpkg', city));
  assert.deepEqual(pairs(report), []);
  assert.deepEqual(report.skipped.map((skipped) => skipped.ruleId).sort(), ['GRID_GAP', 'GRID_OUTSIDE_COMMUNITY']);
});

test('a canceled validation stops with CANCELED, at any point, and leaves nothing running', async () => {
  const path = await writeQaCity(folder.path, 'cancel.gpkg', cleanQaCity());
  for (const reportsBeforeCancel of [0, 1, 3, 8, 15]) {
    let reports = 0;
    const feedback = { reportProgress() { reports++; }, get canceled() { return reports > reportsBeforeCancel; } };
    const workspace = Workspace.open(path);
    try {
      await assert.rejects(validateWorkspace(workspace, feedback), (error: { code?: string }) => error.code === 'CANCELED', `cancel after ${reportsBeforeCancel} reports`);
    } finally {
      workspace.close();
    }
  }
  assert.deepEqual(pairs(await validate(path)), []);
});

test('component classes are those of the workspace taxonomy: a city taxonomy adds its local classes', async () => {
  const city = cleanQaCity();
  // 0701 井盖位移传感器 is a local class of city-lanshan, not of the legacy table it extends.
  city.components[0]!.properties.OBJCODE = '3713020701000001';
  city.components[0]!.properties.OBJNAME = '井盖位移传感器';
  const legacy = await validate(await writeQaCity(folder.path, 'taxonomy-legacy.gpkg', city));
  assert.deepEqual(pairs(legacy), ['COMPONENT_CLASS_UNKNOWN components#1']);
  assert.match(legacy.findings[0]!.message.en, /class 0701 is not in taxonomy legacy-cjt214-components/);
  const local = await validate(await writeQaCity(folder.path, 'taxonomy-city.gpkg', city, 'city-lanshan'));
  assert.deepEqual(pairs(local), []);
  assert.equal(local.workspace.taxonomy, 'city-lanshan');
});

test('a 17-digit code\'s class is read in GB/T 47678.5, a 16-digit one\'s in the legacy (city) table, and the finding has a place', async () => {
  const city = cleanQaCity();
  // 01001 is a GB/T 47678.5 class; 01999 is in no table; 0118 (路灯) is legacy, and 00118 is no current class.
  city.components[0]!.properties.OBJCODE = '37130201001000001';
  city.components[1]!.properties.OBJCODE = '37130201999000002';
  city.components[2]!.properties.OBJCODE = '37130200118000003';
  for (const taxonomy of ['legacy-cjt214-components', 'city-lanshan']) {
    const report = await validate(await writeQaCity(folder.path, `layouts-${taxonomy}.gpkg`, city, taxonomy));
    assert.deepEqual(pairs(report), ['COMPONENT_CLASS_UNKNOWN components#2', 'COMPONENT_CLASS_UNKNOWN components#3'], taxonomy);
    const unknown = report.findings.filter((finding) => finding.ruleId === 'COMPONENT_CLASS_UNKNOWN');
    assert.deepEqual(unknown.map((finding) => finding.details.classCode), ['01999', '00118']);
    assert.ok(unknown.every((finding) => /not in taxonomy gbt47678\.5-components/.test(finding.message.en)), taxonomy);
    // Grid 2's and grid 3's middle: the code rules wait for the points.
    assert.deepEqual(unknown.map((finding) => [finding.x - X0, finding.y - Y0]), [[150, 50], [50, 150]]);
  }
});
