/**
 * What each kind of case is like, for the sample's year of case records:
 * how common it is, when in the year it comes (積水 in the rain season,
 * 积雪 on snow days, fireworks at the Spring Festival, street vending in the
 * warm months), where it happens (markets, school gates, junctions, problem
 * blocks, shopfronts …), whether it is an evening complaint, who handles it
 * and how long that takes. Keyed by class name so that a renumbered table
 * keeps its profiles; a subtype without one gets its major's default.
 * Shares follow the usual make-up of a 数字城管 year (street order and
 * cleanliness dominate); they are plausible, not a real city's statistics.
 */
import type { Season } from './case_calendar.js';

export type PlaceKind =
  | 'market' | 'school' | 'junction' | 'lowpoint' | 'problem' | 'shops' | 'homes' | 'street' | 'carriageway'
  | 'river' | 'works' | 'park' | 'industry' | 'anywhere';

export type HandlerKey =
  | 'sanitation' | 'enforcement' | 'municipal' | 'housing' | 'traffic' | 'street' | 'water' | 'waterSupply'
  | 'gas' | 'heating' | 'power' | 'ecology' | 'civil' | 'fire' | 'police' | 'lights' | 'owner';

export interface CaseProfile {
  /** Relative number of cases a year. */
  weight: number;
  season: Season;
  places: Partial<Record<PlaceKind, number>>;
  /** Reported mostly in the evening (barbecues, noise, fireworks). */
  evening?: boolean;
  handler: HandlerKey;
  /** Median hours from report to closing. */
  hours: number;
}

const profile = (weight: number, season: Season, places: CaseProfile['places'], handler: HandlerKey, hours: number, evening = false): CaseProfile =>
  ({ weight, season, places, handler, hours, ...(evening ? { evening } : {}) });

