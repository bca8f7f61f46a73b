/**
 * The `cases` layer: a year of case records (案卷), streamed day by day.
 * Each day's cases are drawn from that day's weights (plan_case_year.ts),
 * placed (a component case stands at its component; an event at a place of
 * its kind), timed by source, then sorted by report time and numbered in
 * report order per calendar year (CASECODE = year + 8-digit sequence).
 * Fields follow schemas/attributes/case-record.json: times are local
 * YYYYMMDDhhmmss, an empty string is "not filled". Only one day's cases
 * exist at a time.
 */
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import { formatCode } from '../../src/core/codes/code_layout.js';
import type { TaxonomyClass } from '../../src/core/taxonomy/taxonomy.js';
import { caseTime, laterTime, type CaseDay } from './case_calendar.js';
import { gaussian, WeightedPicker, type CasePoint } from './case_places.js';
import type { PlaceKind } from './case_profiles.js';
import { CASE_SOURCES, pickSecond, pickSource } from './case_timing.js';
import type { Department } from './departments.js';
import type { CityPlan } from './plan_city.js';
import { planCaseYear, type CaseYear } from './plan_case_year.js';
import { gridAt, settleInsideGrid } from './split_unit_grids.js';
import { hashText, mixSeed, SeededRandom } from './seeded_random.js';

const PURPOSE = hashText('case-records');
const SOURCE_PHRASES = ['巡查发现', '市民反映', '视频巡查发现', '领导交办：', '媒体报道'];
const HOTLINE = '12345热线转办：市民反映';

/** One case before it has its number; every field already final. */
interface Draft {
  second: number;
  order: number;
  x: number;
  y: number;
  caseType: string;
  classCode: string;
  majorCode: string;
  majorName: string;
  minorCode: string;
  minorName: string;
  objectCode: string;
  gridCode: string;
  where: string;
  description: string;
  source: string;
  stage: string;
  status: string;
  reported: string;
  closed: string;
  departmentCode: string;
  departmentName: string;
}

/** Settles a point inside a grid, away from water; null when it falls outside the area or in the water. */
function settle(plan: CityPlan, point: CasePoint): [number, number] | null {
  if (plan.componentContext.inWater(point.x, point.y, 1)) return null;
  return settleInsideGrid(plan.lattice, plan.grids, point.x, point.y);
}

/** A place of the kind, tried a few times; then an estate, then the middle of a grid (always dry land). */
function placeEvent(plan: CityPlan, year: CaseYear, kind: PlaceKind, random: SeededRandom): { point: CasePoint; settled: [number, number] } {
  for (let attempt = 0; attempt < 12; attempt++) {
    const point = year.places.sample(attempt < 8 ? kind : 'homes', random);
    const settled = settle(plan, point);
    if (settled) return { point, settled };
  }
  const grid = Math.floor(random.next() * plan.grids.gridCount);
  const cell = plan.grids.cellOfGrid[grid];
  const column = cell % plan.lattice.columnCount;
  const row = Math.floor(cell / plan.lattice.columnCount);
  const x = (plan.lattice.xs[column] + plan.lattice.xs[column + 1]) / 2;
  const y = (plan.lattice.ys[row] + plan.lattice.ys[row + 1]) / 2;
  const point = { x, y, where: `${year.places.roadNear(x, y)}附近` };
  return { point, settled: settleInsideGrid(plan.lattice, plan.grids, x, y) ?? [x, y] };
}

/** Status, stage, closing time and handler of a case reported at `second` of day `dayIndex`. */
function outcome(year: CaseYear, dayIndex: number, second: number, source: number, hours: number, random: SeededRandom): { status: string; stage: string; closed: string; dispatched: boolean } {
  const voidDraw = random.next();
  const duration = Math.max(0.25, hours * Math.exp(0.8 * gaussian(() => random.next())));
  // Duplicate and unfounded public reports are voided at acceptance.
  if (voidDraw < (CASE_SOURCES[source] === '公众举报' ? 0.06 : 0.015)) return { status: '作废', stage: '信息采集', closed: '', dispatched: false };
  const closed = laterTime(year.calendar, dayIndex, second, duration);
  if (closed) return { status: '结案', stage: '核查结案', closed, dispatched: true };
  const elapsed = ((year.calendar.days.length - dayIndex) * 86400 - second) / 3600 / duration;
  return { status: '处置中', stage: elapsed < 0.15 ? '任务派遣' : elapsed < 0.7 ? '任务处理' : '处理反馈', closed: '', dispatched: true };
}

