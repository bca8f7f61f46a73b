/**
 * The standards check on a dirty delivery, as a user meets it through
 * `citygrid validate`: a mandatory field empty in every component and an
 * invalid state in every tenth come as two groups with exact counts and
 * their first records listed, and --findings-csv writes every one of them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { QaReport } from '../../src/core/qa/qa_finding.js';
import { tempDir } from '../helpers/paths.js';
import { cleanQaCity, component, gridCode, COMMUNITY_WEST, writeQaCity } from '../helpers/qa_city.js';
import { runCli } from '../helpers/run_cli.js';

const folder = tempDir('qa-dirty-groups');
after(() => folder.remove());

const COMPONENTS = 250;

test('a field empty in every component and an invalid state in every tenth come as two counted groups, and the CSV lists them all', async () => {
  const city = cleanQaCity();
  // Street lights 1 m apart along the south edge of grid 1 and 2, every one without its department code.
  city.components = Array.from({ length: COMPONENTS }, (_value, index) => {
    const feature = component(`3713020118${String(index + 1).padStart(6, '0')}`, '路灯', [index * 0.8 + 0.5, 5], gridCode(COMMUNITY_WEST, index * 0.8 + 0.5 < 100 ? 1 : 2));
    feature.properties.DEPTCODE1 = '';
    if ((index + 1) % 10 === 0) feature.properties.OBJSTATE = '损坏';
    return feature;
  });
  const path = await writeQaCity(folder.path, 'dirty.gpkg', city);
  const csvPath = join(folder.path, 'findings.csv');

  const run = runCli(['validate', '--workspace', path, '--json', '--findings-csv', csvPath]);
  assert.equal(run.status, 1, run.stderr);
  const report = JSON.parse(run.stdout) as QaReport;
  const count = (ruleId: string) => report.summary.byRule.find((rule) => rule.ruleId === ruleId)!;
  assert.equal(count('ATTRIBUTE_REQUIRED_MISSING').count, COMPONENTS);
  assert.equal(count('ATTRIBUTE_INVALID').count, COMPONENTS / 10);
  const attributeGroups = report.groups.filter((group) => group.ruleId.startsWith('ATTRIBUTE_'))
    .map((group) => `${group.ruleId} ${group.layer} ${group.field} ${group.fieldTitle?.zh} ${group.count} ${group.listed}`);
  assert.deepEqual(attributeGroups, [
    `ATTRIBUTE_REQUIRED_MISSING components DEPTCODE1 主管部门代码 ${COMPONENTS} 100`,
    `ATTRIBUTE_INVALID components OBJSTATE 管理部件状态 ${COMPONENTS / 10} ${COMPONENTS / 10}`,
  ]);
  // The first records of the group are listed, in fid order, each a place on the map.
  const listed = report.findings.filter((finding) => finding.ruleId === 'ATTRIBUTE_REQUIRED_MISSING');
  assert.deepEqual(listed.map((finding) => finding.fid), Array.from({ length: 100 }, (_value, index) => index + 1));
  assert.equal(listed[0]!.field, 'DEPTCODE1');
  assert.equal(listed[0]!.code, '3713020118000001');
  assert.ok(Math.abs(listed[0]!.x - (39620000 + 0.5)) < 0.01, String(listed[0]!.x));
  const invalid = report.findings.filter((finding) => finding.ruleId === 'ATTRIBUTE_INVALID');
  assert.deepEqual(invalid.map((finding) => finding.fid), Array.from({ length: COMPONENTS / 10 }, (_value, index) => (index + 1) * 10));
  assert.match(invalid[0]!.message.zh, /损坏/);
  assert.equal(report.findingsCsv, csvPath);

  // Every finding in the CSV, the unlisted ones too; with a byte-order mark for spreadsheet programs.
  const csv = readFileSync(csvPath, 'utf8');
  assert.ok(csv.startsWith('\ufeffrule,severity,layer,fid,code,x,y,field,value,message_zh,message_en\r\n'));
  const lines = csv.trimEnd().split('\r\n').slice(1);
  const attributeLines = lines.filter((line) => line.startsWith('ATTRIBUTE_'));
  assert.equal(attributeLines.length, COMPONENTS + COMPONENTS / 10);
  assert.equal(lines.length, report.summary.errors + report.summary.warnings);
  assert.ok(attributeLines.some((line) => line.startsWith(`ATTRIBUTE_REQUIRED_MISSING,error,components,${COMPONENTS},`)), attributeLines.at(-1));
  assert.ok(attributeLines.some((line) => line.startsWith('ATTRIBUTE_INVALID,error,components,250,3713020118000250,') && line.includes(',OBJSTATE,损坏,')));

  // The text report says it in one line per group.
  const text = runCli(['validate', '--workspace', path]);
  assert.match(text.stdout, new RegExp(`\\s${COMPONENTS} 管理部件 components DEPTCODE1 \\(主管部门代码 / Competent department code\\): 必填字段为空 / Mandatory attribute missing \\(100 listed\\)`));
});