/** Event subtypes (legacy-events and the sample city's local ones), by name. */
export const EVENT_PROFILES: ReadonlyMap<string, CaseProfile> = new Map([
  ['私搭乱建', profile(2, 'flat', { homes: 0.4, problem: 0.4, shops: 0.2 }, 'enforcement', 72)],
  ['暴露垃圾', profile(12, 'summer', { problem: 0.3, market: 0.2, homes: 0.25, street: 0.15, shops: 0.1 }, 'sanitation', 4)],
  ['积存垃圾渣土', profile(6, 'flat', { problem: 0.3, works: 0.2, homes: 0.3, street: 0.2 }, 'sanitation', 8)],
  ['道路不洁', profile(6, 'leaves', { street: 0.5, market: 0.2, shops: 0.15, junction: 0.15 }, 'sanitation', 3)],
  ['水域不洁', profile(1, 'summer', { river: 1 }, 'sanitation', 24)],
  ['绿地脏乱', profile(1.5, 'summer', { park: 0.7, homes: 0.3 }, 'sanitation', 8)],
  ['废弃车辆', profile(1, 'flat', { homes: 0.5, street: 0.5 }, 'enforcement', 120)],
  ['废弃家具设施', profile(1.5, 'flat', { homes: 0.6, problem: 0.4 }, 'sanitation', 24)],
  ['非装饰性树挂', profile(0.8, 'winter', { street: 1 }, 'sanitation', 24)],
  ['道路破损', profile(2, 'winter', { carriageway: 0.7, street: 0.3 }, 'municipal', 96)],
  ['河堤破损', profile(0.2, 'rain', { river: 1 }, 'water', 240)],
  ['道路遗撒', profile(1.5, 'building', { carriageway: 0.5, works: 0.3, junction: 0.2 }, 'enforcement', 6)],
  ['建筑物外立面不洁', profile(0.8, 'flat', { shops: 0.6, homes: 0.4 }, 'enforcement', 72)],
  ['水域秩序问题', profile(0.2, 'summer', { river: 1 }, 'water', 24)],
  ['焚烧树叶垃圾', profile(1, 'leaves', { problem: 0.4, park: 0.3, homes: 0.3 }, 'enforcement', 2)],
  ['油烟污染', profile(1.5, 'summer', { shops: 0.5, market: 0.3, problem: 0.2 }, 'ecology', 48, true)],
  ['动物尸体清理', profile(0.4, 'summer', { street: 0.6, river: 0.2, park: 0.2 }, 'sanitation', 3)],
  ['私自饲养家禽家畜', profile(0.3, 'flat', { problem: 0.8, homes: 0.2 }, 'street', 72)],
  ['垃圾分类投放不规范', profile(2, 'flat', { homes: 0.7, problem: 0.3 }, 'sanitation', 6)],
  ['垃圾桶(箱)满溢', profile(4, 'summer', { street: 0.4, market: 0.2, shops: 0.2, homes: 0.2 }, 'sanitation', 3)],
  ['违规设置地锁', profile(0.8, 'flat', { homes: 0.5, shops: 0.5 }, 'enforcement', 24)],
  ['临街阳台脏乱', profile(0.5, 'flat', { homes: 0.5, problem: 0.5 }, 'street', 48)],
  ['非法小广告', profile(8, 'flat', { homes: 0.3, school: 0.15, street: 0.25, junction: 0.15, problem: 0.15 }, 'enforcement', 24)],
  ['违章张贴悬挂广告牌匾', profile(2, 'flat', { shops: 0.8, market: 0.2 }, 'enforcement', 72)],
  ['占道广告牌', profile(3, 'flat', { shops: 0.6, market: 0.2, junction: 0.2 }, 'enforcement', 24)],
  ['街头散发广告', profile(1.5, 'flat', { junction: 0.4, school: 0.3, shops: 0.3 }, 'enforcement', 2)],
  ['广告招牌破损', profile(1, 'flat', { shops: 1 }, 'enforcement', 72)],
  ['违规悬挂横幅标语', profile(1, 'flat', { shops: 0.5, street: 0.5 }, 'enforcement', 24)],
  ['公益广告破损', profile(0.5, 'flat', { street: 0.6, works: 0.4 }, 'enforcement', 72)],
  ['施工扰民', profile(1, 'building', { works: 0.8, homes: 0.2 }, 'housing', 48, true)],
  ['工地扬尘', profile(1.5, 'building', { works: 1 }, 'housing', 48)],
  ['施工废弃料', profile(1.5, 'building', { works: 0.7, homes: 0.3 }, 'housing', 48)],
  ['施工占道', profile(1.5, 'building', { works: 0.6, street: 0.4 }, 'housing', 48)],
  ['无证掘路', profile(0.5, 'building', { carriageway: 1 }, 'housing', 48)],
  ['渣土车辆未密闭运输', profile(1, 'building', { carriageway: 0.5, works: 0.5 }, 'enforcement', 4, true)],
  ['施工围挡破损', profile(0.8, 'building', { works: 1 }, 'housing', 48)],
  ['路面塌陷', profile(0.3, 'rain', { carriageway: 1 }, 'municipal', 24)],
  ['自来水管破裂', profile(0.5, 'winter', { street: 0.6, homes: 0.4 }, 'waterSupply', 12)],
  ['燃气管道破裂', profile(0.1, 'flat', { street: 0.5, homes: 0.5 }, 'gas', 4)],
  ['下水道堵塞或破损', profile(3, 'rain', { homes: 0.4, problem: 0.2, street: 0.2, market: 0.2 }, 'municipal', 24)],
  ['热力管道破裂', profile(0.2, 'heating', { street: 0.5, homes: 0.5 }, 'heating', 12)],
  ['道路积水', profile(3, 'storm', { lowpoint: 0.75, carriageway: 0.25 }, 'municipal', 6)],
  ['道路积雪结冰', profile(2, 'snow', { carriageway: 0.5, junction: 0.3, street: 0.2 }, 'sanitation', 12)],
  ['架空线缆损坏', profile(0.5, 'rain', { street: 0.7, problem: 0.3 }, 'power', 24)],
  ['群发性事件', profile(0.05, 'flat', { anywhere: 1 }, 'street', 24)],
  ['井盖缺失', profile(1.5, 'flat', { carriageway: 0.6, street: 0.4 }, 'municipal', 6)],
  ['树木倒伏', profile(0.8, 'storm', { street: 0.8, park: 0.2 }, 'sanitation', 12)],
  ['无照经营游商', profile(8, 'warm', { market: 0.35, school: 0.2, junction: 0.2, shops: 0.15, problem: 0.1 }, 'street', 2)],
  ['流浪乞讨', profile(0.5, 'winter', { junction: 0.5, shops: 0.5 }, 'civil', 4)],
  ['占道废品收购', profile(2, 'flat', { problem: 0.5, homes: 0.3, market: 0.2 }, 'street', 4)],
  ['店外经营', profile(14, 'warm', { market: 0.3, shops: 0.4, problem: 0.2, junction: 0.1 }, 'street', 3)],
  ['机动车乱停放', profile(7, 'flat', { shops: 0.3, school: 0.2, market: 0.2, junction: 0.2, homes: 0.1 }, 'traffic', 2)],
  ['非机动车乱停放', profile(5, 'flat', { shops: 0.3, junction: 0.3, school: 0.2, market: 0.2 }, 'street', 2)],
  ['乱堆物堆料', profile(6, 'flat', { problem: 0.35, homes: 0.3, shops: 0.2, market: 0.15 }, 'street', 6)],
  ['商业噪音', profile(1.5, 'summer', { shops: 0.6, market: 0.4 }, 'enforcement', 4, true)],
  ['黑车拉客', profile(0.5, 'flat', { junction: 0.6, market: 0.4 }, 'traffic', 2)],
  ['露天烧烤', profile(3, 'summer', { shops: 0.4, market: 0.3, problem: 0.3 }, 'enforcement', 2, true)],
  ['沿街晾挂', profile(2, 'summer', { shops: 0.3, homes: 0.3, problem: 0.4 }, 'street', 4)],
  ['非法出版物销售', profile(0.2, 'flat', { market: 0.5, junction: 0.5 }, 'enforcement', 4)],
  ['空调室外机低挂', profile(0.5, 'summer', { shops: 0.7, homes: 0.3 }, 'enforcement', 72)],
  ['共享单车乱停放', profile(4, 'warm', { junction: 0.4, shops: 0.3, school: 0.3 }, 'enforcement', 2)],
  ['占道洗车', profile(1, 'warm', { shops: 0.6, street: 0.4 }, 'street', 3)],
  ['占用消防通道', profile(1, 'flat', { homes: 0.7, shops: 0.3 }, 'fire', 4)],
  ['门前三包不落实', profile(3, 'flat', { shops: 0.6, market: 0.4 }, 'street', 8)],
  ['违规燃放烟花爆竹', profile(1.2, 'festival', { homes: 0.5, problem: 0.3, street: 0.2 }, 'police', 2, true)],
  ['犬只粪便污染', profile(1, 'flat', { homes: 0.6, park: 0.4 }, 'street', 4)],
  ['电动车飞线充电', profile(1.5, 'winter', { homes: 0.5, problem: 0.5 }, 'fire', 8)],
  ['高空抛物', profile(0.5, 'flat', { homes: 1 }, 'police', 24)],
  ['亮化设施不亮', profile(1, 'winter', { shops: 0.5, street: 0.5 }, 'lights', 48, true)],
]);

