/**
 * The small sample city, checked the way a city GIS officer would look at it:
 * codes that parse, grids that tile the managed area, components in the grid
 * their code says, responsibility zones that do not overlap, and the same
 * city again for the same seed.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { FeatureRecord, Position } from '../../src/core/api/geo_types.js';
import { findLayout, parseCode, type CodeLayouts } from '../../src/core/codes/code_layout.js';
import type { WorkspaceLayersSchema } from '../../src/core/schema/layer_schema.js';
import type { ClassTaxonomy, ComponentTaxonomy } from '../../src/core/taxonomy/taxonomy.js';
import { creditCodeChecks } from '../../sample-city/core/departments.js';
import { generateSampleCity, SAMPLE_LAYER_NAMES, type SampleCity, type SampleDivisions, type SampleOptions } from '../../sample-city/core/generate_sample_city.js';

/** Walks up from the compiled test (or the working directory) to the folder holding package.json and schemas/. */
function findRepositoryRoot(): string {
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let directory = start;
    for (;;) {
      if (fs.existsSync(path.join(directory, 'package.json')) && fs.existsSync(path.join(directory, 'schemas'))) return directory;
      const parent = path.dirname(directory);
      if (parent === directory) break;
      directory = parent;
    }
  }
  throw new Error('repository root (package.json + schemas/) not found');
}

function readJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(findRepositoryRoot(), relative), 'utf8')) as T;
}

const community = (code: string, name: string) => ({ code, name: `${name}社区居民委员会` });

/** Real codes of 临沂市兰山区 (GB/T 2260 and the statistical division codes). */
const LANSHAN: SampleDivisions = {
  province: '山东省',
  city: '临沂市',
  county: { code: '371302', name: '兰山区' },
  streets: [
    { code: '371302001', name: '兰山街道', communities: [community('371302001001', '前十'), community('371302001002', '后十'), community('371302001003', '后园'), community('371302001004', '前园'), community('371302001005', '西关')] },
    { code: '371302002', name: '银雀山街道', communities: [community('371302002001', '新华'), community('371302002002', '南关'), community('371302002003', '五里堡')] },
    { code: '371302003', name: '金雀山街道', communities: [community('371302003001', '南坛'), community('371302003002', '御碑街'), community('371302003003', '三里庄')] },
    { code: '371302004', name: '柳青街道', communities: [community('371302004001', '柳青苑'), community('371302004002', '大官苑')] },
  ],
};

function sampleOptions(scale: 'small' | 'full', seed: number): SampleOptions {
  return {
    scale, seed, divisions: LANSHAN,
    taxonomy: readJson<ComponentTaxonomy>('schemas/taxonomies/legacy-cjt214-components.json'),
    events: readJson<ClassTaxonomy>('schemas/taxonomies/legacy-events.json'),
    layouts: readJson<CodeLayouts>('schemas/code-layouts.json'),
    origin: [39624000, 3883000],
    surveyDate: '20240615',
  };
}

type Layers = Record<(typeof SAMPLE_LAYER_NAMES)[number], FeatureRecord[]>;

function collect(city: SampleCity): Layers {
  return Object.fromEntries(SAMPLE_LAYER_NAMES.map((name) => [name, [...city.layers[name]()]])) as Layers;
}

function cityHash(city: SampleCity): string {
  const hash = createHash('sha256');
  for (const name of SAMPLE_LAYER_NAMES) for (const feature of city.layers[name]()) hash.update(JSON.stringify(feature));
  return hash.digest('hex');
}

function rings(feature: FeatureRecord): Position[][] {
  assert.equal(feature.geometry.type, 'Polygon');
  return feature.geometry.coordinates as Position[][];
}

function shoelace(ring: readonly Position[]): number {
  const [originX, originY] = ring[0];
  let twice = 0;
  for (let index = 0; index + 1 < ring.length; index++) {
    twice += (ring[index][0] - originX) * (ring[index + 1][1] - originY) - (ring[index + 1][0] - originX) * (ring[index][1] - originY);
  }
  return twice / 2;
}

function polygonArea(polygon: readonly Position[][]): number {
  return polygon.reduce((sum, ring, index) => sum + (index === 0 ? 1 : -1) * Math.abs(shoelace(ring)), 0);
}

