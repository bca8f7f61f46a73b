/**
 * Where event cases happen: a point and a location text for each kind of
 * place. Markets, school gates, busy junctions, low spots that flood and
 * problem blocks are fixed places with lasting weights (a big market draws
 * far more than a small one), so the cases pile up there year-round — real
 * clusters for Gi* and kernel density, not noise. Shopfronts, estates,
 * streets and the rest spread the background over the city.
 */
import type { CaseProfile, PlaceKind } from './case_profiles.js';
import type { CityPlan } from './plan_city.js';
import type { Block } from './plan_blocks.js';
import type { Junction } from './plan_city_places.js';
import { waterEdgesAt, type RiverPlan } from './plan_rivers.js';
import { columnAt, rowAt } from './road_lattice.js';
import { roadSegments, type RoadSegment } from './road_segments.js';
import { hashText, randomFor, type SeededRandom } from './seeded_random.js';

export interface CasePoint {
  x: number;
  y: number;
  where: string;
}

/** Picks an index with probability proportional to its weight, by binary search over the running sums. */
export class WeightedPicker {
  private readonly sums: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.sums = new Float64Array(weights.length);
    let sum = 0;
    for (let index = 0; index < weights.length; index++) {
      sum += Math.max(0, weights[index]);
      this.sums[index] = sum;
    }
  }

  get total(): number {
    return this.sums.length === 0 ? 0 : this.sums[this.sums.length - 1];
  }

  pick(unit: number): number {
    const target = unit * this.total;
    let low = 0;
    let high = this.sums.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sums[middle] > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** A standard normal draw (Box–Muller) from two uniform draws. */
export function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

interface Choice<T> { items: T[]; picker: WeightedPicker }

function choice<T>(items: T[], weight: (item: T) => number): Choice<T> {
  return { items, picker: new WeightedPicker(items.map(weight)) };
}

function area(block: Block): number {
  return (block.east - block.west) * (block.north - block.south);
}

/** Kinds of place that are blocks. */
type BlockPlaceKind = Exclude<PlaceKind, 'anywhere' | 'junction' | 'lowpoint' | 'river' | 'street' | 'carriageway'>;

export class CasePlaces {
  private readonly kinds: Record<BlockPlaceKind, Choice<Block>>;
  private readonly junctions: Choice<Junction>;
  private readonly lowpoints: Choice<Junction>;
  private readonly rivers: Choice<RiverPlan>;
  private readonly segments: Choice<RoadSegment>;

  constructor(private readonly plan: CityPlan) {
    const { blocks, places, owners } = plan;
    const lasting = randomFor(plan.options.seed, hashText('case-hot-spots'));
    // How much each hot spot draws, for the whole year: a few big ones, many small.
    const strength = (spread: number): number => Math.exp(spread * gaussian(() => lasting.next()));
    const of = (indices: readonly number[]): Block[] => indices.map((index) => blocks.blocks[index]);
    const where = (kinds: readonly string[]): Block[] => blocks.blocks.filter((block) => kinds.includes(block.kind));
    const withFallback = (chosen: Block[]): Block[] => (chosen.length > 0 ? chosen : where(['居住', '商业']));
    this.kinds = {
      market: choice(of(places.markets), () => strength(0.7)),
      school: choice(withFallback(of(places.schools)), (block) => (/(中学|大学)$/u.test(owners.get(block.index)?.place ?? '') ? 2 : 1) * strength(0.4)),
      problem: choice(of(places.problemBlocks), () => strength(0.6)),
      shops: choice(withFallback(where(['商业'])), (block) => (block.east - block.west + block.north - block.south) * (block.onArterial ? 2 : 1)),
      homes: choice(withFallback(where(['居住'])), area),
      works: choice(of(places.worksites), () => strength(0.3)),
      park: choice(withFallback(where(['绿地']).filter((block) => plan.green.parkOfBlock.has(block.index))), area),
      industry: choice(withFallback(where(['工业', '物流仓储'])), area),
    };
    this.junctions = choice(places.junctions, (junction) => junction.weight * strength(0.4));
    // Some junctions sit low and flood in every heavy rain.
    const low = places.junctions.filter((_, index) => lasting.next() < 0.12 || index === 0);
    this.lowpoints = choice(low, () => strength(0.8));
    this.rivers = choice(plan.rivers, (river) => river.east - river.west);
    const classWeight = { '主干路': 3, '次干路': 2, '支路': 1 };
    this.segments = choice([...roadSegments(plan.lattice)], (segment) => (segment.end - segment.start) * classWeight[segment.road.roadClass]);
  }

  /** A place kind for a case of this profile. */
  kindFor(profile: CaseProfile, unit: number): PlaceKind {
    const entries = Object.entries(profile.places) as [PlaceKind, number][];
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let target = unit * total;
    for (const [kind, weight] of entries) {
      target -= weight;
      if (target < 0) return kind;
    }
    return entries[entries.length - 1][0];
  }

  sample(kind: PlaceKind, random: SeededRandom): CasePoint {
    const next = (): number => random.next();
    switch (kind) {
      case 'junction': return this.nearJunction(this.junctions, false, random);
      case 'lowpoint': return this.nearJunction(this.lowpoints, true, random);
      case 'street':
      case 'carriageway': {
        const segment = this.segments.items[this.segments.picker.pick(next())];
        const margin = Math.max(segment.startCrossing ?? 0, segment.endCrossing ?? 0) + 5;
        const along = segment.start + margin + next() * Math.max(1, segment.end - segment.start - 2 * margin);
        const side = next() < 0.5 ? -1 : 1;
        const lateral = kind === 'street' ? segment.road.width / 2 - next() * segment.road.sidewalk : next() * segment.kerb * 0.9;
        const [x, y] = segment.orientation === 'north-south' ? [segment.centre + side * lateral, along] : [along, segment.centre + side * lateral];
        return { x, y, where: this.roadNear(x, y) };
      }
      case 'river': {
        if (this.rivers.items.length === 0) return this.sample('street', random);
        const river = this.rivers.items[this.rivers.picker.pick(next())];
        const x = river.west + 20 + next() * (river.east - river.west - 40);
        const [south, north] = waterEdgesAt(river, x);
        const y = next() < 0.5 ? south - 3 - next() * 6 : north + 3 + next() * 6;
        return { x, y, where: `${river.name}河道` };
      }
      case 'anywhere': {
        const { xs, ys, columnCount, rowCount } = this.plan.lattice;
        const x = xs[0] + next() * (xs[columnCount] - xs[0]);
        const y = ys[0] + next() * (ys[rowCount] - ys[0]);
        return { x, y, where: `${this.roadNear(x, y)}附近` };
      }
      default: return this.inPlace(kind, random);
    }
  }

  private inPlace(kind: BlockPlaceKind, random: SeededRandom): CasePoint {
    const next = (): number => random.next();
    const choices = this.kinds[kind].items.length > 0 ? this.kinds[kind] : this.kinds.homes;
    const block = choices.items[choices.picker.pick(next())];
    const name = this.plan.places.nameOfBlock[block.index];
    const width = block.east - block.west;
    const height = block.north - block.south;
    let x: number;
    let y: number;
    const outside = kind === 'shops' ? 0.7 : kind === 'market' ? 0.45 : kind === 'problem' || kind === 'works' ? 0.25 : 0;
    if (kind === 'school') {
      // At the gate: the middle of the south side, mostly just outside it.
      x = (block.west + block.east) / 2 + gaussian(next) * Math.min(25, width / 4);
      y = block.south + gaussian(next) * 10;
    } else if (next() < outside) {
      // On the pavement just outside the block, 0.5–5 m off its edge.
      const perimeter = 2 * (width + height);
      let along = next() * perimeter;
      const off = 0.5 + next() * 4.5;
      if (along < width) [x, y] = [block.west + along, block.south - off];
      else if ((along -= width) < width) [x, y] = [block.west + along, block.north + off];
      else if ((along -= width) < height) [x, y] = [block.west - off, block.south + along];
      else [x, y] = [block.east + off, block.south + along - height];
    } else if (kind === 'market') {
      x = (block.west + block.east) / 2 + gaussian(next) * width * 0.22;
      y = (block.south + block.north) / 2 + gaussian(next) * height * 0.22;
    } else {
      x = block.west + 3 + next() * Math.max(1, width - 6);
      y = block.south + 3 + next() * Math.max(1, height - 6);
    }
    const suffix = kind === 'market' ? '周边' : kind === 'school' ? '门口' : kind === 'shops' ? '门前' : '';
    return { x, y, where: name ? `${kind === 'shops' ? this.roadNear(x, y) : ''}${name}${suffix}` : `${this.roadNear(x, y)}附近` };
  }

  private nearJunction(junctions: Choice<Junction>, carriageway: boolean, random: SeededRandom): CasePoint {
    const next = (): number => random.next();
    if (junctions.items.length === 0) return this.sample('street', random);
    const junction = junctions.items[junctions.picker.pick(next())];
    const { lattice } = this.plan;
    const northSouth = lattice.northSouth[junction.northSouthLine];
    const eastWest = lattice.eastWest[junction.eastWestLine];
    const alongNorthSouth = next() < 0.5;
    const road = alongNorthSouth ? northSouth : eastWest;
    const crossing = alongNorthSouth ? eastWest : northSouth;
    // Along one arm, past the crossing road: on the pavement at the corners, or in the lanes of a low spot.
    const distance = carriageway ? Math.abs(gaussian(next)) * 25 : crossing.width / 2 + 2 - 20 * Math.log(1 - next());
    const lateral = carriageway ? (next() * 2 - 1) * (road.width / 2 - road.sidewalk) : (next() < 0.5 ? -1 : 1) * (road.width / 2 - next() * road.sidewalk);
    const direction = next() < 0.5 ? -1 : 1;
    const [x, y] = alongNorthSouth ? [junction.x + lateral, junction.y + direction * distance] : [junction.x + direction * distance, junction.y + lateral];
    const names = this.crossingNames(junction);
    return { x, y, where: names ? `${names[0]}与${names[1]}交叉口` : `${this.roadNear(x, y)}附近` };
  }

  private crossingNames(junction: Junction): [string, string] | null {
    const { lattice, places, roads } = this.plan;
    const row = Math.min(junction.eastWestLine, lattice.rowCount - 1);
    const column = Math.min(junction.northSouthLine, lattice.columnCount - 1);
    const northSouth = places.roadOfNorthSouthSegment[junction.northSouthLine * lattice.rowCount + row] >= 0
      ? places.roadOfNorthSouthSegment[junction.northSouthLine * lattice.rowCount + row]
      : places.roadOfNorthSouthSegment[junction.northSouthLine * lattice.rowCount + row - 1];
    const eastWest = places.roadOfEastWestSegment[junction.eastWestLine * lattice.columnCount + column] >= 0
      ? places.roadOfEastWestSegment[junction.eastWestLine * lattice.columnCount + column]
      : places.roadOfEastWestSegment[junction.eastWestLine * lattice.columnCount + column - 1];
    if (northSouth === undefined || eastWest === undefined || northSouth < 0 || eastWest < 0) return null;
    return [roads[northSouth].name, roads[eastWest].name];
  }

  /** The name of the road nearest to a point: of the four lines round its cell, the closest that carries road there. */
  roadNear(x: number, y: number): string {
    const { lattice, places, roads } = this.plan;
    const column = columnAt(lattice, x);
    const row = rowAt(lattice, y);
    if (column < 0 || row < 0) return '';
    const candidates: [number, number][] = [
      [x - lattice.xs[column], places.roadOfNorthSouthSegment[column * lattice.rowCount + row]],
      [lattice.xs[column + 1] - x, places.roadOfNorthSouthSegment[(column + 1) * lattice.rowCount + row]],
      [y - lattice.ys[row], places.roadOfEastWestSegment[row * lattice.columnCount + column]],
      [lattice.ys[row + 1] - y, places.roadOfEastWestSegment[(row + 1) * lattice.columnCount + column]],
    ];
    let best = -1;
    let bestDistance = Infinity;
    for (const [distance, road] of candidates) {
      if (road >= 0 && distance < bestDistance) {
        best = road;
        bestDistance = distance;
      }
    }
    return best >= 0 ? roads[best].name : '';
  }
}
