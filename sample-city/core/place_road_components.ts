/**
 * Components along road segments, where a surveyor finds them: manholes in
 * the lanes, gully gratings at the kerb, lights, trees, hydrants and bins on
 * the pavement, bus shelters on arterials, and a bridge where a road crosses
 * a river. Placement stops short of intersections (those are placed per
 * node), so that no two components of one class crowd each other.
 */
import { hashText, mixSeed, mulberry32 } from './seeded_random.js';
import type { ComponentEmitter } from './component_emitter.js';
import type { RoadClass, RoadLattice } from './road_lattice.js';
import { segmentPoint, type RoadSegment } from './road_segments.js';
import { waterEdgesAt, type RiverPlan } from './plan_rivers.js';

/**
 * Lateral position: `lane` is a fraction of the centre-to-kerb distance (pipes under the
 * carriageway), `kerb` metres outward from the kerb (negative: in the gutter), `edge` metres
 * inward from the red line (back of the pavement).
 */
type Lateral = ['lane' | 'kerb' | 'edge', number];

interface AlongRoadRule {
  name: string;
  classes: readonly RoadClass[];
  lateral: Lateral;
  /** Lateral sign: both sides, one side, or alternating item by item. */
  sides: 'both' | 'positive' | 'negative' | 'alternate';
  spacing: number;
  /** Share of segments that carry it (not every lane has trees). */
  share?: number;
  overWater?: boolean;
  /** Something that often stands next to it (a tree guard by a tree, a kiosk by a bus shelter). */
  companion?: { name: string; chance: number; along: number };
}

const MAJOR: readonly RoadClass[] = ['主干路', '次干路'];
const ARTERIAL: readonly RoadClass[] = ['主干路'];
const SECONDARY: readonly RoadClass[] = ['次干路'];
const BRANCH: readonly RoadClass[] = ['支路'];
const ALL: readonly RoadClass[] = ['主干路', '次干路', '支路'];

/** Spacings are tuned so that the full sample holds ~950 000 components. */
const RULES: readonly AlongRoadRule[] = [
  { name: '行道树', classes: MAJOR, lateral: ['kerb', 1.2], sides: 'both', spacing: 8, share: 0.75, companion: { name: '护树设施', chance: 0.03, along: 0.6 } },
    { name: '路灯', classes: MAJOR, lateral: ['kerb', 0.5], sides: 'both', spacing: 33, overWater: true },
  { name: '路灯', classes: BRANCH, lateral: ['kerb', 0.4], sides: 'positive', spacing: 35, overWater: true },
  { name: '路灯井盖', classes: MAJOR, lateral: ['kerb', 1.9], sides: 'both', spacing: 330 },
  { name: '路灯井盖', classes: BRANCH, lateral: ['kerb', 1.6], sides: 'positive', spacing: 350 },
  { name: '雨水箅子', classes: MAJOR, lateral: ['kerb', -0.3], sides: 'both', spacing: 100 },
  { name: '雨水箅子', classes: BRANCH, lateral: ['kerb', -0.3], sides: 'negative', spacing: 80 },
  { name: '上水井盖', classes: MAJOR, lateral: ['lane', 0.75], sides: 'positive', spacing: 120 },
  { name: '污水井盖', classes: MAJOR, lateral: ['lane', 0.35], sides: 'negative', spacing: 100 },
  { name: '雨水井盖', classes: MAJOR, lateral: ['lane', 0.35], sides: 'positive', spacing: 100 },
  { name: '电力井盖', classes: MAJOR, lateral: ['lane', 0.75], sides: 'negative', spacing: 120 },
  { name: '通讯井盖', classes: MAJOR, lateral: ['lane', 0.55], sides: 'negative', spacing: 150 },
  { name: '燃气井盖', classes: MAJOR, lateral: ['lane', 0.55], sides: 'positive', spacing: 180 },
  { name: '热力井盖', classes: ARTERIAL, lateral: ['lane', 0.15], sides: 'negative', spacing: 150 },
  { name: '电视井盖', classes: ARTERIAL, lateral: ['lane', 0.15], sides: 'positive', spacing: 250 },
  { name: '网络井盖', classes: ARTERIAL, lateral: ['lane', 0.9], sides: 'negative', spacing: 250 },
  { name: '中水井盖', classes: ARTERIAL, lateral: ['lane', 0.9], sides: 'positive', spacing: 300, share: 0.4 },
  { name: '公交井盖', classes: ARTERIAL, lateral: ['lane', 0.45], sides: 'positive', spacing: 900, share: 0.3 },
  { name: '输油(气)井盖', classes: ARTERIAL, lateral: ['lane', 0.65], sides: 'negative', spacing: 400, share: 0.05 },
  { name: '特殊井盖', classes: SECONDARY, lateral: ['lane', 0.45], sides: 'negative', spacing: 800, share: 0.3 },
  { name: '上水井盖', classes: BRANCH, lateral: ['lane', 0.6], sides: 'positive', spacing: 150 },
  { name: '污水井盖', classes: BRANCH, lateral: ['lane', 0.3], sides: 'negative', spacing: 130 },
  { name: '雨水井盖', classes: BRANCH, lateral: ['lane', 0.3], sides: 'positive', spacing: 130 },
  { name: '通讯井盖', classes: BRANCH, lateral: ['lane', 0.65], sides: 'negative', spacing: 200 },
  { name: '燃气井盖', classes: BRANCH, lateral: ['lane', 0.85], sides: 'positive', spacing: 200 },
  { name: '无主井盖', classes: BRANCH, lateral: ['lane', 0.5], sides: 'negative', spacing: 900, share: 0.15 },
  { name: '消防设施', classes: MAJOR, lateral: ['kerb', 0.8], sides: 'alternate', spacing: 180 },
  { name: '消防设施', classes: BRANCH, lateral: ['kerb', 0.6], sides: 'positive', spacing: 150, share: 0.3 },
  { name: '垃圾箱', classes: MAJOR, lateral: ['kerb', 1.0], sides: 'alternate', spacing: 110 },
  { name: '垃圾箱', classes: BRANCH, lateral: ['kerb', 0.9], sides: 'negative', spacing: 150, share: 0.3 },
  { name: '立杆', classes: BRANCH, lateral: ['edge', 0.5], sides: 'positive', spacing: 50, share: 0.4 },
  { name: '通讯交接箱', classes: MAJOR, lateral: ['edge', 0.8], sides: 'alternate', spacing: 300 },
  { name: '通讯交接箱', classes: BRANCH, lateral: ['edge', 0.7], sides: 'negative', spacing: 400, share: 0.5 },
  { name: '电力设施', classes: ALL, lateral: ['edge', 1.0], sides: 'alternate', spacing: 350 },
  { name: '变压器(箱)', classes: MAJOR, lateral: ['edge', 1.5], sides: 'alternate', spacing: 700 },
  { name: '监控电子眼', classes: ARTERIAL, lateral: ['kerb', 0.3], sides: 'alternate', spacing: 400 },
  { name: '交通标志牌', classes: MAJOR, lateral: ['kerb', 0.4], sides: 'alternate', spacing: 250 },
  { name: '公交站亭', classes: ARTERIAL, lateral: ['kerb', 1.5], sides: 'alternate', spacing: 500, companion: { name: '报刊亭', chance: 0.2, along: 8 } },
  { name: '出租车站牌', classes: ARTERIAL, lateral: ['kerb', 0.6], sides: 'alternate', spacing: 1500 },
  { name: '停车咪表', classes: SECONDARY, lateral: ['kerb', 0.4], sides: 'both', spacing: 60, share: 0.2 },
  { name: '邮筒', classes: MAJOR, lateral: ['edge', 1.0], sides: 'alternate', spacing: 1200 },
  { name: '电话亭', classes: ARTERIAL, lateral: ['edge', 1.2], sides: 'alternate', spacing: 1500 },
  { name: '信息亭', classes: ARTERIAL, lateral: ['edge', 1.5], sides: 'alternate', spacing: 2000 },
  { name: '公厕指示牌', classes: ARTERIAL, lateral: ['edge', 0.7], sides: 'alternate', spacing: 800 },
  { name: '道路隔音屏', classes: ARTERIAL, lateral: ['edge', 0.3], sides: 'positive', spacing: 600, share: 0.05 },
];

