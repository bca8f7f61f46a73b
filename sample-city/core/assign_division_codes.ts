/**
 * Gives the street and community rectangles their real codes and names, in
 * the caller's order. When a street needs more communities than the real list
 * holds, it gets generated ones: codes from 101 upward inside the real street
 * code (skipping every real code), plausible names that clash with none.
 */
import { hashText, randomFor } from './seeded_random.js';
import { PLACE_STEMS, UniqueNames } from './name_pools.js';
import type { CellRectangle } from './guillotine_partition.js';
import type { DivisionShape } from './partition_divisions.js';
import type { SampleDivisions } from './sample_options.js';

export interface StreetPlan {
  code: string;
  name: string;
  rectangle: CellRectangle;
  communities: number[];
}

export interface CommunityPlan {
  code: string;
  /** Official name, e.g. 前十社区居民委员会. */
  name: string;
  /** What grid names use, e.g. 前十社区. */
  shortName: string;
  street: number;
  rectangle: CellRectangle;
  gridCount: number;
}

/** 前十社区居民委员会 → 前十社区, 小娄庄村村民委员会 → 小娄庄村. */
export function shortCommunityName(name: string): string {
  const short = name.replace(/(居民委员会|村民委员会|居委会|村委会)$/u, '');
  return short.length > 0 ? short : name;
}

function checkCodes(divisions: SampleDivisions): void {
  const county = divisions.county.code;
  if (!/^\d{6}$/.test(county)) throw new Error(`county code ${county} must have 6 digits`);
  for (const street of divisions.streets) {
    if (!/^\d{9}$/.test(street.code) || !street.code.startsWith(county)) throw new Error(`street code ${street.code} must be 9 digits starting with ${county}`);
    for (const community of street.communities) {
      if (!/^\d{12}$/.test(community.code) || !community.code.startsWith(street.code)) {
        throw new Error(`community code ${community.code} must be 12 digits starting with ${street.code}`);
      }
    }
  }
}

export function assignDivisionCodes(divisions: SampleDivisions, shape: DivisionShape, seed: number): { streets: StreetPlan[]; communities: CommunityPlan[] } {
  checkCodes(divisions);
  const realCodes = new Set(divisions.streets.flatMap((street) => street.communities.map((community) => community.code)));
  const names = new UniqueNames(divisions.streets.flatMap((street) => street.communities.map((community) => community.name)));
  const stems = randomFor(seed, hashText('community-names')).shuffled(PLACE_STEMS);
  const nameCandidates = function* (): Generator<string> {
    for (const suffix of ['', '东', '西', '南', '北', '花园', '新村', '家园']) {
      for (const stem of stems) yield `${stem}${suffix}社区居民委员会`;
    }
  };
  const streets: StreetPlan[] = shape.streets.map(({ input, rectangle }) => ({
    code: divisions.streets[input].code, name: divisions.streets[input].name, rectangle, communities: [],
  }));
  const nextSequence = new Map<number, number>();
  const communities = shape.communities.map((part, index): CommunityPlan => {
    const street = streets[part.street];
    const real = divisions.streets[shape.streets[part.street].input].communities;
    const position = street.communities.length;
    street.communities.push(index);
    let code: string;
    let name: string;
    if (position < real.length) {
      ({ code, name } = real[position]);
    } else {
      let sequence = nextSequence.get(part.street) ?? 101;
      while (realCodes.has(`${street.code}${String(sequence).padStart(3, '0')}`)) sequence++;
      if (sequence > 999) throw new Error(`street ${street.code} has no free community codes left`);
      code = `${street.code}${String(sequence).padStart(3, '0')}`;
      nextSequence.set(part.street, sequence + 1);
      name = names.take(nameCandidates());
    }
    return { code, name, shortName: shortCommunityName(name), street: part.street, rectangle: part.rectangle, gridCount: part.gridCount };
  });
  return { streets, communities };
}
