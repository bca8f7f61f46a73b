/**
 * A validation report as terminal text: the counts per rule (Chinese and
 * English titles), the groups (one rule on one layer and field: "950,000
 * components: DEPTCODE1 empty"), then every listed finding with its rule,
 * severity, feature and place, the message in both languages.
 */
import type { QaReport } from '../../core/qa/qa_finding.js';

export function formatQaReport(report: QaReport): string {
  const lines: string[] = [];
  const { errors, warnings } = report.summary;
  lines.push(`检查报告 Validation report: ${report.workspace.name}`);
  lines.push(`  workspace ${report.workspace.path}`);
  lines.push(`  rules ${report.rules.id} ${report.rules.version}, taxonomy ${report.workspace.taxonomy}, CRS ${report.workspace.crs}`);
  lines.push(`  checked ${Object.entries(report.checked).map(([layer, count]) => `${layer} ${count}`).join(', ')}`);
  lines.push(`  错误 errors ${errors}, 警告 warnings ${warnings}`);
  lines.push('');
  lines.push(`  ${'rule'.padEnd(30)} ${'severity'.padEnd(8)} ${'count'.padStart(7)}  title`);
  for (const rule of report.summary.byRule) {
    const shown = rule.listed < rule.count ? ` (${rule.listed} listed)` : '';
    lines.push(`  ${rule.ruleId.padEnd(30)} ${rule.severity.padEnd(8)} ${String(rule.count).padStart(7)}  ${rule.title.zh} / ${rule.title.en}${shown}`);
  }
  for (const skipped of report.skipped) lines.push(`  ${skipped.ruleId.padEnd(30)} skipped: ${skipped.reason.zh} / ${skipped.reason.en}`);
  if (report.groups.length > 0) {
    lines.push('');
    lines.push('groups:');
    for (const group of report.groups) {
      const rule = report.summary.byRule.find((candidate) => candidate.ruleId === group.ruleId);
      const field = group.field ? ` ${group.field}${group.fieldTitle ? ` (${group.fieldTitle.zh} / ${group.fieldTitle.en})` : ''}` : '';
      const shown = group.listed < group.count ? ` (${group.listed} listed)` : '';
      lines.push(`  ${String(group.count).padStart(9)} ${group.layerTitle.zh} ${group.layer}${field}: ${rule?.title.zh ?? ''} / ${rule?.title.en ?? group.ruleId}${shown}`);
    }
  }
  if (report.findings.length > 0) {
    lines.push('');
    lines.push('findings:');
    for (const finding of report.findings) {
      const feature = `${finding.layer}#${finding.fid}${finding.code ? ` ${finding.code}` : ''}`;
      lines.push(`  ${finding.severity.padEnd(7)} ${finding.ruleId.padEnd(28)} ${feature}  (${finding.x.toFixed(3)}, ${finding.y.toFixed(3)})`);
      lines.push(`          ${finding.message.zh}`);
      lines.push(`          ${finding.message.en}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
