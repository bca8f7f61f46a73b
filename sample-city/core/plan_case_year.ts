/**
 * Plans the sample's year of case records before any is made: the calendar,
 * every kind of case with its weight (event subtypes of the city's event
 * table, and component classes by how many stand and how often they fail),
 * and how many cases each day gets — the kinds' seasons, the sources'
 * weekdays and holidays, scaled so the year averages the scale's cases per
 * day, with a little day-to-day noise. Component cases pick a real
 * component; those near markets, problem blocks, schools and main-road
 * junctions see more wear and more reports. The plan is made once per city
 * and shared by the count and the stream, so the two always agree.
 */
import type { TaxonomyClass } from '../../src/core/taxonomy/taxonomy.js';
import { planCaseCalendar, type CaseCalendar } from './case_calendar.js';
import { CasePlaces, WeightedPicker, gaussian } from './case_places.js';
import { componentProfile, eventProfile, type CaseProfile, type ComponentCaseProfile, type HandlerKey } from './case_profiles.js';
import { dayVolume } from './case_timing.js';
import { catalogueComponents, type ComponentCatalogue } from './component_catalogue.js';
import type { Department } from './departments.js';
import type { CityPlan } from './plan_city.js';
import { gridAt } from './split_unit_grids.js';
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';

/** Share of component cases (部件) among all; the rest are events (事件). */
const COMPONENT_SHARE = 0.2;

export interface EventKind {
  definition: TaxonomyClass;
  majorName: string;
  profile: CaseProfile;
}

export interface ComponentKind {
  tag: number;
  definition: TaxonomyClass;
  majorName: string;
  profile: ComponentCaseProfile;
  /** Catalogue rows of this class, and a picker over them weighted by how busy their grid is. */
  rows: Int32Array;
  picker: WeightedPicker;
}

export interface CaseYear {
  calendar: CaseCalendar;
  counts: Int32Array;
  total: number;
  events: EventKind[];
  components: ComponentKind[];
  catalogue: ComponentCatalogue;
  places: CasePlaces;
  handlers: Record<Exclude<HandlerKey, 'street' | 'owner'>, Department>;
  /** Weight of each kind on a day: events first, then component classes. */
  kindWeights(dayIndex: number): Float64Array;
}

function handlerDepartments(plan: CityPlan): CaseYear['handlers'] {
  const { book } = plan;
  return {
    sanitation: book.countyUnit('园林环卫保障中心'),
    enforcement: book.countyUnit('综合行政执法局', 'organ'),
    municipal: book.countyUnit('市政设施养护中心'),
    housing: book.countyBureau('住房和城乡建设局'),
    traffic: book.cityUnit('公安局交通警察支队', 'organ'),
    water: book.countyBureau('水利局'),
    waterSupply: book.cityUnit('自来水公司', 'enterprise'),
    gas: book.cityUnit('燃气有限公司', 'enterprise'),
    heating: book.cityUnit('热力有限公司', 'enterprise'),
    power: book.cityCompany((city) => `国网山东省电力公司${city}供电公司`),
    ecology: book.get(`${book.city}生态环境局${book.countyShort}分局`, 'organ'),
    civil: book.countyBureau('民政局'),
    fire: book.cityUnit('消防救援支队', 'organ'),
    police: book.get(`${book.city}公安局${book.countyShort}分局`, 'organ'),
    lights: book.countyUnit('城市照明管理所'),
  };
}

/** 1 for a quiet grid; more where markets, problem blocks, school gates and main junctions wear things out. */
function busyGrids(plan: CityPlan): Float32Array {
  const { lattice, grids, places, blocks } = plan;
  const busy = new Float32Array(grids.gridCount).fill(1);
  const mark = (west: number, south: number, east: number, north: number, amount: number): void => {
    const seen = new Set<number>();
    for (let x = west; x <= east; x += 15) {
      for (let y = south; y <= north; y += 15) {
        const grid = gridAt(lattice, grids, x, y);
        if (grid >= 0 && !seen.has(grid)) {
          seen.add(grid);
          busy[grid] += amount;
        }
      }
    }
  };
  const around = (index: number, margin: number, amount: number): void => {
    const block = blocks.blocks[index];
    mark(block.west - margin, block.south - margin, block.east + margin, block.north + margin, amount);
  };
  for (const index of places.markets) around(index, 25, 3);
  for (const index of places.problemBlocks) around(index, 10, 2);
  for (const index of places.schools) around(index, 10, 1);
  for (const junction of places.junctions) {
    if (junction.weight >= 1.2) mark(junction.x - 40, junction.y - 40, junction.x + 40, junction.y + 40, junction.weight / 2);
  }
  return busy;
}

