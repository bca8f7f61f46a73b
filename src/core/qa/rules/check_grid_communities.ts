/**
 * GRID_OUTSIDE_COMMUNITY: every unit grid lies inside exactly one community
 * (never directly under a street; ../shared/standards/README.md), up to the
 * tolerance, and its code's prefix (county + street + community) names that
 * community.
 */
import type { LocalizedText } from '../../api/geo_types.js';
import { layoutForCode, parseCode, segmentEnd } from '../../codes/code_layout.js';
import { labelPoint } from '../../geometry/point_in_polygon.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { gridCoverage, gridPolygons } from '../qa_derived.js';
import { formatNumber } from '../qa_rules_config.js';

export const checkGridCommunities: QaRuleFamily = {
  name: 'grids in communities',
  ruleIds: ['GRID_OUTSIDE_COMMUNITY'],
  needs: ['grids', 'communities'],
  weight: 2,
  skipReason(context) {
    return context.input.communities.fids.length === 0 ? { zh: '工作空间没有社区要素', en: 'the workspace has no communities' } : null;
  },
  run(context) {
    const grids = context.input.grids;
    const communityCodes = context.input.communities.codes;
    const polygons = gridPolygons(context);
    const coverage = gridCoverage(context);
    const tolerance = context.parameter('GRID_OUTSIDE_COMMUNITY', 'toleranceSquareMetres');
    for (let grid = 0; grid < polygons.length; grid++) {
      const polygon = polygons[grid];
      if (!polygon) continue;
      const communities = coverage.communities[grid]!, areas = coverage.areas[grid]!;
      const inside = communities.filter((_community, index) => areas[index]! >= polygon.area - tolerance);
      const touching = communities.filter((_community, index) => areas[index]! > tolerance);
      const code = grids.codes[grid]!;
      let reason: LocalizedText | null = null;
      let details: Record<string, string | number> = {};
      if (inside.length === 1) {
        const community = communityCodes[inside[0]!]!;
        const prefix = communityPrefix(context.references.layouts, code);
        if (prefix !== null && prefix !== community) {
          reason = { zh: `的编码前缀 ${prefix} 指向另一个社区，但它位于社区 ${community} 内`, en: `has the prefix ${prefix}, another community's, but lies in community ${community}` };
          details = { prefix, community };
        }
      } else if (inside.length > 1) {
        const names = inside.map((community) => communityCodes[community]!).join('、');
        reason = { zh: `同时位于多个相互重叠的社区内：${names}`, en: `lies in several overlapping communities: ${names}` };
        details = { communities: names };
      } else if (touching.length > 1) {
        const names = touching.map((community) => communityCodes[community]!).join('、');
        reason = { zh: `跨越社区 ${names}`, en: `lies across communities ${names}` };
        details = { communities: names };
      } else if (touching.length === 1) {
        const index = communities.indexOf(touching[0]!);
        const outside = polygon.area - areas[index]!;
        reason = { zh: `有 ${formatNumber(outside)} 平方米在社区 ${communityCodes[touching[0]!]} 之外`, en: `has ${formatNumber(outside)} m² outside community ${communityCodes[touching[0]!]}` };
        details = { community: communityCodes[touching[0]!]!, outsideArea: Math.round(outside * 100) / 100 };
      } else {
        reason = { zh: '不在任何社区内', en: 'lies in no community' };
      }
      if (!reason) continue;
      const [x, y] = labelPoint(polygon);
      context.report('GRID_OUTSIDE_COMMUNITY', { layer: 'grids', fid: grids.fids[grid]!, code, x, y, values: { reason }, details });
    }
  },
};

/** County + street + community of a valid grid code, null when the code does not parse (GRID_CODE_INVALID says why). */
function communityPrefix(layouts: Parameters<typeof layoutForCode>[0], code: string): string | null {
  const layout = layoutForCode(layouts, 'grid', code);
  if (!layout || !parseCode(code, layout).ok) return null;
  const end = segmentEnd(layout, 'community');
  return end > 0 ? code.slice(0, end) : null;
}
