/**
 * The sample city's year of case records, checked the way a planner would
 * before running Gi* and kernel density on them: the fields follow the
 * case-record schema, every case lies in the grid it names, component cases
 * stand at a real component of their class, the days and hours have the
 * rhythm of a real centre, the seasons show, and the hot spots are real
 * clusters rather than noise.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureRecord, Position } from '../../src/core/api/geo_types.js';
import type { CodeLayouts } from '../../src/core/codes/code_layout.js';
import type { ClassTaxonomy, ComponentTaxonomy } from '../../src/core/taxonomy/taxonomy.js';
import { generateSampleCity, type SampleCity, type SampleOptions } from '../../sample-city/core/generate_sample_city.js';

function repositoryRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!(fs.existsSync(path.join(directory, 'package.json')) && fs.existsSync(path.join(directory, 'schemas')))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('repository root not found');
    directory = parent;
  }
  return directory;
}

function readJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(repositoryRoot(), relative), 'utf8')) as T;
}

const community = (code: string, name: string) => ({ code, name: `${name}社区居民委员会` });

const OPTIONS: SampleOptions = {
  scale: 'small',
  seed: 42,
  divisions: {
    province: '山东省',
    city: '临沂市',
    county: { code: '371302', name: '兰山区' },
    streets: [
      { code: '371302001', name: '兰山街道', communities: [community('371302001001', '前十'), community('371302001002', '后十'), community('371302001003', '后园')] },
      { code: '371302002', name: '银雀山街道', communities: [community('371302002001', '新华'), community('371302002002', '南关')] },
      { code: '371302003', name: '金雀山街道', communities: [community('371302003001', '南坛'), community('371302003002', '御碑街')] },
    ],
  },
  taxonomy: readJson<ComponentTaxonomy>('schemas/taxonomies/legacy-cjt214-components.json'),
  events: readJson<ClassTaxonomy>('schemas/taxonomies/legacy-events.json'),
  layouts: readJson<CodeLayouts>('schemas/code-layouts.json'),
  origin: [39624000, 3883000],
  surveyDate: '20240615',
};

interface CaseRecordSchema {
  required: string[];
  properties: Record<string, { enum?: string[]; pattern?: string; maxLength?: number }>;
}

function gridRectangle(grid: FeatureRecord): [number, number, number, number] {
  const ring = (grid.geometry.coordinates as Position[][])[0];
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Ray casting on the grid's own ring: the grids the point is strictly inside. */
function gridsHolding(grids: readonly FeatureRecord[], x: number, y: number): FeatureRecord[] {
  return grids.filter((grid) => {
    const [west, south, east, north] = gridRectangle(grid);
    if (x <= west || x >= east || y <= south || y >= north) return false;
    const ring = (grid.geometry.coordinates as Position[][])[0];
    let inside = false;
    for (let index = 0; index + 1 < ring.length; index++) {
      const [x1, y1] = ring[index];
      const [x2, y2] = ring[index + 1];
      if ((y1 > y) !== (y2 > y) && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  });
}

function weekdayOf(date: string): number {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)))).getUTCDay();
}

