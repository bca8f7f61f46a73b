/**
 * Class tables as data: a city's extension merged onto its base (duplicate
 * codes refused), the derived matter classes, the legacy event list, and the
 * legacy→current component mapping checked against its own rules.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveComponentMatters } from '../../src/core/taxonomy/derive_component_matters.js';
import { mergeTaxonomy } from '../../src/core/taxonomy/merge_taxonomy.js';
import { resolveCityTaxonomy } from '../../src/core/taxonomy/resolve_city_taxonomy.js';
import type { CityTaxonomy, ClassMapping, ClassTaxonomy, MatterTaxonomy, TaxonomyExtension } from '../../src/core/taxonomy/taxonomy.js';
import { taxonomyFile } from '../helpers/code_fixtures.js';

const legacyComponents = taxonomyFile('legacy-cjt214-components');
const currentComponents = taxonomyFile('gbt47678.5-components');
const legacyEvents = taxonomyFile('legacy-events');
const source = (id: string): ClassTaxonomy | undefined => {
  try {
    return taxonomyFile(id);
  } catch {
    return undefined;
  }
};
const identity = { id: 'city-test', version: '1', description: 'test' };

test('local classes are added after the base classes, which keep their order', () => {
  const extension: TaxonomyExtension = {
    base: legacyComponents.id,
    majors: [{ code: '07', name: '智慧感知设施' }],
    classes: [{ code: '0139', major: '01', minor: '39', name: '共享单车停放点' }, { code: '0701', major: '07', minor: '01', name: '井盖位移传感器' }],
  };
  const merged = mergeTaxonomy(legacyComponents, extension, identity);
  assert.ok(merged.ok);
  assert.equal(merged.value.classes.length, legacyComponents.classes.length + 2);
  assert.deepEqual(merged.value.classes.slice(0, legacyComponents.classes.length), legacyComponents.classes);
  assert.deepEqual(merged.value.classes.at(-1), { code: '0701', major: '07', minor: '01', name: '井盖位移传感器', local: true });
  assert.deepEqual(merged.value.majors.at(-1), { code: '07', name: '智慧感知设施', local: true });
  assert.equal(merged.value.id, 'city-test');
});

test('duplicate codes and malformed local classes are refused, all at once, as error values', () => {
  const merged = mergeTaxonomy(legacyComponents, {
    base: legacyComponents.id,
    majors: [{ code: '03', name: '本地市容' }],
    classes: [
      { code: '0311', major: '03', minor: '11', name: '本地噪声屏' }, // 0311 is 噪声显示屏
      { code: '0139', major: '01', minor: '39', name: '共享单车停放点' },
      { code: '0139', major: '01', minor: '39', name: '共享单车停放区' }, // twice locally
      { code: '0899', major: '08', minor: '99', name: '无大类' },
      { code: '0140', major: '01', minor: '41', name: '代码不符' },
      { code: '01040', major: '01', minor: '040', name: '小类太长' },
    ],
  }, identity);
  assert.equal(merged.ok, false);
  const errors = !merged.ok ? merged.errors : [];
  assert.deepEqual(errors.map((error) => error.code), [
    'DUPLICATE_MAJOR_CODE', 'DUPLICATE_CLASS_CODE', 'DUPLICATE_CLASS_CODE', 'MAJOR_UNKNOWN', 'CLASS_CODE_MISMATCH', 'MINOR_LENGTH_MISMATCH',
  ]);
  assert.match(errors[1]!.message.zh, /本地小类 0311 本地噪声屏 与基础表 legacy-cjt214-components 的小类 0311 噪声显示屏 代码重复/);
  assert.match(errors[2]!.message.en, /local class 0139 共享单车停放区 has the same code as local class 0139 共享单车停放点/);
});

test('city-lanshan: legacy components + 5 local classes; 6 event majors with exactly 85 subtypes', () => {
  const resolved = resolveCityTaxonomy(taxonomyFile<CityTaxonomy>('city-lanshan'), source);
  assert.ok(resolved.ok, resolved.ok ? '' : JSON.stringify(resolved.errors));
  const city = resolved.value;
  assert.deepEqual(city.bases, { components: 'legacy-cjt214-components', events: 'legacy-events' });
  assert.equal(city.components.classes.length, legacyComponents.classes.length + 5);
  assert.deepEqual(city.components.classes.filter((definition) => definition.local).map((definition) => definition.code), ['0139', '0140', '0312', '0701', '0702']);
  assert.equal(city.events!.majors.length, 6);
  assert.deepEqual(city.events!.majors.map((major) => major.code), ['01', '02', '03', '04', '05', '21']);
  assert.equal(city.events!.classes.length, 85);
  assert.equal(new Set(city.events!.classes.map((definition) => `${definition.major} ${definition.name}`)).size, 85, 'event names are unique within their major');
  assert.equal(new Set(city.events!.classes.map((definition) => definition.code)).size, 85);
  // the city's migration decisions are checked against the current table and named from it
  assert.deepEqual(city.currentClassDecisions.map((pair) => `${pair.from}→${pair.to} ${pair.toName}`), ['0139→02025 非机动车停放点', '0140→01054 充电桩']);
});

test('a city file naming a missing base or an unknown current class is refused', () => {
  const city = taxonomyFile<CityTaxonomy>('city-lanshan');
  const missingBase = resolveCityTaxonomy({ ...city, components: { ...city.components, base: 'no-such-table' } }, source);
  assert.deepEqual(!missingBase.ok && missingBase.errors.map((error) => error.code), ['BASE_NOT_FOUND']);
  const wrongKind = resolveCityTaxonomy({ ...city, events: { ...city.events!, base: 'legacy-cjt214-components' } }, source);
  assert.deepEqual(!wrongKind.ok && wrongKind.errors.map((error) => error.code), ['BASE_KIND_MISMATCH']);
  const badDecision = resolveCityTaxonomy({
    ...city,
    components: { ...city.components, classes: city.components.classes.map((definition) => definition.code === '0140' ? { ...definition, currentClass: '01999' } : definition) },
  }, source);
  assert.deepEqual(!badDecision.ok && badDecision.errors.map((error) => error.code), ['CURRENT_CLASS_UNKNOWN']);
});

test('matter classes 01–05 are derived "<component>异常" classes with the component codes', () => {
  const listed = taxonomyFile<MatterTaxonomy>('gbt47678.5-matters');
  assert.deepEqual(listed.majors.map((major) => major.code), ['06', '07', '08', '09', '10']);
  const derived = deriveComponentMatters(listed, currentComponents);
  assert.ok(derived.ok);
  assert.equal(derived.value.classes.length, listed.classes.length + currentComponents.classes.length);
  assert.deepEqual(derived.value.classes[0], { code: '01001', major: '01', minor: '001', name: '供水井盖异常' });
  assert.equal(derived.value.majors.length, 10);
  for (const component of currentComponents.classes) {
    assert.equal(derived.value.classes.find((definition) => definition.code === component.code)?.name, `${component.name}异常`);
  }
  const wrongSource = deriveComponentMatters(listed, legacyComponents);
  assert.equal(!wrongSource.ok && wrongSource.error.code, 'DERIVATION_SOURCE_MISMATCH');
});

test('legacy events: minor codes are the practice list\'s order, 其他 keeps 99, major 21 has no subtypes', () => {
  assert.equal(legacyEvents.kind, 'event-classes');
  assert.match(legacyEvents.notes!.join(' '), /Minor codes vary by city/);
  assert.deepEqual(legacyEvents.classes.slice(0, 2).map((definition) => `${definition.code} ${definition.name}`), ['0101 私搭乱建', '0102 暴露垃圾']);
  assert.deepEqual(legacyEvents.majors.map((major) => `${major.code} ${major.name}`), ['01 市容环境', '02 宣传广告', '03 施工管理', '04 突发事件', '05 街面秩序', '21 扩展事件']);
  for (const major of ['01', '02', '03', '04', '05']) {
    assert.equal(legacyEvents.classes.find((definition) => definition.code === `${major}99`)?.name, '其他');
  }
  assert.equal(legacyEvents.classes.filter((definition) => definition.major === '21').length, 0);
});

test('the legacy→current mapping: every legacy class once, each pair true to its rule, unmapped never guessed', () => {
  const mapping = taxonomyFile<ClassMapping>('mapping-legacy-cjt214-to-gbt47678.5');
  const byCode = (table: ClassTaxonomy, code: string): string => table.classes.find((definition) => definition.code === code)!.name;
  const listed = [...mapping.pairs.map((pair) => pair.from), ...mapping.unmapped.map((entry) => entry.from)].sort();
  assert.deepEqual(listed, legacyComponents.classes.map((definition) => definition.code).sort());
  assert.equal(new Set(mapping.pairs.map((pair) => pair.to)).size, mapping.pairs.length, 'no two legacy classes share a current class');
  const halfWidth = (name: string): string => name.replace(/（/g, '(').replace(/）/g, ')');
  for (const pair of mapping.pairs) {
    assert.equal(pair.fromName, byCode(legacyComponents, pair.from));
    assert.equal(pair.toName, byCode(currentComponents, pair.to));
    if (pair.rule === 'identical') assert.equal(pair.fromName, pair.toName);
    if (pair.rule === 'brackets-normalized') assert.equal(halfWidth(pair.fromName), halfWidth(pair.toName));
  }
  for (const entry of mapping.unmapped) {
    assert.ok(!currentComponents.classes.some((definition) => definition.name === entry.fromName), `${entry.fromName} has an identical current name`);
  }
  const pair = (from: string) => mapping.pairs.find((candidate) => candidate.from === from);
  assert.deepEqual(pair('0101'), { from: '0101', fromName: '上水井盖', to: '01001', toName: '供水井盖', rule: 'term-renamed' });
  assert.equal(pair('0134')?.to, '01048');
  assert.equal(pair('0501')?.to, '03008'); // 宣传栏 moved from 房屋土地 to 市容环卫设施
  const pole = mapping.unmapped.find((entry) => entry.from === '0117');
  assert.equal(pole?.reason, 'no-counterpart');
  assert.equal(pole?.reviewHints?.length, 5); // 电力/通信/公交/特殊/不明立杆: a person splits them
  assert.deepEqual(
    { mapped: mapping.counts.mapped, unmapped: mapping.counts.unmapped, from: mapping.counts.from },
    { mapped: mapping.pairs.length, unmapped: mapping.unmapped.length, from: legacyComponents.classes.length },
  );
});
