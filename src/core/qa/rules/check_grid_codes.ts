/**
 * GRID_CODE_INVALID and GRID_CODE_DUPLICATE. A grid code's layout is found
 * by its length (grid-legacy-14, grid-current-15); its county must be a real
 * division, its street and community segments must be the grid's JDCODE and
 * SQCODE, and its sequence may not be all zeros (that is the community's own
 * record). A repeated code is reported at every grid after the first.
 */
import type { LocalizedText } from '../../api/geo_types.js';
import { layoutForCode, parseCode, segmentEnd, type CodeLayout } from '../../codes/code_layout.js';
import type { QaContext } from '../qa_context.js';
import { gridPolygons, gridsByCode } from '../qa_derived.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { labelPoint } from '../../geometry/point_in_polygon.js';
import { countyChecker } from './code_segments.js';

export const checkGridCodes: QaRuleFamily = {
  name: 'grid codes',
  ruleIds: ['GRID_CODE_INVALID', 'GRID_CODE_DUPLICATE'],
  needs: ['grids'],
  weight: 1,
  run(context) {
    const grids = context.input.grids;
    const polygons = gridPolygons(context);
    const isCounty = countyChecker(context);
    const place = (grid: number): [number, number] => (polygons[grid] ? labelPoint(polygons[grid]!) : [NaN, NaN]);
    for (let grid = 0; grid < grids.fids.length; grid++) {
      const code = grids.codes[grid]!;
      // An empty code is a missing mandatory attribute, reported by the attribute check.
      if (code === '') continue;
      const reasons = gridCodeProblems(context, code, grids.streetCodes[grid]!, grids.communityCodes[grid]!, isCounty);
      if (reasons.length > 0) {
        const [x, y] = place(grid);
        context.report('GRID_CODE_INVALID', {
          layer: 'grids', fid: grids.fids[grid]!, code, x, y,
          values: { reason: joinReasons(reasons) },
        });
      }
    }
    for (const [code, rows] of gridsByCode(context)) {
      if (rows.length < 2) continue;
      const first = rows.reduce((lowest, row) => (grids.fids[row]! < grids.fids[lowest]! ? row : lowest));
      for (const row of rows) {
        if (row === first) continue;
        const [x, y] = place(row);
        context.report('GRID_CODE_DUPLICATE', {
          layer: 'grids', fid: grids.fids[row]!, code, x, y,
          values: { otherFid: String(grids.fids[first]!) },
          details: { otherFid: grids.fids[first]! },
        });
      }
    }
  },
};

export function joinReasons(reasons: LocalizedText[]): LocalizedText {
  return { zh: reasons.map((reason) => reason.zh).join('；'), en: reasons.map((reason) => reason.en).join('; ') };
}

function gridCodeProblems(context: QaContext, code: string, streetCode: string, communityCode: string, isCounty: (division: string) => boolean): LocalizedText[] {
  const layouts = context.references.layouts;
  const layout = layoutForCode(layouts, 'grid', code);
  if (!layout) {
    const lengths = layouts.layouts.filter((candidate) => candidate.kind === 'grid').map((candidate) => candidate.segments.reduce((sum, segment) => sum + segment.length, 0));
    return [{ zh: `长度 ${code.length} 不是单元网格标识码的长度（${lengths.join('/')}）`, en: `length ${code.length} is not a unit grid code length (${lengths.join('/')})` }];
  }
  const parsed = parseCode(code, layout);
  if (!parsed.ok) return [parsed.reason];
  const reasons: LocalizedText[] = [];
  const division = parsed.segments.division;
  if (division !== undefined && !isCounty(division)) {
    reasons.push({ zh: `区划代码 ${division} 不是县级行政区划`, en: `division ${division} is not a county-level division` });
  }
  const streetEnd = segmentEnd(layout, 'street');
  if (streetEnd > 0 && streetCode !== '' && code.slice(0, streetEnd) !== streetCode) {
    reasons.push({ zh: `街道段 ${code.slice(0, streetEnd)} 与所在街道代码 ${streetCode} 不符`, en: `street segment ${code.slice(0, streetEnd)} differs from the grid's street code ${streetCode}` });
  }
  const communityEnd = segmentEnd(layout, 'community');
  if (communityEnd > 0 && communityCode !== '' && code.slice(0, communityEnd) !== communityCode) {
    reasons.push({ zh: `社区段 ${code.slice(0, communityEnd)} 与所在社区代码 ${communityCode} 不符`, en: `community segment ${code.slice(0, communityEnd)} differs from the grid's community code ${communityCode}` });
  }
  reasons.push(...allZeroProblems(layout, parsed.segments));
  return reasons;
}

function allZeroProblems(layout: CodeLayout, segments: Record<string, string>): LocalizedText[] {
  const problems: LocalizedText[] = [];
  for (const segment of layout.segments) {
    const value = segments[segment.name] ?? '';
    if (segment.name === 'sequence' && /^0+$/.test(value)) {
      problems.push(segment.allZero ?? { zh: `${segment.label.zh}不能全为0`, en: `${segment.label.en} may not be all zeros` });
    }
  }
  return problems;
}
