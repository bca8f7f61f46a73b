#!/usr/bin/env node
// Enforces the layering (also enforced by each folder's tsconfig): what code in
// each folder may import. Run by `npm test`; exits 1 naming every violation.
//   src/core  pure domain: core only; pure libraries (@turf, proj4, ajv); no node:, DOM libs, GDAL, Electron
//   src/node  services: core + node; never ui or electron
//   src/ui    renderer: core + ui + schemas JSON; never node:, GDAL, Electron or src/node
//   electron  shell: core + node + electron; never ui
//   sample-city/core  the sample-city generator, pure: core and itself only (nothing imports it but its writers, tests, bench)
//   sample-city/node  its writers and `citygrid sample`: core, node, sample-city; Node and GDAL
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RULES = {
  'src/core': { folders: ['src/core'], packages: [/^@turf\//, /^proj4$/, /^ajv$/] },
  'src/node': { folders: ['src/core', 'src/node', 'schemas'], packages: [/^node:/, /^(?!electron$|ol$|ol\/).+/] },
  'src/ui': { folders: ['src/core', 'src/ui', 'schemas'], packages: [/^ol(\/|$)/, /^proj4$/, /^@turf\//, /^shpjs$/, /^sql\.js$/] },
  'electron': { folders: ['src/core', 'src/node', 'electron'], packages: [/^node:/, /^electron$/] },
  'sample-city/core': { folders: ['src/core', 'sample-city/core'], packages: [/^@turf\//, /^proj4$/] },
  'sample-city/node': { folders: ['src/core', 'src/node', 'sample-city', 'schemas'], packages: [/^node:/, /^(?!electron$|ol$|ol\/).+/] },
};

export const IMPORT_PATTERN = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^.\w])import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

export function* sourceFiles(folder) {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(c|m)?ts$/.test(entry) && !entry.endsWith('.d.ts')) yield path;
  }
}

export function checkLayers(root) {
  const violations = [];
  for (const [layer, rule] of Object.entries(RULES)) {
    const layerDir = join(root, layer);
    let files;
    try { files = [...sourceFiles(layerDir)]; } catch { continue; }
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT_PATTERN)) {
        const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
        const where = relative(root, file);
        if (specifier.startsWith('.')) {
          const target = relative(root, resolve(dirname(file), specifier)).split(sep).join('/');
          if (!rule.folders.some((folder) => target === folder || target.startsWith(`${folder}/`))) {
            violations.push(`${where}: imports ${specifier} (${target}); ${layer} may import only from ${rule.folders.join(', ')}`);
          }
        } else if (!rule.packages.some((pattern) => pattern.test(specifier))) {
          violations.push(`${where}: imports package "${specifier}", which ${layer} may not use`);
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkLayers(root);
  if (violations.length) {
    console.error(`layer rules broken (${violations.length}):\n  ${violations.join('\n  ')}`);
    process.exit(1);
  }
  console.log('layer rules: ok (src/core pure; src/node and src/ui apart; electron thin; sample-city beside src/)');
}