/** A subtype without its own profile: rare, spread like its major. */
const MAJOR_DEFAULTS: Record<string, CaseProfile> = {
  '01': profile(0.5, 'flat', { homes: 0.4, street: 0.4, problem: 0.2 }, 'sanitation', 12),
  '02': profile(0.5, 'flat', { shops: 0.6, street: 0.4 }, 'enforcement', 24),
  '03': profile(0.3, 'building', { works: 1 }, 'housing', 48),
  '04': profile(0.2, 'flat', { street: 0.6, homes: 0.4 }, 'municipal', 24),
  '05': profile(0.5, 'flat', { shops: 0.5, market: 0.2, junction: 0.3 }, 'street', 4),
};
const FALLBACK = profile(0.4, 'flat', { homes: 0.4, shops: 0.3, street: 0.3 }, 'street', 12);

export function eventProfile(name: string, major: string): CaseProfile {
  return EVENT_PROFILES.get(name) ?? MAJOR_DEFAULTS[major] ?? FALLBACK;
}

/**
 * Component classes: cases a year per component, what is wrong with them,
 * season and handler (the component's maintainer, or a named one).
 */
export interface ComponentCaseProfile {
  rate: number;
  problems: readonly string[];
  season: Season;
  hours: number;
}

const component = (rate: number, problems: readonly string[], season: Season, hours: number): ComponentCaseProfile => ({ rate, problems, season, hours });

