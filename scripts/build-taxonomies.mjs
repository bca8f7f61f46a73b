#!/usr/bin/env node
// Builds the versioned taxonomy files in schemas/taxonomies/ from the standards
// facts in ../shared/standards/. Run it when those facts change; the outputs are
// committed so that a user's clone (which has no ../shared) still has them.
//
// City taxonomies (schemas/taxonomies/city-*.json) are a city's own data, written
// by hand; this script does not touch them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const standards = join(root, '..', 'shared', 'standards');
const BUILT_BY = 'scripts/build-taxonomies.mjs';

function readCsv(file) {
  const [header, ...rows] = readFileSync(join(standards, file), 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [names[i], value])));
}

/** Majors in first-seen order, so the file reads like the source table. */
function majorsOf(rows) {
  const majors = new Map();
  for (const row of rows) {
    if (!majors.has(row.major_code)) majors.set(row.major_code, { code: row.major_code, name: row.major_name });
  }
  return [...majors.values()];
}

function componentTaxonomy({ id, version, file, sureness, description }) {
  const rows = readCsv(file);
  return {
    id,
    version,
    kind: 'component-classes',
    description,
    provenance: { source: `shared/standards/${file}`, sureness, builtBy: BUILT_BY },
    majors: majorsOf(rows),
    classes: rows.map((row) => ({
      code: row.class_code,
      major: row.major_code,
      minor: row.minor_code,
      name: row.minor_name,
      ...(row.geometry_seen_in_practice ? { geometry: row.geometry_seen_in_practice } : {}),
    })),
  };
}

/**
 * Legacy event classes. The practice list gives names per major in one
 * system's order but no minor codes (they differ between cities), so the
 * minor code here is that order number, two digits; `99 其他` keeps 99.
 * Major 21 扩展事件 is listed with no subtypes: cities fill it.
 */
function legacyEventTaxonomy() {
  const file = 'legacy-events.csv';
  const rows = readCsv(file);
  return {
    id: 'legacy-events',
    version: 'practice.1',
    kind: 'event-classes',
    description: 'Legacy event classes (数字城管 practice, CJ/T 214 era): majors 01 市容环境, 02 宣传广告, 03 施工管理, 04 突发事件, 05 街面秩序 and 21 扩展事件 for local subtypes; class code = major 2 + minor 2 digits.',
    provenance: { source: `shared/standards/${file}`, sureness: 'practice', builtBy: BUILT_BY },
    notes: [
      'Minor codes vary by city. The source lists each major\'s subtypes in one deployed system\'s order without codes; the minor codes here are that order number (01, 02, …; 其他 keeps 99). A city whose codes differ declares its own table.',
      'Major 21 扩展事件 has no subtypes in the source: a city extension (schemas/taxonomies/city-*.json) adds them.',
    ],
    majors: majorsOf(rows),
    classes: rows.filter((row) => row.minor_name).map((row) => ({
      code: `${row.major_code}${row.order_in_practice_list}`,
      major: row.major_code,
      minor: row.order_in_practice_list,
      name: row.minor_name,
    })),
  };
}

/**
 * GB/T 47678.5 matter classes 06–10 as listed. Classes 01–05 are derived
 * ("<component class>异常" for every component class, same code); the file
 * says how, and src/core/taxonomy/derive_component_matters.ts does it.
 */
function matterTaxonomy() {
  const file = 'gbt47678.5-matters.csv';
  const rows = readCsv(file);
  return {
    id: 'gbt47678.5-matters',
    version: '2026.1',
    kind: 'matter-classes',
    description: 'GB/T 47678.5-2026 matter (事项) classes: major 2 + minor 3 digits. Majors 06–10 are listed; majors 01–05 are derived from the component classes (third-party transcription).',
    provenance: { source: `shared/standards/${file}`, sureness: '3p', builtBy: BUILT_BY },
    notes: [
      'Matter classes 01–05 are "<component class>异常", one per component class of gbt47678.5-components with the same 5-digit code; they are not listed here but derived (see `derived`).',
      'Gaps in the minor codes (e.g. 06031, 07005, 09007) are kept as the source has them; they may be reserved codes.',
    ],
    derived: { from: 'gbt47678.5-components', nameSuffix: '异常', majors: ['01', '02', '03', '04', '05'] },
    majors: majorsOf(rows),
    classes: rows.map((row) => ({ code: row.class_code, major: row.major_code, minor: row.minor_code, name: row.minor_name })),
  };
}

// ---------------------------------------------------------------------------
// Legacy → current component class mapping, by names only. Each rule is a
// way two names can say the same class; rules are tried in order and the
// first that finds any candidate decides. One candidate: mapped. Several:
// ambiguous, left unmapped. None: unmapped. Nothing is guessed.

/** Full-width brackets as half-width, so `变压器(箱)` equals `变压器（箱）`. */
const normalizeBrackets = (name) => name.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');

/**
 * Terms the current standard writes differently for the same thing. Each is
 * a spelling, not a judgement about what a class contains:
 * 通讯→通信 (the current standard's term for telecom), 坐椅→座椅 (variant
 * character), 上水→供水 (上水 is the colloquial word for the supply main).
 */
const TERM_SUBSTITUTIONS = [['通讯', '通信'], ['坐椅', '座椅'], ['上水', '供水']];

