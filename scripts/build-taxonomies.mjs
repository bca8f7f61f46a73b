#!/usr/bin/env node
// Builds the versioned taxonomy files in schemas/taxonomies/ from the standards
// facts in ../shared/standards/. Run it when those facts change; the outputs are
// committed so that a user's clone (which has no ../shared) still has them.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const standards = join(root, '..', 'shared', 'standards');

function readCsv(file) {
  const [header, ...rows] = readFileSync(join(standards, file), 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [names[i], value])));
}

function componentTaxonomy({ id, version, file, sureness, description }) {
  const rows = readCsv(file);
  const majors = new Map();
  for (const row of rows) {
    if (!majors.has(row.major_code)) majors.set(row.major_code, { code: row.major_code, name: row.major_name });
  }
  return {
    id,
    version,
    kind: 'component-classes',
    description,
    provenance: { source: `shared/standards/${file}`, sureness, builtBy: 'scripts/build-taxonomies.mjs' },
    majors: [...majors.values()],
    classes: rows.map((row) => ({
      code: row.class_code,
      major: row.major_code,
      minor: row.minor_code,
      name: row.minor_name,
      ...(row.geometry_seen_in_practice ? { geometry: row.geometry_seen_in_practice } : {}),
    })),
  };
}

const outputs = [
  componentTaxonomy({
    id: 'legacy-cjt214-components', version: '2007.1', file: 'legacy-cjt214-components.csv', sureness: 'practice',
    description: 'Legacy component classes (CJ/T 214-2007 / GB/T 30428.2 practice): major 2 + minor 2 digits.',
  }),
  componentTaxonomy({
    id: 'gbt47678.5-components', version: '2026.1', file: 'gbt47678.5-components.csv', sureness: '3p',
    description: 'GB/T 47678.5-2026 component classes: major 2 + minor 3 digits (third-party transcription).',
  }),
];
for (const taxonomy of outputs) {
  const path = join(root, 'schemas', 'taxonomies', `${taxonomy.id}.json`);
  writeFileSync(path, JSON.stringify(taxonomy, null, 1) + '\n');
  console.log(`wrote ${path}: ${taxonomy.classes.length} classes`);
}
