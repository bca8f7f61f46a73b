/**
 * Departments that own, maintain or are competent for components and zones,
 * named after the caller's divisions (临沂市兰山区住房和城乡建设局 …), with an
 * 18-character code shaped like a unified social credit code (GB 32100:
 * authority + type, 6-digit division, 9-character organisation code with its
 * GB 11714 check, and the GB 32100 check character). The codes are derived
 * from the names, so they are stable across seeds; they are plausible, not
 * claimed to be real.
 */
import { hashText, mulberry32 } from './seeded_random.js';
import type { SampleDivisions } from './sample_options.js';

export interface Department {
  code: string;
  name: string;
}

/** 机关 (government organ), 事业单位 (public institution), 企业 (enterprise). */
export type DepartmentKind = 'organ' | 'institution' | 'enterprise';

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORGANISATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const KIND_PREFIX: Record<DepartmentKind, string> = { organ: '11', institution: '12', enterprise: '91' };

function organisationCheck(body: string): string {
  let sum = 0;
  for (let index = 0; index < 8; index++) sum += parseInt(body[index], 36) * ORGANISATION_WEIGHTS[index];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function creditCheck(body: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += CREDIT_CHARSET.indexOf(body[index]) * CREDIT_WEIGHTS[index];
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/** A deterministic code for a department name. */
export function departmentCode(name: string, kind: DepartmentKind, divisionCode: string): string {
  const next = mulberry32(hashText(`${kind}:${divisionCode}:${name}`));
  // Public bodies' codes read like the brief's 12371302MB…; enterprises' like 91371300….
  let organisation = kind === 'enterprise' ? '' : 'MB';
  while (organisation.length < 8) {
    const digitsOnly = kind === 'enterprise' && organisation.length < 2;
    organisation += digitsOnly ? String(Math.floor(next() * 10)) : CREDIT_CHARSET[Math.floor(next() * CREDIT_CHARSET.length)];
  }
  organisation += organisationCheck(organisation);
  const body = `${KIND_PREFIX[kind]}${divisionCode}${organisation}`;
  return body + creditCheck(body);
}

/** True when the code's GB 32100 check character matches (used by tests). */
export function creditCodeChecks(code: string): boolean {
  return code.length === 18 && [...code].every((character) => CREDIT_CHARSET.includes(character)) && creditCheck(code.slice(0, 17)) === code[17];
}

/** All departments of one sample, built once and shared by components and zones. */
export class DepartmentBook {
  private readonly cache = new Map<string, Department>();
  readonly countyCode: string;
  readonly cityCode: string;
  /** 临沂 */
  readonly cityShort: string;
  /** 临沂市 */
  readonly city: string;
  /** 兰山区 */
  readonly county: string;
  /** 兰山, as in 临沂市公安局兰山分局 */
  readonly countyShort: string;

  constructor(divisions: SampleDivisions) {
    this.countyCode = divisions.county.code;
    this.cityCode = `${divisions.county.code.slice(0, 4)}00`;
    this.city = divisions.city;
    this.cityShort = divisions.city.replace(/市$/u, '');
    this.county = divisions.county.name;
    this.countyShort = divisions.county.name.length > 2 ? divisions.county.name.replace(/区$/u, '') : divisions.county.name;
  }

  /** The government of a street or town: 兰山街道办事处, 方城镇人民政府. */
  streetGovernment(streetName: string): Department {
    return this.get(/[镇乡]$/u.test(streetName) ? `${streetName}人民政府` : `${streetName}办事处`, 'organ');
  }

  /** A department by its full name; `level` picks the division in its code. */
  get(name: string, kind: DepartmentKind, level: 'city' | 'county' = 'county'): Department {
    let department = this.cache.get(name);
    if (!department) {
      department = { name, code: departmentCode(name, kind, level === 'city' ? this.cityCode : this.countyCode) };
      this.cache.set(name, department);
    }
    return department;
  }

  /** County bureaux carry the city prefix in their official names: 临沂市兰山区住房和城乡建设局. */
  countyBureau(bureau: string): Department {
    return this.get(`${this.city}${this.county}${bureau}`, 'organ');
  }

  /** County institutions and offices are usually written without it: 兰山区综合行政执法局. */
  countyUnit(unit: string, kind: DepartmentKind = 'institution'): Department {
    return this.get(`${this.county}${unit}`, kind);
  }

  cityUnit(unit: string, kind: DepartmentKind = 'institution'): Department {
    return this.get(`${this.city}${unit}`, kind, 'city');
  }

  /** Enterprises named after the city without 市: 临沂中裕燃气有限公司 style. */
  cityCompany(pattern: (cityShort: string) => string): Department {
    return this.get(pattern(this.cityShort), 'enterprise', 'city');
  }
}
