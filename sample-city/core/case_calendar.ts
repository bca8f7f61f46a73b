/**
 * The year the sample's case records cover: 365 days from the survey date,
 * with weekdays, public holidays (the Spring Festival week from a table of
 * its dates, 元旦, 清明, 劳动节, 国庆), a seeded weather year (rainstorms in
 * the rain season, a few snow days in winter) and, per season shape, a
 * factor for every day whose mean over the year is 1 — so profile weights
 * stay annual shares while the days move around them.
 */
import { hashText, randomFor } from './seeded_random.js';

export type Season = 'flat' | 'summer' | 'warm' | 'rain' | 'storm' | 'winter' | 'heating' | 'snow' | 'leaves' | 'festival' | 'building';

export const SEASONS: readonly Season[] = ['flat', 'summer', 'warm', 'rain', 'storm', 'winter', 'heating', 'snow', 'leaves', 'festival', 'building'];

export interface CaseDay {
  /** YYYYMMDD */
  date: string;
  year: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Days since 1 January of its year. */
  dayOfYear: number;
  holiday: 'spring-festival' | 'public' | null;
  /** Days after 除夕 (the eve is 0), or null away from the Spring Festival. */
  festivalDay: number | null;
  /** 1 on a rainstorm (snow) day, fading over the next days; 0 otherwise. */
  storm: number;
  snow: number;
}

export interface CaseCalendar {
  days: CaseDay[];
  /** Per season shape, a factor per day; each averages 1 over the year. */
  season: Record<Season, Float64Array>;
}

export const CASE_YEAR_DAYS = 365;
const DAY_MS = 86_400_000;

/** 春节 (lunar new year's day), 2020–2040; the eve (除夕) is the day before. */
const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2020: '0125', 2021: '0212', 2022: '0201', 2023: '0122', 2024: '0210', 2025: '0129', 2026: '0217', 2027: '0206',
  2028: '0126', 2029: '0213', 2030: '0203', 2031: '0123', 2032: '0211', 2033: '0131', 2034: '0219', 2035: '0208',
  2036: '0128', 2037: '0215', 2038: '0204', 2039: '0124', 2040: '0212',
};

function utc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)));
}

