/**
 * Every component's class, sequence, position, grid and maintainer in flat
 * typed arrays (~30 MB for the full city's 950 000), so that a case record
 * can concern a real component and stand where it stands. Built by running
 * the same placements as the components layer, without building features;
 * the codes come back from class and sequence.
 */
import { ComponentEmitter } from './component_emitter.js';
import type { Department } from './departments.js';
import type { CityPlan } from './plan_city.js';
import { runComponentPlacements } from './stream_point_layers.js';

export interface ComponentCatalogue {
  count: number;
  xs: Float64Array;
  ys: Float64Array;
  grids: Int32Array;
  /** Index of the class in the component taxonomy's class list. */
  tags: Uint16Array;
  sequences: Int32Array;
  /** Index into `departments`, −1 for none. */
  maintainers: Int32Array;
  departments: Department[];
}

function grown<T extends Float64Array | Int32Array | Uint16Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

export function catalogueComponents(plan: CityPlan): ComponentCatalogue {
  let capacity = 1 << 16;
  const catalogue: ComponentCatalogue = {
    count: 0,
    xs: new Float64Array(capacity), ys: new Float64Array(capacity), grids: new Int32Array(capacity),
    tags: new Uint16Array(capacity), sequences: new Int32Array(capacity), maintainers: new Int32Array(capacity),
    departments: [],
  };
  const departmentIndex = new Map<string, number>();
  const emitter = new ComponentEmitter(plan.componentContext, false, (tag, sequence, x, y, grid, maintainer) => {
    if (catalogue.count === capacity) {
      capacity *= 2;
      catalogue.xs = grown(catalogue.xs, capacity);
      catalogue.ys = grown(catalogue.ys, capacity);
      catalogue.grids = grown(catalogue.grids, capacity);
      catalogue.tags = grown(catalogue.tags, capacity);
      catalogue.sequences = grown(catalogue.sequences, capacity);
      catalogue.maintainers = grown(catalogue.maintainers, capacity);
    }
    let department = -1;
    if (maintainer) {
      department = departmentIndex.get(maintainer.code) ?? -1;
      if (department < 0) {
        department = catalogue.departments.length;
        catalogue.departments.push(maintainer);
        departmentIndex.set(maintainer.code, department);
      }
    }
    const row = catalogue.count++;
    catalogue.xs[row] = x;
    catalogue.ys[row] = y;
    catalogue.grids[row] = grid;
    catalogue.tags[row] = tag;
    catalogue.sequences[row] = sequence;
    catalogue.maintainers[row] = department;
  });
  for (const _ of runComponentPlacements(plan, emitter)) {
    // The callback fills the catalogue.
  }
  return catalogue;
}