describe('case records of the small sample city', () => {
  let city: SampleCity;
  let cases: FeatureRecord[];
  let grids: FeatureRecord[];
  const properties = (feature: FeatureRecord) => feature.properties as Record<string, string> & { X: number; Y: number };

  before(() => {
    city = generateSampleCity(OPTIONS);
    cases = [...city.layers.cases()];
    grids = [...city.layers.grids()];
  });

  test('a year of ~1 000–3 000 records whose fields follow schemas/attributes/case-record.json', () => {
    assert.ok(cases.length >= 1000 && cases.length <= 3000, `${cases.length} cases`);
    assert.equal(city.counts.cases, cases.length);
    const schema = readJson<CaseRecordSchema>('schemas/attributes/case-record.json');
    const eventCodes = new Set(OPTIONS.events.classes.map((definition) => definition.code));
    const componentCodes = new Set(OPTIONS.taxonomy.classes.map((definition) => definition.code));
    const codes = new Set<string>();
    let previous = '';
    for (const feature of cases) {
      const record = properties(feature);
      for (const field of schema.required) assert.ok(record[field] !== '' && record[field] !== undefined, `${record.CASECODE} lacks ${field}`);
      for (const [field, rule] of Object.entries(schema.properties)) {
        const value = record[field];
        if (value === undefined || value === '' || typeof value === 'number') continue;
        if (rule.enum) assert.ok(rule.enum.includes(value), `${field} ${value}`);
        if (rule.pattern) assert.match(value, new RegExp(rule.pattern), `${field} ${value}`);
        if (rule.maxLength) assert.ok(value.length <= rule.maxLength, `${field} too long`);
      }
      assert.ok(!codes.has(record.CASECODE), `duplicate ${record.CASECODE}`);
      codes.add(record.CASECODE);
      // Numbered in report order, per calendar year.
      assert.equal(record.CASECODE.slice(0, 4), record.REPORTTIME.slice(0, 4));
      assert.ok(record.REPORTTIME >= previous, `${record.CASECODE} reported before the case before it`);
      previous = record.REPORTTIME;
      assert.ok(record.REPORTTIME >= '20240615000000' && record.REPORTTIME < '20250615000000', record.REPORTTIME);
      assert.equal(record.CLASSCODE, `${record.MAJORCODE}${record.MINORCODE}`);
      assert.ok((record.CASETYPE === '事件' ? eventCodes : componentCodes).has(record.CLASSCODE), `${record.CASETYPE} class ${record.CLASSCODE}`);
      assert.deepEqual(feature.geometry.coordinates, [record.X, record.Y]);
      if (record.STATUS === '结案') assert.ok(record.CLOSETIME > record.REPORTTIME, `${record.CASECODE} closed before it was reported`);
      else assert.equal(record.CLOSETIME, '');
      assert.equal(record.DEPTCODE === '', record.STATUS === '作废', `${record.CASECODE}: only voided cases go to no department`);
    }
    const types = new Set(cases.map((feature) => properties(feature).CASETYPE));
    assert.deepEqual([...types].sort(), ['事件', '部件']);
  });

  test('every case lies in the grid its BGCODE names', () => {
    for (const feature of cases) {
      const record = properties(feature);
      const holding = gridsHolding(grids, record.X, record.Y);
      assert.equal(holding.length, 1, `${record.CASECODE} lies in ${holding.length} grids`);
      assert.equal(holding[0].properties.BGCODE, record.BGCODE, `${record.CASECODE} is not in ${record.BGCODE}`);
    }
  });

  test('component cases concern a real component of their class and stand at it', () => {
    const components = new Map<string, FeatureRecord>();
    for (const component of city.layers.components()) components.set(component.properties.OBJCODE as string, component);
    const componentCases = cases.filter((feature) => properties(feature).CASETYPE === '部件');
    assert.ok(componentCases.length > cases.length * 0.1 && componentCases.length < cases.length * 0.35, `${componentCases.length} component cases`);
    for (const feature of componentCases) {
      const record = properties(feature);
      const component = components.get(record.OBJCODE);
      assert.ok(component, `${record.CASECODE} names ${record.OBJCODE}, which does not exist`);
      assert.equal(component.properties.OBJNAME, record.MINORNAME);
      assert.equal(record.OBJCODE.slice(6, 10), record.CLASSCODE);
      assert.deepEqual(feature.geometry.coordinates, component.geometry.coordinates);
      assert.equal(component.properties.BGCODE, record.BGCODE);
    }
    for (const feature of cases) if (properties(feature).CASETYPE === '事件') assert.equal(properties(feature).OBJCODE, '');
  });

  test('days: about the scale’s cases a day, fewer on Sundays', () => {
    const perDay = new Map<string, number>();
    for (const feature of cases) {
      const day = properties(feature).REPORTTIME.slice(0, 8);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const mean = cases.length / 365;
    assert.ok(mean >= 3.6 * 0.9 && mean <= 3.6 * 1.1, `${mean.toFixed(2)} cases a day`);
    const byWeekday = Array.from({ length: 7 }, () => 0);
    for (const [day, count] of perDay) byWeekday[weekdayOf(day)] += count;
    const weekdayMean = (byWeekday[1] + byWeekday[2] + byWeekday[3] + byWeekday[4] + byWeekday[5]) / 5;
    assert.ok(byWeekday[0] < weekdayMean * 0.8, `Sundays ${byWeekday[0]} vs weekdays ${weekdayMean.toFixed(0)}`);
  });

  test('hours: peaks 9–11 h and 14–17 h, a lunch dip, few at night', () => {
    const perHour = Array.from({ length: 24 }, () => 0);
    for (const feature of cases) perHour[Number(properties(feature).REPORTTIME.slice(8, 10))] += 1;
    const average = cases.length / 24;
    for (const hour of [9, 10, 14, 15, 16]) assert.ok(perHour[hour] > average * 1.5, `${hour} h: ${perHour[hour]} (average ${average.toFixed(0)})`);
    for (const hour of [1, 2, 3, 4]) assert.ok(perHour[hour] < average * 0.2, `${hour} h: ${perHour[hour]}`);
    assert.ok(Math.min(perHour[12], perHour[13]) < perHour[10] / 2, `lunch dip: 12 h ${perHour[12]}, 13 h ${perHour[13]}, 10 h ${perHour[10]}`);
    const peak = [9, 10, 14, 15, 16].reduce((sum, hour) => sum + perHour[hour], 0);
    assert.ok(peak > cases.length * 0.4, `${peak} of ${cases.length} in the five peak hours`);
  });

  test('seasons: standing water comes in the rain season', () => {
    const flooding = cases.filter((feature) => properties(feature).MINORNAME === '道路积水');
    assert.ok(flooding.length >= 10, `${flooding.length} 道路积水 cases`);
    const rainSeason = flooding.filter((feature) => ['06', '07', '08', '09'].includes(properties(feature).REPORTTIME.slice(4, 6)));
    assert.ok(rainSeason.length >= flooding.length * 0.7, `${rainSeason.length} of ${flooding.length} in June–September`);
  });

  test('hot spots: the busiest 1% of grids hold far more than 1% of the cases, and the same grids all year', () => {
    const perGrid = new Map<string, number>();
    const firstHalf = new Map<string, number>();
    for (const feature of cases) {
      const { BGCODE, REPORTTIME } = properties(feature);
      perGrid.set(BGCODE, (perGrid.get(BGCODE) ?? 0) + 1);
      if (REPORTTIME < '20241215') firstHalf.set(BGCODE, (firstHalf.get(BGCODE) ?? 0) + 1);
    }
    const ranked = [...perGrid.entries()].sort((a, b) => b[1] - a[1]);
    const top = Math.max(1, Math.ceil(grids.length * 0.01));
    const held = ranked.slice(0, top).reduce((sum, [, count]) => sum + count, 0);
    assert.ok(held / cases.length >= 0.05, `the ${top} busiest grids hold ${(100 * held / cases.length).toFixed(1)}% of the cases`);
    // A real cluster persists: the busiest grid of the year is among the busiest of its first half too.
    const firstRanked = [...firstHalf.entries()].sort((a, b) => b[1] - a[1]).slice(0, top * 3).map(([code]) => code);
    assert.ok(firstRanked.includes(ranked[0][0]), 'the busiest grid is busy in both halves of the year');
    // And it stands far out of a Poisson spread around the mean.
    const mean = cases.length / grids.length;
    assert.ok(ranked[0][1] > mean + 6 * Math.sqrt(mean), `busiest grid ${ranked[0][1]} vs mean ${mean.toFixed(1)}`);
  });

  test('the same seed gives the same cases, another seed others', () => {
    const again = [...generateSampleCity(OPTIONS).layers.cases()];
    assert.deepEqual(again, cases);
    const other = [...generateSampleCity({ ...OPTIONS, seed: 43 }).layers.cases()];
    assert.notDeepEqual(other.slice(0, 50), cases.slice(0, 50));
  });
});
