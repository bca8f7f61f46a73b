/**
 * A grid assignment report as terminal text: the counts, the components to
 * change and those in no grid (as listed), and the busiest grids. The full
 * per-grid table is in the --json output.
 */
import type { GridAssignmentReport, ListedComponent } from './assign_workspace_components.js';

/** Grids shown in the text report, most components first. */
const GRIDS_SHOWN = 10;

export function formatGridAssignment(report: GridAssignmentReport, wrote: boolean): string {
  const { counts } = report;
  const lines = [
    `网格分配 Grid assignment: ${report.workspace}`,
    `  components ${counts.components}, grids ${counts.grids}`,
    `  在记录的网格内 in their recorded grid   ${counts.asRecorded}`,
    `  在其他网格内   in another grid          ${counts.otherGrid}`,
    `  未记录网格     no grid code recorded    ${counts.unrecorded}`,
    `  不在任何网格内 in no grid               ${counts.inNoGrid}`,
  ];
  if (counts.withoutPosition > 0) lines.push(`  无位置         without a position       ${counts.withoutPosition}`);
  lines.push(wrote
    ? `  已写入 written: ${report.written} components now record the grid that holds them`
    : `  ${counts.otherGrid + counts.unrecorded} to change; run with --write to record the assigned grid codes`);
  const section = (title: string, listed: ListedComponent[], total: number): void => {
    if (listed.length === 0) return;
    lines.push('', `${title}${listed.length < total ? ` (${listed.length} of ${total} listed)` : ''}:`);
    for (const item of listed) {
      lines.push(`  components#${item.fid} ${item.code}  (${item.x.toFixed(3)}, ${item.y.toFixed(3)})  recorded ${item.recorded || '—'} → ${item.assigned ?? 'no grid'}`);
    }
  };
  section('grid code differs / 网格编码不符', report.changes, counts.otherGrid + counts.unrecorded);
  section('in no grid / 不在任何网格内', report.inNoGrid, counts.inNoGrid);
  const busiest = [...report.grids].sort((a, b) => b.components - a.components || a.code.localeCompare(b.code)).slice(0, GRIDS_SHOWN);
  if (busiest.length > 0) {
    lines.push('', `most components per grid (all ${report.grids.length} grids in --json):`);
    for (const grid of busiest) lines.push(`  ${grid.code.padEnd(16)} ${String(grid.components).padStart(7)}`);
  }
  return `${lines.join('\n')}\n`;
}