function componentKinds(plan: CityPlan, catalogue: ComponentCatalogue): ComponentKind[] {
  const taxonomy = plan.options.taxonomy;
  const majorNames = new Map(taxonomy.majors.map((major) => [major.code, major.name]));
  const busy = busyGrids(plan);
  const rowsOfTag = new Map<number, number[]>();
  for (let row = 0; row < catalogue.count; row++) {
    const tag = catalogue.tags[row];
    let rows = rowsOfTag.get(tag);
    if (!rows) rowsOfTag.set(tag, (rows = []));
    rows.push(row);
  }
  return [...rowsOfTag.keys()].sort((a, b) => a - b).map((tag) => {
    const definition = taxonomy.classes[tag];
    const rows = Int32Array.from(rowsOfTag.get(tag)!);
    return {
      tag, definition,
      majorName: majorNames.get(definition.major) ?? '',
      profile: componentProfile(definition.name),
      rows,
      picker: new WeightedPicker(Array.from(rows, (row) => busy[catalogue.grids[row]])),
    };
  });
}

const plans = new WeakMap<CityPlan, CaseYear>();

export function planCaseYear(plan: CityPlan): CaseYear {
  const known = plans.get(plan);
  if (known) return known;
  const { options, parameters } = plan;
  const calendar = planCaseCalendar(options.surveyDate, options.seed);
  const eventTable = options.events;
  const eventMajors = new Map(eventTable.majors.map((major) => [major.code, major.name]));
  const events: EventKind[] = eventTable.classes.map((definition) => ({
    definition, majorName: eventMajors.get(definition.major) ?? '', profile: eventProfile(definition.name, definition.major),
  }));
  const catalogue = catalogueComponents(plan);
  const components = componentKinds(plan, catalogue);
  // Annual shares: events and components each sum to their part of the whole.
  const eventTotal = events.reduce((sum, kind) => sum + kind.profile.weight, 0);
  const componentTotal = components.reduce((sum, kind) => sum + kind.rows.length * kind.profile.rate, 0);
  const eventShare = events.map((kind) => (kind.profile.weight / eventTotal) * (components.length > 0 ? 1 - COMPONENT_SHARE : 1));
  const componentShare = components.map((kind) => (kind.rows.length * kind.profile.rate / componentTotal) * COMPONENT_SHARE);
  const kindWeights = (dayIndex: number): Float64Array => {
    const day = calendar.days[dayIndex];
    const weights = new Float64Array(events.length + components.length);
    events.forEach((kind, index) => {
      weights[index] = eventShare[index] * calendar.season[kind.profile.season][dayIndex] * dayVolume(day, kind.profile.evening === true);
    });
    components.forEach((kind, index) => {
      weights[events.length + index] = componentShare[index] * calendar.season[kind.profile.season][dayIndex] * dayVolume(day, false);
    });
    return weights;
  };
  const expected = calendar.days.map((_, dayIndex) => kindWeights(dayIndex).reduce((sum, weight) => sum + weight, 0));
  const mean = expected.reduce((sum, value) => sum + value, 0) / expected.length;
  const noise = mulberry32(mixSeed(options.seed, hashText('case-days')));
  const counts = Int32Array.from(expected, (value) => Math.max(0, Math.round((value / mean) * parameters.casesPerDay * (1 + 0.05 * gaussian(noise)))));
  const year: CaseYear = {
    calendar, counts, total: counts.reduce((sum, count) => sum + count, 0),
    events, components, catalogue,
    places: new CasePlaces(plan),
    handlers: handlerDepartments(plan),
    kindWeights,
  };
  plans.set(plan, year);
  return year;
}