function bbox(ring: readonly Position[]): [number, number, number, number] {
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Ray casting, plus the distance to the nearest edge so that points on an edge can be told apart. */
function locateInRing(x: number, y: number, ring: readonly Position[]): { inside: boolean; edgeDistance: number } {
  let inside = false;
  let edgeDistance = Infinity;
  for (let index = 0; index + 1 < ring.length; index++) {
    const [x1, y1] = ring[index];
    const [x2, y2] = ring[index + 1];
    if ((y1 > y) !== (y2 > y) && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    const length2 = (x2 - x1) ** 2 + (y2 - y1) ** 2;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / length2));
    edgeDistance = Math.min(edgeDistance, Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1))));
  }
  return { inside, edgeDistance };
}

/** Buckets of grid polygons by 100 m squares, to find candidates for a point quickly. */
function gridIndex(grids: readonly FeatureRecord[]): (x: number, y: number) => FeatureRecord[] {
  const buckets = new Map<string, FeatureRecord[]>();
  for (const grid of grids) {
    const [minX, minY, maxX, maxY] = bbox(rings(grid)[0]);
    for (let bx = Math.floor(minX / 100); bx <= Math.floor(maxX / 100); bx++) {
      for (let by = Math.floor(minY / 100); by <= Math.floor(maxY / 100); by++) {
        const key = `${bx},${by}`;
        if (!buckets.has(key)) buckets.set(key, []);
        buckets.get(key)!.push(grid);
      }
    }
  }
  return (x, y) => buckets.get(`${Math.floor(x / 100)},${Math.floor(y / 100)}`) ?? [];
}

/** Grids that hold the point strictly inside (not on an edge). */
function gridsHolding(candidates: (x: number, y: number) => FeatureRecord[], x: number, y: number): FeatureRecord[] {
  return candidates(x, y).filter((grid) => {
    const { inside, edgeDistance } = locateInRing(x, y, rings(grid)[0]);
    return inside && edgeDistance > 1e-6;
  });
}

