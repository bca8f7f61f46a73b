/**
 * Turns a placement (class name, position) into a component feature: settles
 * the point strictly inside one grid, finds that grid by structure, numbers
 * the component per county and class (component-legacy-16), and fills the
 * departments, state and dates. Placement code only says where things stand.
 */
import type { FeatureRecord } from '../../src/core/api/geo_types.js';
import { formatCode, type CodeLayout } from '../../src/core/codes/code_layout.js';
import type { ComponentClass, ComponentTaxonomy } from '../../src/core/taxonomy/taxonomy.js';
import { unitHash } from './seeded_random.js';
import type { ClassDepartments, DepartmentChoice } from './component_departments.js';
import type { Department } from './departments.js';
import type { CommunityPlan } from './assign_division_codes.js';
import type { GridNumbering } from './number_unit_grids.js';
import type { RoadLattice } from './road_lattice.js';
import { gridAt, settleInsideGrid, type UnitGridLayout } from './split_unit_grids.js';

export interface ComponentContext {
  lattice: RoadLattice;
  grids: UnitGridLayout;
  numbering: GridNumbering;
  communities: readonly CommunityPlan[];
  streetOffices: readonly Department[];
  /** True when the point is on water or within `margin` metres of it. */
  inWater(x: number, y: number, margin: number): boolean;
  taxonomy: ComponentTaxonomy;
  layout: CodeLayout;
  countyCode: string;
  departments: Map<string, ClassDepartments>;
  seed: number;
  surveyDate: string;
}

export interface PlacementOptions {
  /** The unit that owns the block the component stands in, when it keeps it. */
  owner?: Department;
  /** Bridges, lights on bridges and river furniture may stand over or at the water. */
  overWater?: boolean;
}

interface PointClass {
  definition: ComponentClass;
  /** Stable number for hashing per-component decisions. */
  tag: number;
}

/** Days after the survey when a damaged or occupied component was reported changed. */
function addDays(date: string, days: number): string {
  const time = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) + days * 86400000;
  const moved = new Date(time);
  return `${moved.getUTCFullYear()}${String(moved.getUTCMonth() + 1).padStart(2, '0')}${String(moved.getUTCDate()).padStart(2, '0')}`;
}

/** What a catalogue keeps of each placed component (component_catalogue.ts): enough to point a case at it. */
export type PlacedComponentSink = (tag: number, sequence: number, x: number, y: number, grid: number, maintainer: Department | undefined) => void;

export class ComponentEmitter {
  /** Features made since the caller last drained them. */
  readonly features: FeatureRecord[] = [];
  /** Components placed so far, also in counting mode. */
  count = 0;
  private readonly classes = new Map<string, PointClass>();
  private readonly sequences = new Map<string, number>();

  /**
   * @param buildFeatures false to only count (no objects, no codes).
   * @param onPlaced called for every component placed, features or not.
   */
  constructor(private readonly context: ComponentContext, private readonly buildFeatures: boolean, private readonly onPlaced?: PlacedComponentSink) {
    // Only point classes are placed: line and polygon classes belong to other geometries.
    context.taxonomy.classes.forEach((definition, tag) => {
      if (definition.geometry === 'point') this.classes.set(definition.name, { definition, tag });
    });
  }

  emit(name: string, x: number, y: number, options: PlacementOptions = {}): void {
    const pointClass = this.classes.get(name);
    if (!pointClass) return;
    const { context } = this;
    if (!options.overWater && context.inWater(x, y, 1)) return;
    const settled = settleInsideGrid(context.lattice, context.grids, x, y);
    if (!settled) return;
    this.count += 1;
    const sequence = (this.sequences.get(name) ?? 0) + 1;
    this.sequences.set(name, sequence);
    if (!this.buildFeatures && !this.onPlaced) return;
    const grid = gridAt(context.lattice, context.grids, settled[0], settled[1]);
    const community = context.communities[context.numbering.communityOfGrid[grid]];
    const rules = context.departments.get(name);
    const { definition, tag } = pointClass;
    const resolve = (choice: DepartmentChoice | undefined): Department | undefined =>
      choice === 'street-office' ? context.streetOffices[community.street] : choice;
    const ownerDraw = unitHash(context.seed, tag, sequence, 3);
    const owner = options.owner ?? (rules && rules.owners.length > 0 ? resolve(rules.owners[Math.floor(ownerDraw * rules.owners.length)]) : undefined);
    const maintainer = options.owner ?? (rules?.maintainer ? resolve(rules.maintainer) : owner);
    this.onPlaced?.(tag, sequence, settled[0], settled[1], grid, maintainer);
    if (!this.buildFeatures) return;
    const stateDraw = unitHash(context.seed, tag, sequence, 1);
    const state = stateDraw < 0.945 ? '完好' : stateDraw < 0.985 ? '破损' : stateDraw < 0.995 ? '占用' : '丢失';
    const changeDraw = unitHash(context.seed, tag, sequence, 2);
    const changed = state !== '完好' && changeDraw < 0.6 ? addDays(context.surveyDate, 15 + Math.floor(changeDraw * 300)) : '';
    const sourceDraw = unitHash(context.seed, tag, sequence, 4);
    this.features.push({
      geometry: { type: 'Point', coordinates: settled },
      properties: {
        OBJCODE: formatCode(context.layout, { division: context.countyCode, major: definition.major, minor: definition.minor, sequence }),
        OBJNAME: definition.name,
        DEPTCODE1: rules?.competent.code ?? '',
        DEPTNAME1: rules?.competent.name ?? '',
        DEPTCODE2: owner?.code ?? '',
        DEPTNAME2: owner?.name ?? '',
        DEPTCODE3: maintainer?.code ?? '',
        DEPTNAME3: maintainer?.name ?? '',
        BGCODE: context.numbering.codeOfGrid[grid],
        OBJSTATE: state,
        ORDATE: context.surveyDate,
        CHDATE: changed,
        DATASOURCE: sourceDraw < 0.93 ? '实测' : sourceDraw < 0.98 ? '基础地理数据' : '地形图',
        NOTE: '',
      },
    });
  }
}