const MAPPING_RULES = [
  { id: 'identical', description: 'identical minor class names', key: (name) => name },
  { id: 'brackets-normalized', description: 'names equal after writing full-width brackets （） as half-width () and removing spaces', key: normalizeBrackets },
  { id: 'brackets-removed', description: 'names equal after removing bracketed qualifiers such as (箱), (楼), (气)', key: (name) => normalizeBrackets(name).replace(/\([^)]*\)/g, '') },
  { id: 'facility-suffix-removed', description: 'names equal after removing a trailing generic 设施 (facility), e.g. 监控电子眼 = 监控电子眼设施', key: (name) => normalizeBrackets(name).replace(/设施$/, '') },
  {
    id: 'term-renamed',
    description: `names equal after the current standard's renamed terms: ${TERM_SUBSTITUTIONS.map(([from, to]) => `${from}→${to}`).join(', ')}`,
    key: (name) => TERM_SUBSTITUTIONS.reduce((text, [from, to]) => text.split(from).join(to), normalizeBrackets(name)),
  },
];

function classMapping(id, from, to) {
  const pairs = [];
  const unmapped = [];
  for (const legacy of from.classes) {
    let decided = false;
    for (const rule of MAPPING_RULES) {
      const key = rule.key(legacy.name);
      const candidates = to.classes.filter((current) => rule.key(current.name) === key);
      if (candidates.length === 0) continue;
      decided = true;
      if (candidates.length === 1) {
        pairs.push({ from: legacy.code, fromName: legacy.name, to: candidates[0].code, toName: candidates[0].name, rule: rule.id });
      } else {
        unmapped.push({ from: legacy.code, fromName: legacy.name, reason: 'ambiguous', rule: rule.id, candidates: candidates.map((c) => `${c.code} ${c.name}`) });
      }
      break;
    }
    if (!decided) {
      // Names that contain one another are shown to the person who decides, never applied.
      const plain = normalizeBrackets(legacy.name);
      const related = to.classes.filter((current) => normalizeBrackets(current.name).includes(plain) || plain.includes(normalizeBrackets(current.name)));
      unmapped.push({
        from: legacy.code, fromName: legacy.name, reason: 'no-counterpart',
        ...(related.length ? { reviewHints: related.map((c) => `${c.code} ${c.name}`) } : {}),
      });
    }
  }
  const targets = new Set(pairs.map((pair) => pair.to));
  const byRule = Object.fromEntries(MAPPING_RULES.map((rule) => [rule.id, pairs.filter((pair) => pair.rule === rule.id).length]));
  return {
    id,
    version: '1.0.0',
    kind: 'class-mapping',
    from: from.id,
    to: to.id,
    description: `Component class correspondence ${from.id} → ${to.id}, by class names only. Classes without a clearly corresponding name are listed as unmapped and must be decided by a person (e.g. 立杆 splits into several current 立杆 classes).`,
    provenance: {
      source: `schemas/taxonomies/${from.id}.json + schemas/taxonomies/${to.id}.json`,
      sureness: 'derived: name correspondence, not an official concordance table',
      builtBy: BUILT_BY,
    },
    notes: [
      'A pair keeps the component\'s division and sequence: 16-digit 6+2+2+6 becomes 17-digit 6+2+3+6 with the current class code.',
      '`reviewHints` of an unmapped class are current classes whose name contains its name or the other way round: material for the person who decides, never applied.',
    ],
    rules: MAPPING_RULES.map(({ id, description }) => ({ id, description })),
    counts: {
      from: from.classes.length,
      to: to.classes.length,
      mapped: pairs.length,
      unmapped: unmapped.length,
      ambiguous: unmapped.filter((entry) => entry.reason === 'ambiguous').length,
      byRule,
      toWithoutCounterpart: to.classes.filter((current) => !targets.has(current.code)).length,
    },
    pairs,
    unmapped,
  };
}

const legacyComponents = componentTaxonomy({
  id: 'legacy-cjt214-components', version: '2007.1', file: 'legacy-cjt214-components.csv', sureness: 'practice',
  description: 'Legacy component classes (CJ/T 214-2007 / GB/T 30428.2 practice): major 2 + minor 2 digits.',
});
const currentComponents = componentTaxonomy({
  id: 'gbt47678.5-components', version: '2026.1', file: 'gbt47678.5-components.csv', sureness: '3p',
  description: 'GB/T 47678.5-2026 component classes: major 2 + minor 3 digits (third-party transcription).',
});
const mapping = classMapping('mapping-legacy-cjt214-to-gbt47678.5', legacyComponents, currentComponents);

const outputs = [legacyComponents, currentComponents, legacyEventTaxonomy(), matterTaxonomy(), mapping];
// --check: build in memory and compare with the committed files (a test runs this), writing nothing.
const check = process.argv.includes('--check');
const stale = [];
for (const output of outputs) {
  const path = join(root, 'schemas', 'taxonomies', `${output.id}.json`);
  const text = JSON.stringify(output, null, 1) + '\n';
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) stale.push(path);
    continue;
  }
  writeFileSync(path, text);
  const size = output.kind === 'class-mapping' ? `${output.pairs.length} pairs, ${output.unmapped.length} unmapped` : `${output.classes.length} classes`;
  console.log(`wrote ${path}: ${size}`);
}
if (check) {
  if (stale.length) {
    console.error(`taxonomy files differ from what ../shared/standards builds (run node scripts/build-taxonomies.mjs):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`${outputs.length} taxonomy files are up to date`);
}
const { counts } = mapping;
console.log(`mapping ${mapping.from} → ${mapping.to}: ${counts.mapped} of ${counts.from} mapped (${Object.entries(counts.byRule).map(([rule, n]) => `${rule} ${n}`).join(', ')}), `
  + `${counts.unmapped} unmapped (${counts.ambiguous} ambiguous); ${counts.toWithoutCounterpart} of ${counts.to} current classes have no legacy counterpart`);
