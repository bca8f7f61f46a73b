/**
 * When cases come in. Supervisors (监督员) patrol in day shifts — most reports
 * 9–11 h and 14–17 h, a lunch dip, few on Sundays and in the Spring Festival
 * week; the public (12345 hotline, app) reports from morning to late evening
 * and more at weekends; the command centre's video patrol watches all day.
 * Evening complaints (barbecues, noise, fireworks) come from the public and
 * the night patrol. Names of the sources follow schemas/attributes/case-record.json.
 */
import type { CaseDay } from './case_calendar.js';
import { WeightedPicker } from './case_places.js';

export const CASE_SOURCES = ['监督员上报', '公众举报', '视频发现', '领导交办', '媒体曝光'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Share of each source on an ordinary weekday, for daytime and for evening kinds of case. */
const SHARE: Record<'day' | 'evening', readonly number[]> = {
  day: [0.68, 0.19, 0.11, 0.015, 0.005],
  evening: [0.3, 0.6, 0.1, 0, 0],
};

/** Per source, Sunday … Saturday. */
const WEEKDAY: readonly (readonly number[])[] = [
  [0.6, 1.08, 1.07, 1.06, 1.05, 1.03, 0.85],
  [1.1, 0.97, 0.96, 0.96, 0.97, 1.0, 1.12],
  [0.85, 1.03, 1.03, 1.03, 1.03, 1.02, 0.95],
  [0.1, 1.2, 1.2, 1.2, 1.2, 1.1, 0.2],
  [0.8, 1, 1, 1, 1, 1, 0.9],
];

const HOLIDAY: Record<'spring-festival' | 'public', readonly number[]> = {
  'spring-festival': [0.35, 0.9, 0.6, 0.05, 0.5],
  public: [0.6, 1.05, 0.85, 0.1, 0.8],
};

/** Reports per hour of the day, 0–23 h, per source; then the evening patrol and evening public reports. */
const HOURS: readonly (readonly number[])[] = [
  [0, 0, 0, 0, 0, 0.2, 1, 6, 12, 16, 17, 14, 5, 4, 13, 16, 16, 11, 3, 1, 0.5, 0.3, 0, 0],
  [0.5, 0.3, 0.2, 0.2, 0.2, 0.4, 1, 3, 6, 8, 8, 7, 5, 5, 6, 6, 6, 6, 5, 6, 7, 6, 3, 1.2],
  [1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 8, 5, 5, 9, 10, 10, 8, 5, 4, 3, 2, 1.5, 1],
  [0, 0, 0, 0, 0, 0, 0, 0, 4, 8, 8, 6, 1, 1, 6, 8, 8, 4, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 1, 3, 6, 6, 5, 3, 3, 5, 6, 6, 4, 2, 1, 0, 0, 0, 0],
];
const EVENING_HOURS: readonly (readonly number[])[] = [
  [0.3, 0.1, 0, 0, 0, 0, 0, 0.5, 1, 1.5, 1.5, 1.2, 0.8, 0.8, 1.2, 1.5, 1.5, 2, 5, 9, 11, 10, 7, 2],
  [3, 1.5, 0.6, 0.3, 0.2, 0.2, 0.4, 1, 1.5, 2, 2, 2, 2, 2, 2, 2, 2.5, 3, 5, 8, 10, 11, 9, 6],
];

const HOUR_PICKERS = HOURS.map((weights) => new WeightedPicker(weights));
const EVENING_PICKERS = EVENING_HOURS.map((weights) => new WeightedPicker(weights));

function sourceFactor(source: number, day: CaseDay): number {
  return WEEKDAY[source][day.weekday] * (day.holiday ? HOLIDAY[day.holiday][source] : 1);
}

/** How busy the day is for this kind of case, relative to an ordinary weekday's source mix. */
export function dayVolume(day: CaseDay, evening: boolean): number {
  const shares = SHARE[evening ? 'evening' : 'day'];
  let volume = 0;
  for (let source = 0; source < CASE_SOURCES.length; source++) volume += shares[source] * sourceFactor(source, day);
  return volume;
}

/** The source of one case (index into CASE_SOURCES). */
export function pickSource(day: CaseDay, evening: boolean, unit: number): number {
  const shares = SHARE[evening ? 'evening' : 'day'];
  let target = unit * dayVolume(day, evening);
  for (let source = 0; source < CASE_SOURCES.length; source++) {
    target -= shares[source] * sourceFactor(source, day);
    if (target < 0) return source;
  }
  return 0;
}

/** Second of the day a case is reported, from its source's (or the evening) hours. */
export function pickSecond(source: number, evening: boolean, hourUnit: number, secondUnit: number): number {
  const picker = evening && source < 2 ? EVENING_PICKERS[source] : HOUR_PICKERS[source];
  return picker.pick(hourUnit) * 3600 + Math.floor(secondUnit * 3600);
}