describe('small sample city', () => {
  const options = sampleOptions('small', 42);
  let city: SampleCity;
  let layers: Layers;
  const schema = readJson<WorkspaceLayersSchema>('schemas/workspace-layers.json');

  before(() => {
    city = generateSampleCity(options);
    layers = collect(city);
  });

  test('every layer has exactly its schema fields, and the announced counts', () => {
    for (const name of SAMPLE_LAYER_NAMES) {
      const layerSchema = schema.layers.find((layer) => layer.name === name)!;
      const fieldNames = layerSchema.fields.map((field) => field.name);
      assert.ok(layers[name].length > 0, `${name} is empty`);
      assert.equal(city.counts[name], layers[name].length, `count of ${name}`);
      for (const feature of layers[name]) {
        assert.equal(feature.geometry.type, layerSchema.geometry, `${name} geometry`);
        assert.deepEqual(Object.keys(feature.properties), fieldNames, `${name} fields`);
        for (const field of layerSchema.fields) {
          const value = feature.properties[field.name];
          if (field.type === 'String') {
            assert.equal(typeof value, 'string', `${name}.${field.name}`);
            if (field.width) assert.ok((value as string).length <= field.width, `${name}.${field.name} "${value}" longer than ${field.width}`);
          } else {
            assert.equal(typeof value, 'number', `${name}.${field.name}`);
          }
        }
      }
    }
  });

  test('coordinates are millimetres, polygons closed, counter-clockwise and without self-intersections', () => {
    const [west, south] = city.extent;
    for (const name of SAMPLE_LAYER_NAMES) {
      for (const feature of layers[name]) {
        const geometry = feature.geometry;
        const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.type === 'LineString' ? geometry.coordinates : rings(feature).flat();
        for (const [x, y] of positions) {
          assert.ok(Math.abs(x * 1000 - Math.round(x * 1000)) < 1e-3 && Math.abs(y * 1000 - Math.round(y * 1000)) < 1e-3, `${name} ${x},${y} not rounded`);
        }
        if (geometry.type !== 'Polygon') continue;
        rings(feature).forEach((ring, index) => {
          assert.deepEqual(ring[0], ring[ring.length - 1], `${name} ring not closed`);
          assert.ok(index === 0 ? shoelace(ring) > 0 : shoelace(ring) < 0, `${name} ring ${index} wrongly oriented`);
        });
        const local = rings(feature).map((ring) => ring.map(([x, y]) => [x - west, y - south]));
        assert.equal(turf.kinks(turf.polygon(local)).features.length, 0, `${name} polygon intersects itself`);
      }
    }
  });

  test('unit grids: valid unique codes inside their community, 5 000–20 000 m², tiling the managed area', () => {
    const layout = findLayout(options.layouts, 'grid-legacy-14');
    const communityCodes = new Map(layers.communities.map((feature) => [feature.properties.code as string, feature]));
    const seen = new Set<string>();
    let gridArea = 0;
    for (const grid of layers.grids) {
      const code = grid.properties.BGCODE as string;
      const parsed = parseCode(code, layout);
      assert.ok(parsed.ok, `${code} does not fit grid-legacy-14`);
      assert.ok(!seen.has(code), `duplicate grid code ${code}`);
      seen.add(code);
      assert.equal(code.slice(0, 12), grid.properties.SQCODE);
      assert.equal(code.slice(0, 9), grid.properties.JDCODE);
      assert.ok(communityCodes.has(code.slice(0, 12)), `grid ${code} has no community`);
      assert.notEqual(code.slice(12), '00', 'sequence 00 is the community-level record');
      const area = polygonArea(rings(grid));
      assert.ok(Math.abs(area - (grid.properties.AREA as number)) < 0.01, `AREA of ${code}`);
      assert.ok(area >= 5000 && area <= 20000, `grid ${code} has ${area.toFixed(0)} m²`);
      gridArea += area;
    }
    const streetArea = layers.streets.reduce((sum, street) => sum + polygonArea(rings(street)), 0);
    const communityArea = layers.communities.reduce((sum, feature) => sum + polygonArea(rings(feature)), 0);
    const [west, south, east, north] = city.extent;
    assert.ok(Math.abs(gridArea - streetArea) / streetArea < 0.001, `grids ${gridArea} vs streets ${streetArea}`);
    assert.ok(Math.abs(communityArea - streetArea) / streetArea < 0.001, `communities ${communityArea} vs streets ${streetArea}`);
    assert.ok(Math.abs(streetArea - (east - west) * (north - south)) < 1, 'streets cover the managed area');
    // Sequences run 01… without gaps inside each community, west → east, north → south.
    const byCommunity = new Map<string, FeatureRecord[]>();
    for (const grid of layers.grids) {
      const key = grid.properties.SQCODE as string;
      if (!byCommunity.has(key)) byCommunity.set(key, []);
      byCommunity.get(key)!.push(grid);
    }
    for (const [communityCode, grids] of byCommunity) {
      assert.ok(grids.length <= 99, `${communityCode} has ${grids.length} grids`);
      const sorted = grids.slice().sort((a, b) => (a.properties.BGCODE as string).localeCompare(b.properties.BGCODE as string));
      sorted.forEach((grid, index) => assert.equal(Number((grid.properties.BGCODE as string).slice(12)), index + 1));
      for (let index = 1; index < sorted.length; index++) {
        const [previousWest, , , previousNorth] = bbox(rings(sorted[index - 1])[0]);
        const [currentWest, , , currentNorth] = bbox(rings(sorted[index])[0]);
        assert.ok(previousNorth > currentNorth || (previousNorth === currentNorth && previousWest < currentWest), `${communityCode} numbering order`);
      }
      // The community polygon is the union of its grids: same area, and it holds each grid's centre.
      const communityPolygon = rings(communityCodes.get(communityCode)!);
      const sum = grids.reduce((total, grid) => total + polygonArea(rings(grid)), 0);
      assert.ok(Math.abs(sum - polygonArea(communityPolygon)) < 0.5, `${communityCode} is not the union of its grids`);
      for (const grid of grids) {
        const [minX, minY, maxX, maxY] = bbox(rings(grid)[0]);
        assert.ok(locateInRing((minX + maxX) / 2, (minY + maxY) / 2, communityPolygon[0]).inside, `grid ${grid.properties.BGCODE} outside ${communityCode}`);
      }
    }
    const streetCodes = new Set(layers.streets.map((street) => street.properties.code));
    for (const feature of layers.communities) assert.ok(streetCodes.has(feature.properties.street), 'community in an unknown street');
  });

  test('components: ≥ 5 000 of ≥ 30 point classes, unique 16-digit codes, each in the grid its BGCODE names', () => {
    const components = layers.components;
    assert.ok(components.length >= 5000, `${components.length} components`);
    const classes = new Map(options.taxonomy.classes.map((definition) => [definition.name, definition]));
    const used = new Set(components.map((component) => component.properties.OBJNAME as string));
    assert.ok(used.size >= 30, `${used.size} classes`);
    const layout = findLayout(options.layouts, 'component-legacy-16');
    const codes = new Set<string>();
    const candidates = gridIndex(layers.grids);
    for (const component of components) {
      const { OBJCODE, OBJNAME, BGCODE, OBJSTATE, ORDATE, DEPTCODE1 } = component.properties as Record<string, string>;
      const definition = classes.get(OBJNAME);
      assert.ok(definition && definition.geometry === 'point', `${OBJNAME} is not a point class`);
      const parsed = parseCode(OBJCODE, layout);
      assert.ok(parsed.ok, `${OBJCODE} does not fit component-legacy-16`);
      assert.equal(parsed.segments.division, '371302');
      assert.equal(parsed.segments.major, definition.major);
      assert.equal(parsed.segments.minor, definition.minor);
      assert.ok(!codes.has(OBJCODE), `duplicate ${OBJCODE}`);
      codes.add(OBJCODE);
      assert.ok(['完好', '破损', '丢失', '占用'].includes(OBJSTATE));
      assert.equal(ORDATE, '20240615');
      assert.ok(creditCodeChecks(DEPTCODE1), `${DEPTCODE1} is not shaped like a unified social credit code`);
      const [x, y] = component.geometry.coordinates as Position;
      const holding = gridsHolding(candidates, x, y);
      assert.equal(holding.length, 1, `component ${OBJCODE} lies in ${holding.length} grids`);
      assert.equal(holding[0].properties.BGCODE, BGCODE, `component ${OBJCODE} is not in ${BGCODE}`);
    }
    // Sequences count up from 000001 per class.
    for (const name of used) {
      const sequences = components.filter((component) => component.properties.OBJNAME === name).map((component) => Number((component.properties.OBJCODE as string).slice(10)));
      assert.deepEqual(sequences.sort((a, b) => a - b), sequences.map((_, index) => index + 1), `${name} sequences`);
    }
  });

  test('no two components of the same class within 0.5 m', () => {
    const cells = new Map<string, Position[]>();
    for (const component of layers.components) {
      const [x, y] = component.geometry.coordinates as Position;
      const name = component.properties.OBJNAME as string;
      const [cellX, cellY] = [Math.floor(x / 0.5), Math.floor(y / 0.5)];
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const [otherX, otherY] of cells.get(`${name}|${cellX + dx}|${cellY + dy}`) ?? []) {
            assert.ok(Math.hypot(otherX - x, otherY - y) >= 0.5, `two ${name} at ${x},${y}`);
          }
        }
      }
      const key = `${name}|${cellX}|${cellY}`;
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key)!.push([x, y]);
    }
  });

  test('addresses: unique codes, in their community; door plates odd and even on opposite sides, rising along the road', () => {
    const candidates = gridIndex(layers.grids);
    const codes = new Set<string>();
    const roads = new Map(layers.roads.map((road) => [road.properties.ROADNAME as string, road.geometry.coordinates as Position[]]));
    const sides = new Map<string, Set<string>>();
    const lastNumber = new Map<string, { number: number; along: number }>();
    const types = new Map<string, number>();
    for (const address of layers.addresses) {
      const { ADDRCODE, ADDRNAME, ROADNAME, DOORNUM, ADDRTYPE, SQCODE, JDCODE } = address.properties as Record<string, string>;
      assert.ok(!codes.has(ADDRCODE), `duplicate ${ADDRCODE}`);
      codes.add(ADDRCODE);
      assert.match(ADDRCODE, /^\d{18}$/);
      assert.equal(ADDRCODE.slice(0, 12), SQCODE);
      assert.ok(ADDRNAME.startsWith('山东省临沂市兰山区') && ADDRNAME.length > '山东省临沂市兰山区'.length, ADDRNAME);
      assert.ok(['门牌', '楼牌', '兴趣点'].includes(ADDRTYPE), ADDRTYPE);
      types.set(ADDRTYPE, (types.get(ADDRTYPE) ?? 0) + 1);
      assert.equal(SQCODE.slice(0, 9), JDCODE);
      const [x, y] = address.geometry.coordinates as Position;
      const holding = gridsHolding(candidates, x, y);
      assert.equal(holding.length, 1);
      assert.equal(holding[0].properties.SQCODE, SQCODE);
      if (ADDRTYPE === '楼牌') assert.match(DOORNUM, /^\d+号(楼|厂房|仓库)(\d+单元)?$/);
      if (ADDRTYPE !== '门牌') continue;
      assert.ok(ADDRNAME.endsWith(`${ROADNAME}${DOORNUM}`), `${ADDRNAME} is not road + number`);
      const line = roads.get(ROADNAME);
      // Houses of a 城中村 are numbered along its lanes, which are not in the roads layer.
      if (!line) {
        assert.match(ROADNAME, /\d+巷$/, `${ROADNAME} is neither a road nor a lane`);
        continue;
      }
      assert.equal(ADDRNAME, `山东省临沂市兰山区${ROADNAME}${DOORNUM}`);
      const northSouth = line[0][0] === line[line.length - 1][0];
      const offset = northSouth ? x - line[0][0] : y - line[0][1];
      const number = parseInt(DOORNUM, 10);
      const parity = number % 2 === 1 ? 'odd' : 'even';
      const side = `${parity}:${offset > 0 ? '+' : '-'}`;
      if (!sides.has(ROADNAME)) sides.set(ROADNAME, new Set());
      sides.get(ROADNAME)!.add(side);
      assert.ok(Math.abs(offset) >= 10, `door plate ${ADDRNAME} stands in the road`);
      // East–west roads number from the west, north–south roads from the north.
      const along = northSouth ? -y : x;
      const previous = lastNumber.get(`${ROADNAME}:${parity}`);
      if (previous) assert.ok(number > previous.number && along > previous.along, `${ADDRNAME} out of order`);
      lastNumber.set(`${ROADNAME}:${parity}`, { number, along });
    }
    for (const [road, seen] of sides) assert.ok(seen.size <= 2 && !(seen.has('odd:+') && seen.has('even:+')), `${road} mixes sides`);
    // The small sample keeps mostly door plates, with some building plates and places.
    assert.ok((types.get('门牌') ?? 0) > 1000 && (types.get('楼牌') ?? 0) > 100 && (types.get('兴趣点') ?? 0) > 100, JSON.stringify([...types]));
    assert.ok(layers.addresses.length <= 3000, `${layers.addresses.length} addresses: the committed sample must stay small`);
  });

  test('roads, water and green look like a city', () => {
    const names = new Set(layers.roads.map((road) => road.properties.ROADNAME));
    const codes = new Set(layers.roads.map((road) => road.properties.ROADCODE));
    assert.equal(names.size, layers.roads.length, 'road names are unique');
    assert.equal(codes.size, layers.roads.length, 'road codes are unique');
    const classes = new Set(layers.roads.map((road) => road.properties.ROADCLASS));
    assert.deepEqual([...classes].sort(), ['主干路', '支路', '次干路'].sort());
    for (const road of layers.roads) {
      const width = road.properties.WIDTH as number;
      const expected = { '主干路': [30, 40], '次干路': [18, 26], '支路': [10, 16] }[road.properties.ROADCLASS as '主干路' | '次干路' | '支路'];
      assert.ok(width >= expected[0] && width <= expected[1], `${road.properties.ROADNAME} is ${width} m wide`);
    }
    const [west, , east] = city.extent;
    const river = layers.water.find((water) => rings(water)[0].some(([x]) => x === west) && rings(water)[0].some(([x]) => x === east));
    assert.ok(river, 'a river crosses the area');
    assert.ok(layers.green.some((green) => green.properties.KIND === '公园绿地'), 'at least one park');
    assert.ok(layers.green.some((green) => green.properties.KIND === '防护绿地'), 'riverside green');
    const kinds = new Set(layers.blocks.map((block) => block.properties.KIND));
    for (const kind of ['居住', '商业', '公共服务', '工业']) assert.ok(kinds.has(kind), `no ${kind} blocks`);
  });

  test('ownership zones of one type never overlap', () => {
    const [west, south] = city.extent;
    const byType = new Map<string, FeatureRecord[]>();
    for (const zone of layers.ownership) {
      const type = zone.properties.ZONETYPE as string;
      assert.ok(['权属', '养护', '主管'].includes(type));
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type)!.push(zone);
    }
    assert.equal(byType.size, 3, 'all three zone types are present');
    for (const zone of layers.ownership) assert.ok(creditCodeChecks(zone.properties.DEPTCODE as string), `${zone.properties.DEPTCODE}`);
    const codes = new Set(layers.ownership.map((zone) => zone.properties.ZONECODE));
    assert.equal(codes.size, layers.ownership.length, 'zone codes are unique');
    for (const zones of byType.values()) {
      const boxes = zones.map((zone) => bbox(rings(zone)[0]));
      for (let a = 0; a < zones.length; a++) {
        for (let b = a + 1; b < zones.length; b++) {
          const [ax1, ay1, ax2, ay2] = boxes[a];
          const [bx1, by1, bx2, by2] = boxes[b];
          if (ax1 >= bx2 || bx1 >= ax2 || ay1 >= by2 || by1 >= ay2) continue;
          const local = (zone: FeatureRecord) => turf.polygon(rings(zone).map((ring) => ring.map(([x, y]) => [x - west, y - south])));
          const overlap = turf.intersect(turf.featureCollection([local(zones[a]), local(zones[b])]));
          const area = overlap === null ? 0 : overlap.geometry.type === 'Polygon'
            ? polygonArea(overlap.geometry.coordinates as Position[][])
            : (overlap.geometry.coordinates as Position[][][]).reduce((sum, polygon) => sum + polygonArea(polygon), 0);
          assert.ok(area < 0.01, `${zones[a].properties.ZONECODE} overlaps ${zones[b].properties.ZONECODE} by ${area} m²`);
        }
      }
    }
  });

  test('the same seed gives the same city, another seed another', () => {
    const again = generateSampleCity(sampleOptions('small', 42));
    const other = generateSampleCity(sampleOptions('small', 43));
    const first = cityHash(city);
    assert.equal(cityHash(again), first);
    assert.notEqual(cityHash(other), first);
  });
});