const COMPONENT_PROFILES: ReadonlyMap<string, ComponentCaseProfile> = new Map([
  ['雨水箅子', component(0.06, ['堵塞', '破损', '缺失'], 'rain', 24)],
  ['路灯', component(0.06, ['不亮', '损坏', '倾斜'], 'winter', 48)],
  ['景观灯', component(0.05, ['不亮', '损坏'], 'winter', 48)],
  ['地灯', component(0.05, ['不亮', '破损'], 'winter', 48)],
  ['垃圾箱', component(0.3, ['满溢', '破损', '缺失'], 'summer', 6)],
  ['垃圾间(楼)', component(0.1, ['脏乱', '满溢'], 'summer', 12)],
  ['垃圾分类投放点', component(0.3, ['满溢', '脏乱'], 'summer', 8)],
  ['公共厕所', component(0.3, ['脏乱', '设施损坏', '未开放'], 'summer', 12)],
  ['行道树', component(0.012, ['倒伏', '枯死', '缺株'], 'storm', 72)],
  ['护树设施', component(0.05, ['破损', '缺失'], 'flat', 96)],
  ['交通标志牌', component(0.04, ['破损', '倾斜', '遮挡'], 'flat', 72)],
  ['交通信号灯', component(0.08, ['故障', '损坏'], 'flat', 12)],
  ['交通护栏', component(0.05, ['破损', '倾斜', '缺失'], 'flat', 72)],
  ['公交站亭', component(0.12, ['破损', '广告破损'], 'flat', 72)],
  ['街头坐椅', component(0.05, ['破损', '缺失'], 'flat', 96)],
  ['宣传栏', component(0.05, ['破损', '内容陈旧'], 'flat', 96)],
  ['广告牌匾', component(0.03, ['破损', '脱落', '字体缺损'], 'flat', 72)],
  ['灯箱霓虹灯', component(0.03, ['不亮', '破损'], 'winter', 72)],
  ['消防设施', component(0.02, ['损坏', '漏水', '被圈占'], 'winter', 48)],
  ['共享单车停放点', component(0.2, ['车辆堆积', '设施损坏'], 'warm', 6)],
  ['停车场', component(0.04, ['设施损坏', '标线不清'], 'flat', 96)],
  ['化粪池', component(0.04, ['满溢', '破损'], 'summer', 24)],
  ['花架花钵', component(0.04, ['破损', '缺失'], 'flat', 96)],
  ['监控电子眼', component(0.03, ['损坏', '歪斜'], 'flat', 96)],
  ['报刊亭', component(0.05, ['破损', '违规经营'], 'flat', 96)],
  ['立杆', component(0.02, ['倾斜', '破损'], 'storm', 72)],
]);

const COVER = component(0.03, ['破损', '缺失', '移位', '凹陷'], 'flat', 24);
const OTHER = component(0.008, ['损坏', '破损'], 'flat', 96);

export function componentProfile(name: string): ComponentCaseProfile {
  return COMPONENT_PROFILES.get(name) ?? (name.endsWith('井盖') ? COVER : OTHER);
}