function lateralOffset(segment: RoadSegment, [reference, value]: Lateral): number {
  if (reference === 'lane') return segment.kerb * value;
  if (reference === 'kerb') return segment.kerb + value;
  return segment.road.width / 2 - value;
}

/** Clearance kept from a node: the crossing road plus the corner, or half a spacing where the road runs straight on. */
function endMargin(crossing: number | null, spacing: number): number {
  return crossing === null ? spacing / 2 : crossing + 5;
}

const PURPOSE = hashText('road-components');

export function placeRoadComponents(segment: RoadSegment, lattice: RoadLattice, rivers: readonly RiverPlan[], emitter: ComponentEmitter, seed: number): void {
  const next = mulberry32(mixSeed(seed, PURPOSE, segment.orientation === 'north-south' ? 1 : 2, segment.line, segment.index));
  for (const rule of RULES) {
    if (!rule.classes.includes(segment.road.roadClass)) continue;
    if (rule.share !== undefined && next() >= rule.share) continue;
    const from = segment.start + endMargin(segment.startCrossing, rule.spacing);
    const to = segment.end - endMargin(segment.endCrossing, rule.spacing);
    if (to <= from) continue;
    const offset = lateralOffset(segment, rule.lateral);
    let side = next() < 0.5 ? 1 : -1;
    // A random phase over a whole spacing: a rule sparser than the segment is long
    // then lands on the segment with the right probability instead of always.
    for (let along = from + next() * rule.spacing; along <= to; along += rule.spacing) {
      const position = Math.min(to, Math.max(from, along + (next() * 2 - 1) * 0.1 * rule.spacing));
      const signs = rule.sides === 'both' ? [1, -1] : rule.sides === 'positive' ? [1] : rule.sides === 'negative' ? [-1] : [side];
      side = -side;
      for (const sign of signs) {
        const [x, y] = segmentPoint(segment, position, sign * offset);
        emitter.emit(rule.name, x, y, { overWater: rule.overWater });
        if (rule.companion && next() < rule.companion.chance) {
          const [companionX, companionY] = segmentPoint(segment, position + rule.companion.along, sign * offset);
          emitter.emit(rule.companion.name, companionX, companionY);
        }
      }
    }
  }
  // A north–south road crossing a river is a bridge.
  const river = segment.orientation === 'north-south' ? rivers.find((candidate) => candidate.row === segment.index) : undefined;
  if (river && lattice.riverOfRow[segment.index] >= 0) {
    const [south, north] = waterEdgesAt(river, segment.centre);
    emitter.emit('跨河桥', segment.centre + 0.8, (south + north) / 2, { overWater: true });
  }
}
