#!/usr/bin/env node
// Finds import cycles among the TypeScript sources under src/ and sample-city/ (type-only imports
// included: a cycle of types still ties two modules' meanings together and is
// one refactoring away from a runtime cycle). Run by `npm test`; exits 1 naming
// each cycle as a path of files.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPORT_PATTERN, sourceFiles } from './check-layers.mjs';

/** The file a relative specifier names (`./a.js` is written for `./a.ts`), or undefined. */
function resolveSource(fromFile, specifier) {
  const target = resolve(dirname(fromFile), specifier);
  for (const candidate of [target.replace(/\.(c|m)?js$/, '.$1ts'), target, `${target}.ts`, join(target, 'index.ts')]) {
    if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  }
  return undefined;
}

function importGraph(root, folders) {
  const graph = new Map();
  for (const folder of folders) {
    let files;
    try { files = [...sourceFiles(join(root, folder))]; } catch { continue; }
    for (const file of files) {
      const targets = new Set();
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT_PATTERN)) {
        const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
        if (!specifier.startsWith('.')) continue;
        const target = resolveSource(file, specifier);
        if (target) targets.add(target);
      }
      graph.set(file, [...targets].sort());
    }
  }
  return graph;
}

/** Tarjan's strongly connected components; every component of more than one file (or a file importing itself) holds a cycle. */
function cyclicComponents(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let counter = 0;
  // Iterative, so that a deep import chain cannot overflow the call stack.
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work = [[start, 0]];
    index.set(start, counter); low.set(start, counter); counter += 1; stack.push(start); onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, next] = frame;
      const targets = graph.get(node) ?? [];
      if (next < targets.length) {
        frame[1] += 1;
        const target = targets[next];
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter); low.set(target, counter); counter += 1; stack.push(target); onStack.add(target);
          work.push([target, 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do { member = stack.pop(); onStack.delete(member); component.push(member); } while (member !== node);
        if (component.length > 1 || targets.includes(node)) components.push(component.sort());
      }
    }
  }
  return components;
}

/** One shortest cycle through the component's first file, as a list of files ending where it starts. */
function cycleThrough(graph, component) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const chain = [];
        for (let step = node; step !== start; step = previous.get(step)) chain.unshift(step);
        return [start, ...chain, start];
      }
      if (!previous.has(target)) { previous.set(target, node); queue.push(target); }
    }
  }
  return [start, start];
}

export function checkCycles(root, folders = ['src', 'sample-city']) {
  const graph = importGraph(root, folders);
  const name = (file) => relative(root, file).split(sep).join('/');
  return cyclicComponents(graph).map((component) => {
    const cycle = cycleThrough(graph, component).map(name).join(' → ');
    return component.length > 2 ? `${cycle} (${component.length} files tied in all: ${component.map(name).join(', ')})` : cycle;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const cycles = checkCycles(root);
  if (cycles.length) {
    console.error(`import cycles (${cycles.length}):\n  ${cycles.join('\n  ')}`);
    process.exit(1);
  }
  console.log('import cycles: none in src/ and sample-city/');
}