function draftDay(plan: CityPlan, year: CaseYear, dayIndex: number): Draft[] {
  const day: CaseDay = year.calendar.days[dayIndex];
  const random = new SeededRandom(mixSeed(plan.options.seed, PURPOSE, dayIndex));
  const next = (): number => random.next();
  const picker = new WeightedPicker(year.kindWeights(dayIndex));
  const { catalogue, events } = year;
  const context = plan.componentContext;
  const drafts: Draft[] = [];
  for (let order = 0; order < year.counts[dayIndex]; order++) {
    const kindIndex = picker.pick(next());
    const isEvent = kindIndex < events.length;
    const evening = isEvent && events[kindIndex].profile.evening === true;
    const source = pickSource(day, evening, next());
    const second = pickSecond(source, evening, next(), next());
    let x: number;
    let y: number;
    let where: string;
    let definition: TaxonomyClass;
    let majorName: string;
    let objectCode = '';
    let problem: string;
    let hours: number;
    let handler: Department | undefined;
    if (isEvent) {
      const kind = events[kindIndex];
      const placed = placeEvent(plan, year, year.places.kindFor(kind.profile, next()), random);
      x = placed.settled[0];
      y = placed.settled[1];
      where = placed.point.where;
      definition = kind.definition;
      majorName = kind.majorName;
      problem = definition.name;
      hours = kind.profile.hours;
      const key = kind.profile.handler;
      handler = key === 'street' || key === 'owner' ? undefined : year.handlers[key];
    } else {
      const kind = year.components[kindIndex - events.length];
      const row = kind.rows[kind.picker.pick(next())];
      definition = kind.definition;
      majorName = kind.majorName;
      x = catalogue.xs[row];
      y = catalogue.ys[row];
      where = `${year.places.roadNear(x, y)}附近`;
      objectCode = formatCode(context.layout, { division: context.countyCode, major: definition.major, minor: definition.minor, sequence: catalogue.sequences[row] });
      problem = `${definition.name}${kind.profile.problems[Math.floor(next() * kind.profile.problems.length)]}`;
      hours = kind.profile.hours;
      handler = catalogue.maintainers[row] >= 0 ? catalogue.departments[catalogue.maintainers[row]] : undefined;
    }
    const grid = gridAt(plan.lattice, plan.grids, x, y);
    const community = plan.communities[plan.numbering.communityOfGrid[grid]];
    // Street order goes to the street office of the place (属地管理), as does anything without an owner.
    handler ??= context.streetOffices[community.street];
    const hotline = CASE_SOURCES[source] === '公众举报' && next() < 0.6;
    const result = outcome(year, dayIndex, second, source, hours, random);
    drafts.push({
      second, order, x, y,
      caseType: isEvent ? '事件' : '部件',
      classCode: definition.code,
      majorCode: definition.major,
      majorName,
      minorCode: definition.minor,
      minorName: definition.name,
      objectCode,
      gridCode: plan.numbering.codeOfGrid[grid],
      where,
      description: `${hotline ? HOTLINE : SOURCE_PHRASES[source]}${where}${problem}`,
      source: CASE_SOURCES[source],
      stage: result.stage,
      status: result.status,
      reported: caseTime(day, second),
      closed: result.closed,
      departmentCode: result.dispatched ? handler.code : '',
      departmentName: result.dispatched ? handler.name : '',
    });
  }
  drafts.sort((a, b) => a.second - b.second || a.order - b.order);
  return drafts;
}

export function* caseFeatures(plan: CityPlan): Generator<FeatureRecord> {
  const year = planCaseYear(plan);
  let sequenceYear = -1;
  let sequence = 0;
  for (let dayIndex = 0; dayIndex < year.calendar.days.length; dayIndex++) {
    const dayYear = year.calendar.days[dayIndex].year;
    if (dayYear !== sequenceYear) {
      sequenceYear = dayYear;
      sequence = 0;
    }
    for (const draft of draftDay(plan, year, dayIndex)) {
      sequence += 1;
      yield {
        geometry: { type: 'Point', coordinates: [draft.x, draft.y] },
        properties: {
          CASECODE: `${dayYear}${String(sequence).padStart(8, '0')}`,
          CASETYPE: draft.caseType, CLASSCODE: draft.classCode, MAJORCODE: draft.majorCode, MAJORNAME: draft.majorName,
          MINORCODE: draft.minorCode, MINORNAME: draft.minorName, OBJCODE: draft.objectCode, BGCODE: draft.gridCode,
          X: draft.x, Y: draft.y, ADDRESS: draft.where, DESCRIPTION: draft.description, SOURCE: draft.source,
          STAGE: draft.stage, STATUS: draft.status, REPORTTIME: draft.reported, CLOSETIME: draft.closed,
          DEPTCODE: draft.departmentCode, DEPTNAME: draft.departmentName,
        },
      };
    }
  }
}

export function countCases(plan: CityPlan): number {
  return planCaseYear(plan).total;
}
