/**
 * Code vectors for every layout in schemas/code-layouts.json, valid and
 * invalid, read the way a data officer would: the kind, each segment's
 * meaning, or exactly why the code is wrong.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainCode, type CodeExplanation, type ExplainContext } from '../../src/core/codes/explain_code.js';
import { deriveComponentMatters } from '../../src/core/taxonomy/derive_component_matters.js';
import { resolveCityTaxonomy, taxonomiesForCity } from '../../src/core/taxonomy/resolve_city_taxonomy.js';
import type { CityTaxonomy, ClassTaxonomy, MatterTaxonomy } from '../../src/core/taxonomy/taxonomy.js';
import { codeLayouts, LANSHAN_DIVISIONS, taxonomyFile } from '../helpers/code_fixtures.js';

const base: Record<string, ClassTaxonomy> = Object.fromEntries(
  ['legacy-cjt214-components', 'gbt47678.5-components', 'legacy-events'].map((id) => [id, taxonomyFile(id)]),
);
const matters = deriveComponentMatters(taxonomyFile<MatterTaxonomy>('gbt47678.5-matters'), base['gbt47678.5-components']!);
assert.ok(matters.ok);
base['gbt47678.5-matters'] = matters.value;

const context: ExplainContext = { layouts: codeLayouts(), divisions: LANSHAN_DIVISIONS, taxonomies: base };

function meanings(explanation: CodeExplanation): Record<string, string | undefined> {
  return Object.fromEntries(explanation.segments.map((segment) => [segment.name, segment.meaning]));
}

function issueCodes(explanation: CodeExplanation): string[] {
  return explanation.issues.map((issue) => issue.code);
}

test('a 14-digit legacy grid code names its county, street, community and grid number', () => {
  const explanation = explainCode('37130200100103', context);
  assert.equal(explanation.valid, true);
  assert.equal(explanation.kind, 'grid');
  assert.equal(explanation.layoutId, 'grid-legacy-14');
  assert.deepEqual(meanings(explanation), { division: '山东省临沂市兰山区', street: '兰山街道', community: '前十社区居民委员会', sequence: '3' });
  assert.deepEqual(explanation.segments.map((segment) => segment.value), ['371302', '001', '001', '03']);
  assert.deepEqual(explanation.segments[1]!.label, { zh: '街道(乡镇)', en: 'Street (township)' });
});

test('a 15-character current grid code takes digits and capital letters', () => {
  const digits = explainCode('371302002001012', context);
  assert.equal(digits.layoutId, 'grid-current-15');
  assert.deepEqual(meanings(digits), { division: '山东省临沂市兰山区', street: '银雀山街道', community: '新华社区居民委员会', sequence: '12' });
  const lettered = explainCode('3713020010010A1', context);
  assert.equal(lettered.valid, true);
  assert.equal(lettered.segments[3]!.value, '0A1');
  const lowercase = explainCode('3713020010010a1', context);
  assert.equal(lowercase.valid, false);
  assert.deepEqual(issueCodes(lowercase), ['BAD_CHARACTERS']);
  assert.match(lowercase.issues[0]!.message.zh, /第14位字符“a”不允许/);
  assert.match(lowercase.issues[0]!.message.en, /character 14 "a" is not allowed.*capitals/);
});

test('component codes of both generations name the class in their own table', () => {
  const legacy = explainCode('3713020101000001', context);
  assert.equal(legacy.layoutId, 'component-legacy-16');
  assert.equal(legacy.taxonomy, 'legacy-cjt214-components');
  assert.deepEqual(meanings(legacy), { division: '山东省临沂市兰山区', major: '公用设施', minor: '上水井盖', sequence: '1' });
  const current = explainCode('37130201001000001', context);
  assert.equal(current.layoutId, 'component-current-17');
  assert.deepEqual(meanings(current), { division: '山东省临沂市兰山区', major: '市政公用设施', minor: '供水井盖', sequence: '1' });
});

test('matter codes (11 digits) read listed and derived classes; legacy event codes (10 digits) the practice list', () => {
  const listed = explainCode('37130206001', context);
  assert.equal(listed.kind, 'matter');
  assert.deepEqual(meanings(listed), { division: '山东省临沂市兰山区', major: '市容环境类', minor: '私搭乱建' });
  const derived = explainCode('37130201001', context);
  assert.equal(derived.valid, true);
  assert.equal(meanings(derived).minor, '供水井盖异常');
  const event = explainCode('3713020199', context);
  assert.equal(event.kind, 'event');
  assert.deepEqual(meanings(event), { division: '山东省临沂市兰山区', major: '市容环境', minor: '其他' });
});

test('unknown, non-county and foreign divisions are named exactly', () => {
  const unknown = explainCode('9999990101000001', context);
  assert.deepEqual(issueCodes(unknown), ['DIVISION_UNKNOWN']);
  assert.equal(unknown.issues[0]!.segment, 'division');
  assert.equal(unknown.issues[0]!.message.zh, '县级行政区划代码999999不存在');
  assert.deepEqual(unknown.segments.map((segment) => segment.status), ['invalid', 'valid', 'valid', 'valid']);
  // the class segments are still read
  assert.equal(meanings(unknown).minor, '上水井盖');
  const city = explainCode('3713000101000001', context);
  assert.deepEqual(issueCodes(city), ['DIVISION_NOT_COUNTY']);
  assert.match(city.issues[0]!.message.zh, /371300是临沂市（地级）的代码/);
  const province = explainCode('3700000101000001', context);
  assert.match(province.issues[0]!.message.en, /370000 is the code of 山东省 \(province level\)/);
});

test('a street or community not under its county or street is refused, and the check stops there', () => {
  const street = explainCode('37130299900101', context);
  assert.deepEqual(issueCodes(street), ['STREET_NOT_IN_COUNTY']);
  assert.match(street.issues[0]!.message.zh, /兰山区（371302）下没有代码为999的街道\(乡镇\)：371302999不存在/);
  assert.equal(meanings(street).community, undefined);
  assert.deepEqual(street.segments.map((segment) => segment.status), ['valid', 'invalid', 'unchecked', 'valid']);
  // 001 is a street of 兰山区 but the lookup knows no street 001 under 罗庄区
  const otherCounty = explainCode('37131100100101', context);
  assert.deepEqual(issueCodes(otherCounty), ['STREET_NOT_IN_COUNTY']);
  assert.match(otherCounty.issues[0]!.message.en, /罗庄区 \(371311\) has no street or township 001/);
  const community = explainCode('37130200199901', context);
  assert.deepEqual(issueCodes(community), ['COMMUNITY_NOT_IN_STREET']);
  assert.match(community.issues[0]!.message.zh, /兰山街道（371302001）下没有代码为999的社区/);
});

test('unknown majors and classes are refused with the table they were looked up in', () => {
  const major = explainCode('3713029901000001', context);
  assert.deepEqual(issueCodes(major), ['MAJOR_UNKNOWN']);
  assert.match(major.issues[0]!.message.en, /major class 99 is not in class table legacy-cjt214-components/);
  const minor = explainCode('3713020199000001', context);
  assert.deepEqual(issueCodes(minor), ['CLASS_UNKNOWN']);
  assert.match(minor.issues[0]!.message.zh, /小类0199不在分类表legacy-cjt214-components的大类01（公用设施）中/);
  // several problems at once are all reported
  const both = explainCode('9999999901000000', context);
  assert.deepEqual(issueCodes(both), ['DIVISION_UNKNOWN', 'MAJOR_UNKNOWN', 'SEQUENCE_ZERO']);
});

test('sequence 0 is refused; a grid sequence 00 is said to be the community-level record', () => {
  const component = explainCode('3713020101000000', context);
  assert.deepEqual(issueCodes(component), ['SEQUENCE_ZERO']);
  assert.equal(component.issues[0]!.segment, 'sequence');
  const grid = explainCode('37130200100100', context);
  assert.deepEqual(issueCodes(grid), ['SEQUENCE_ZERO']);
  assert.match(grid.issues[0]!.message.zh, /社区级记录/);
  assert.match(grid.issues[0]!.message.en, /community-level record/);
});

test('lengths: none fits, or not the length of the kind asked for; an empty code', () => {
  const none = explainCode('371302', context);
  assert.equal(none.kind, null);
  assert.deepEqual(issueCodes(none), ['LENGTH_UNKNOWN']);
  assert.match(none.issues[0]!.message.en, /has 6 characters, the length of no known layout/);
  // 15 digits are a current grid code when the kind is open …
  assert.equal(explainCode('371302001001003', context).layoutId, 'grid-current-15');
  // … and the wrong length when a component code was asked for
  const component = explainCode('371302010100001', { ...context, kind: 'component' });
  assert.deepEqual(issueCodes(component), ['WRONG_LENGTH']);
  assert.equal(component.issues[0]!.message.zh, '部件标识码应为16或17位，实际15位');
  assert.equal(component.issues[0]!.message.en, 'a component code must have 16 or 17 characters, has 15');
  assert.deepEqual(issueCodes(explainCode('', context)), ['EMPTY']);
  const letters = explainCode('37130201010000A1', context);
  assert.deepEqual(issueCodes(letters), ['BAD_CHARACTERS']);
  assert.match(letters.issues[0]!.message.en, /character 15 "A".*may only contain digits/);
});

test('without a division lookup or class table the code is read for form and says what it could not check', () => {
  const explanation = explainCode('9999990199000001', { layouts: codeLayouts() });
  assert.equal(explanation.valid, true);
  assert.equal(explanation.unchecked.length, 2);
  assert.deepEqual(explanation.segments.map((segment) => segment.status), ['unchecked', 'unchecked', 'unchecked', 'valid']);
  assert.match(explanation.unchecked.map((note) => note.en).join(' '), /divisions not checked.*classes not checked \(no class table legacy-cjt214-components\)/);
});

test('a city taxonomy\'s local classes are read in place of its base tables', () => {
  const city = resolveCityTaxonomy(taxonomyFile<CityTaxonomy>('city-lanshan'), (id) => taxonomyFile(id));
  assert.ok(city.ok);
  const cityContext: ExplainContext = { ...context, taxonomies: { ...base, ...taxonomiesForCity(city.value) } };
  assert.deepEqual(issueCodes(explainCode('3713020139000001', context)), ['CLASS_UNKNOWN']);
  const local = explainCode('3713020139000001', cityContext);
  assert.equal(local.valid, true);
  assert.equal(local.taxonomy, 'city-lanshan');
  assert.equal(meanings(local).minor, '共享单车停放点');
  assert.equal(meanings(explainCode('3713020701000003', cityContext)).major, '智慧感知设施');
  assert.equal(meanings(explainCode('3713022101', cityContext)).minor, '违规燃放烟花爆竹');
  // base classes still read the same
  assert.equal(meanings(explainCode('3713020101000001', cityContext)).minor, '上水井盖');
});