test('full sample: ~28 000 grids, ~950 000 components of ≥ 60 classes, ~1 000 000 addresses, ~440 000 cases, streamed', {
  skip: process.env.CITYGRID_SKIP_FULL === '1' ? 'CITYGRID_SKIP_FULL=1' : false,
  timeout: 300_000,
}, (context) => {
  const started = Date.now();
  const city = generateSampleCity(sampleOptions('full', 42));
  const iterated: Record<string, number> = {};
  const classes = new Set<string>();
  const addressTypes = new Map<string, number>();
  const casesPerDay = new Map<string, number>();
  for (const name of SAMPLE_LAYER_NAMES) {
    let count = 0;
    for (const feature of city.layers[name]()) {
      count += 1;
      if (name === 'components') classes.add(feature.properties.OBJNAME as string);
      if (name === 'addresses') addressTypes.set(feature.properties.ADDRTYPE as string, (addressTypes.get(feature.properties.ADDRTYPE as string) ?? 0) + 1);
      if (name === 'cases') {
        const day = (feature.properties.REPORTTIME as string).slice(0, 8);
        casesPerDay.set(day, (casesPerDay.get(day) ?? 0) + 1);
      }
    }
    iterated[name] = count;
  }
  context.diagnostic(`full sample iterated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(iterated)}; addresses ${JSON.stringify([...addressTypes])}`);
  assert.ok(Math.abs(iterated.grids - 28000) <= 28000 * 0.15, `${iterated.grids} grids`);
  assert.ok(Math.abs(iterated.components - 950000) <= 950000 * 0.15, `${iterated.components} components`);
  assert.ok(classes.size >= 60, `${classes.size} component classes`);
  assert.ok(Math.abs(iterated.addresses - 1_000_000) <= 1_000_000 * 0.1, `${iterated.addresses} addresses`);
  for (const type of ['门牌', '楼牌', '兴趣点']) assert.ok((addressTypes.get(type) ?? 0) >= 100_000, `${type}: ${addressTypes.get(type)}`);
  assert.ok(Math.abs(iterated.cases - 440_000) <= 440_000 * 0.05, `${iterated.cases} cases`);
  assert.equal(casesPerDay.size, 365, 'a case every day of the year');
  const ordinary = [...casesPerDay.entries()].filter(([day]) => {
    const weekday = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)))).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  }).map(([, count]) => count).sort((a, b) => a - b);
  const median = ordinary[Math.floor(ordinary.length / 2)];
  const mean = iterated.cases / 365;
  assert.ok(mean >= 1100 && mean <= 1300, `${mean.toFixed(0)} cases a day on average`);
  // Weekdays run a little above the mean (fewer reports at weekends and holidays).
  assert.ok(median >= 1100 && median <= 1400, `the median weekday has ${median} cases`);
  for (const name of SAMPLE_LAYER_NAMES) assert.equal(city.counts[name], iterated[name], `count of ${name}`);
});
