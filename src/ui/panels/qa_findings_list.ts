/**
 * A validation report as the panel shows it: the error and warning totals,
 * then one section per rule with findings (title in the current language,
 * severity, count) holding its groups (one layer and field each: "部件 ·
 * DEPTCODE1 主管部门代码  975,670"), each with its first findings as buttons
 * that show them on the map.
 */
import type { QaReport } from '../../core/api/contract.js';
import type { QaFinding, QaFindingGroup } from '../../core/qa/qa_finding.js';
import { element } from '../util/dom.js';
import { formatCount } from '../util/format.js';
import { localize } from '../i18n/language.js';
import { text } from '../i18n/messages.js';

/** Groups show their records by themselves only while the whole list stays short. */
const OPEN_GROUPS_UP_TO = 60;

export function renderQaReport(report: QaReport, onSelect: (finding: QaFinding) => void): HTMLElement[] {
  const { errors, warnings } = report.summary;
  const summary = element('div', { className: 'qa-summary', testId: 'qa-summary' }, [
    element('span', { className: `qa-total qa-total-error${errors > 0 ? '' : ' qa-total-zero'}`, text: `${text('qaErrors')} ${formatCount(errors)}` }),
    element('span', { className: `qa-total qa-total-warning${warnings > 0 ? '' : ' qa-total-zero'}`, text: `${text('qaWarnings')} ${formatCount(warnings)}` }),
  ]);
  const nodes: HTMLElement[] = [summary];
  if (errors + warnings === 0) nodes.push(element('p', { className: 'panel-empty qa-clean', testId: 'qa-clean', text: text('qaClean') }));
  else nodes.push(element('p', { className: 'qa-hint', text: text('qaFindingHint') }));
  const findingsByGroup = new Map<string, QaFinding[]>();
  for (const finding of report.findings) {
    const key = groupKey(finding.ruleId, finding.layer, finding.field ?? '');
    const list = findingsByGroup.get(key) ?? [];
    list.push(finding);
    findingsByGroup.set(key, list);
  }
  const open = report.findings.length <= OPEN_GROUPS_UP_TO;
  for (const rule of report.summary.byRule) {
    if (rule.count === 0) continue;
    const heading = element('summary', { className: 'qa-rule-summary' }, [
      element('span', { className: `qa-severity qa-severity-${rule.severity}`, text: rule.severity === 'error' ? text('qaErrors') : text('qaWarnings') }),
      element('span', { className: 'qa-rule-title', text: localize(rule.title) }),
      element('span', { className: 'qa-rule-count', text: formatCount(rule.count) }),
    ]);
    const groups = (report.groups ?? []).filter((group) => group.ruleId === rule.ruleId)
      .map((group) => renderGroup(group, findingsByGroup.get(groupKey(group.ruleId, group.layer, group.field)) ?? [], onSelect, open));
    // The rules and their groups' counts are the report at a glance; the records open group by group.
    const section = element('details', { className: 'qa-rule', testId: 'qa-rule', attributes: { 'data-rule': rule.ruleId } }, [heading, ...groups]);
    section.open = true;
    nodes.push(section);
  }
  for (const skipped of report.skipped) {
    nodes.push(element('p', { className: 'qa-skipped', text: `${text('qaSkipped')} ${skipped.ruleId}: ${localize(skipped.reason)}` }));
  }
  return nodes;
}

const groupKey = (ruleId: string, layer: string, field: string): string => `${ruleId}\u0000${layer}\u0000${field}`;

/** "部件 · DEPTCODE1 主管部门代码  975,670", its first findings, and how many of them are listed. */
function renderGroup(group: QaFindingGroup, findings: QaFinding[], onSelect: (finding: QaFinding) => void, open: boolean): HTMLElement {
  const label = [localize(group.layerTitle), group.field ? `${group.field}${group.fieldTitle ? ` ${localize(group.fieldTitle)}` : ''}` : ''].filter(Boolean).join(' · ');
  const nodes: HTMLElement[] = [
    element('summary', { className: 'qa-group-summary', testId: 'qa-group-summary' }, [
      element('span', { className: 'qa-group-title', text: label }),
      element('span', { className: 'qa-rule-count', text: formatCount(group.count) }),
    ]),
    element('ol', { className: 'qa-findings' }, findings.map((finding) => renderFinding(finding, onSelect))),
  ];
  if (group.listed < group.count) nodes.push(element('p', { className: 'qa-listed', text: `${text('qaListed')} ${formatCount(group.listed)} / ${formatCount(group.count)}` }));
  const section = element('details', { className: 'qa-group', testId: 'qa-group', attributes: { 'data-rule': group.ruleId, 'data-layer': group.layer, 'data-field': group.field } }, nodes);
  section.open = open;
  return section;
}

function renderFinding(finding: QaFinding, onSelect: (finding: QaFinding) => void): HTMLElement {
  const button = element('button', {
    className: 'qa-finding', testId: 'qa-finding',
    attributes: { type: 'button', 'data-rule': finding.ruleId, 'data-layer': finding.layer, 'data-fid': String(finding.fid) },
  }, [
    element('span', { className: 'qa-finding-message', text: localize(finding.message) }),
    element('span', { className: 'qa-finding-feature', text: `${finding.layer}#${finding.fid}` }),
  ]);
  button.addEventListener('click', () => onSelect(finding));
  return element('li', {}, [button]);
}