function formatDate(time: number): string {
  const date = new Date(time);
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Days from 除夕 of the nearest Spring Festival, when it is within a few weeks. */
function daysFromEve(time: number, year: number): number | null {
  for (const festivalYear of [year, year + 1]) {
    const newYear = SPRING_FESTIVAL[festivalYear];
    if (!newYear) continue;
    const offset = Math.round((time - (utc(`${festivalYear}${newYear}`) - DAY_MS)) / DAY_MS);
    if (offset >= -20 && offset <= 20) return offset;
  }
  return null;
}

function publicHoliday(month: number, day: number): boolean {
  return (month === 1 && day === 1) || (month === 4 && day >= 4 && day <= 6) || (month === 5 && day <= 5) || (month === 10 && day <= 7);
}

const cosine = (dayOfYear: number, peak: number): number => Math.cos((2 * Math.PI * (dayOfYear - peak)) / 365.25);
const bump = (dayOfYear: number, peak: number, width: number): number => Math.exp(-(((dayOfYear - peak) / width) ** 2));

function rawSeason(season: Season, day: CaseDay): number {
  const { dayOfYear, storm, snow, festivalDay } = day;
  const festive = day.holiday === 'spring-festival';
  switch (season) {
    case 'flat': return 1;
    case 'summer': return 1 + 0.5 * cosine(dayOfYear, 200);
    case 'warm': return (1 + 0.3 * cosine(dayOfYear, 190)) * (festive ? 0.4 : 1);
    case 'rain': return 0.3 + 2.5 * bump(dayOfYear, 205, 30) + 3 * storm;
    case 'storm': return 0.1 + 0.6 * bump(dayOfYear, 205, 35) + 12 * storm;
    case 'winter': return 1 + 0.6 * cosine(dayOfYear, 15);
    // The heating season in 鲁南 runs from 15 November to 15 March.
    case 'heating': return dayOfYear >= 318 || dayOfYear <= 74 ? 1.6 : 0.2;
    case 'snow': return 0.01 + 30 * snow;
    case 'leaves': return 0.6 + 2 * bump(dayOfYear, 315, 18);
    case 'festival': {
      if (festivalDay === null) return day.date.endsWith('1231') ? 3 : 0.05;
      const eve = [40, 20, 6, 5, 4, 3][festivalDay];
      if (eve !== undefined) return eve;
      return festivalDay === 15 ? 12 : festivalDay === 14 || festivalDay === 16 ? 3 : 0.05;
    }
    case 'building': return (festive ? 0.1 : dayOfYear < 59 || dayOfYear >= 334 ? 0.5 : 1.2) * (storm > 0.5 ? 0.5 : 1);
  }
}

export function planCaseCalendar(firstDate: string, seed: number): CaseCalendar {
  const weather = randomFor(seed, hashText('case-weather'));
  const start = utc(firstDate);
  const days: CaseDay[] = [];
  let stormLeft = 0;
  let snowLeft = 0;
  for (let index = 0; index < CASE_YEAR_DAYS; index++) {
    const time = start + index * DAY_MS;
    const date = formatDate(time);
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(4, 6));
    const dayOfMonth = Number(date.slice(6, 8));
    const dayOfYear = Math.round((time - Date.UTC(year, 0, 1)) / DAY_MS);
    const festivalDay = daysFromEve(time, year);
    // Rainstorms from mid-June to mid-September, snow from December to February; each lingers a day or two.
    const stormDraw = weather.next();
    const snowDraw = weather.next();
    if (dayOfYear >= 165 && dayOfYear <= 258 && stormDraw < 0.13) stormLeft = 2;
    else stormLeft = Math.max(0, stormLeft - 1);
    if ((month === 12 || month <= 2) && snowDraw < 0.06) snowLeft = 3;
    else snowLeft = Math.max(0, snowLeft - 1);
    days.push({
      date, year, weekday: new Date(time).getUTCDay(), dayOfYear,
      holiday: festivalDay !== null && festivalDay >= -1 && festivalDay <= 7 ? 'spring-festival' : publicHoliday(month, dayOfMonth) ? 'public' : null,
      festivalDay: festivalDay !== null && festivalDay >= 0 ? festivalDay : null,
      storm: [0, 0.4, 1][stormLeft] ?? 0,
      snow: [0, 0.2, 0.5, 1][snowLeft] ?? 0,
    });
  }
  const season = {} as Record<Season, Float64Array>;
  for (const shape of SEASONS) {
    const factors = Float64Array.from(days, (day) => rawSeason(shape, day));
    const mean = factors.reduce((sum, value) => sum + value, 0) / factors.length;
    season[shape] = factors.map((value) => value / mean);
  }
  return { days, season };
}

/** A case day and second of the day as YYYYMMDDhhmmss, local time (UTC+8, no daylight saving). */
export function caseTime(day: CaseDay, second: number): string {
  const hours = Math.floor(second / 3600);
  const minutes = Math.floor((second % 3600) / 60);
  const seconds = second % 60;
  return `${day.date}${String(hours).padStart(2, '0')}${String(minutes).padStart(2, '0')}${String(seconds).padStart(2, '0')}`;
}

/** A time `hours` after day `dayIndex` second `second` of the calendar, as YYYYMMDDhhmmss; null past the calendar's end. */
export function laterTime(calendar: CaseCalendar, dayIndex: number, second: number, hours: number): string | null {
  const total = second + Math.round(hours * 3600);
  const later = dayIndex + Math.floor(total / 86400);
  if (later >= calendar.days.length) return null;
  return caseTime(calendar.days[later], total % 86400);
}
