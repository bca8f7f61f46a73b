/**
 * A validation report as the panel shows it: the error and warning totals,
 * then one group per rule with findings (title in the current language,
 * severity, count), each finding a button that shows it on the map.
 */
import type { QaReport } from '../../core/api/contract.js';
import type { QaFinding } from '../../core/qa/qa_finding.js';
import { element } from '../util/dom.js';
import { formatCount } from '../util/format.js';
import { localize } from '../i18n/language.js';
import { text } from '../i18n/messages.js';

/** Groups open by themselves only while the whole list stays short. */
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
  const findingsByRule = new Map<string, QaFinding[]>();
  for (const finding of report.findings) {
    const list = findingsByRule.get(finding.ruleId) ?? [];
    list.push(finding);
    findingsByRule.set(finding.ruleId, list);
  }
  const open = report.findings.length <= OPEN_GROUPS_UP_TO;
  for (const rule of report.summary.byRule) {
    if (rule.count === 0) continue;
    const findings = findingsByRule.get(rule.ruleId) ?? [];
    const heading = element('summary', { className: 'qa-rule-summary' }, [
      element('span', { className: `qa-severity qa-severity-${rule.severity}`, text: rule.severity === 'error' ? text('qaErrors') : text('qaWarnings') }),
      element('span', { className: 'qa-rule-title', text: localize(rule.title) }),
      element('span', { className: 'qa-rule-count', text: formatCount(rule.count) }),
    ]);
    const items = element('ol', { className: 'qa-findings' }, findings.map((finding) => renderFinding(finding, onSelect)));
    const group = element('details', { className: 'qa-rule', testId: 'qa-rule', attributes: { 'data-rule': rule.ruleId } }, [heading, items]);
    if (rule.listed < rule.count) group.append(element('p', { className: 'qa-listed', text: `${text('qaListed')} ${formatCount(rule.listed)} / ${formatCount(rule.count)}` }));
    group.open = open;
    nodes.push(group);
  }
  for (const skipped of report.skipped) {
    nodes.push(element('p', { className: 'qa-skipped', text: `${text('qaSkipped')} ${skipped.ruleId}: ${localize(skipped.reason)}` }));
  }
  return nodes;
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
