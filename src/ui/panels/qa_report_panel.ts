/**
 * The validation panel over the map: opening it starts the standards check
 * of the open workspace (startValidation), shows its progress from the job
 * events (jobs/job_tracker.ts), then the report (qa_findings_list.ts); a
 * finding clicked is shown on the map. Export runs the check again writing
 * every finding as CSV beside the workspace, and names the file.
 */
import type { ApiClient } from '../../core/api/client.js';
import type { QaReport, ServiceEvent } from '../../core/api/contract.js';
import type { ServiceError } from '../../core/api/errors.js';
import type { QaFinding } from '../../core/qa/qa_finding.js';
import { clear, element } from '../util/dom.js';
import { onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';
import { createJobProgressView, createJobTracker } from '../jobs/job_tracker.js';
import { renderQaReport } from './qa_findings_list.js';

export interface QaReportPanel {
  /** Shows the panel; runs the check unless a report is already shown. */
  open(): void;
  handleEvent(event: ServiceEvent): void;
  /** A report belongs to one workspace: forget it when another opens. */
  reset(): void;
}

export interface QaReportPanelDeps {
  onError(error: ServiceError): void;
  onSelect(finding: QaFinding): void;
}

export function createQaReportPanel(host: HTMLElement, client: ApiClient, deps: QaReportPanelDeps): QaReportPanel {
  const title = element('h2', { className: 'panel-title qa-title' });
  const runButton = element('button', { className: 'button', testId: 'qa-run', attributes: { type: 'button' } });
  const exportButton = element('button', { className: 'button', testId: 'qa-export', attributes: { type: 'button' } });
  const cancelButton = element('button', { className: 'button button-danger', testId: 'qa-cancel', attributes: { type: 'button' } });
  const closeButton = element('button', { className: 'qa-close', testId: 'qa-close', attributes: { type: 'button', 'aria-label': 'close' }, text: '×' });
  const progress = createJobProgressView({ bar: 'qa-progress', message: 'qa-progress-message' }, 'progress-box qa-progress');
  const body = element('div', { className: 'qa-body', testId: 'qa-body' });
  const panel = element('section', { className: 'qa-panel', testId: 'qa-report', attributes: { role: 'region' } }, [
    element('div', { className: 'qa-header' }, [title, closeButton]),
    element('div', { className: 'qa-actions' }, [runButton, exportButton, cancelButton]),
    progress.box, body,
  ]);
  panel.hidden = true;
  host.append(panel);

  const render = () => {
    const state = job.state;
    title.textContent = text('qaReportTitle');
    runButton.textContent = text('qaRunAgain');
    cancelButton.textContent = text('cancel');
    exportButton.textContent = text('qaExportCsv');
    runButton.disabled = job.busy;
    exportButton.disabled = job.busy;
    cancelButton.hidden = state.kind !== 'running';
    panel.dataset.state = state.kind;
    progress.show(state, text('qaRunning'));
    clear(body);
    if (state.kind !== 'finished') return;
    const result = state.result;
    if (result.ok) {
      const report = result.value;
      if (report.findingsCsv) body.append(element('p', { className: 'qa-export', testId: 'qa-exported', text: `${text('qaExportedTo')} ${report.findingsCsv}` }));
      body.append(...renderQaReport(report, deps.onSelect));
    } else {
      body.append(
        element('h3', { className: result.error.code === 'CANCELED' ? 'result-title' : 'result-title result-failed', text: text(result.error.code === 'CANCELED' ? 'qaCanceled' : 'qaFailed') }),
        element('p', { className: 'result-error' }, [element('strong', { className: 'message-code', text: result.error.code }), element('span', { text: result.error.message })]),
      );
    }
  };
  const job = createJobTracker<'validation'>(client, { onChange: render, onError: deps.onError });
  const start = () => job.start(() => client.startValidation({}));

  runButton.addEventListener('click', start);
  // The full list needs every failing record read: a run of its own, on request.
  exportButton.addEventListener('click', () => job.start(() => client.startValidation({ findingsCsv: true })));
  cancelButton.addEventListener('click', () => job.cancel());
  closeButton.addEventListener('click', () => { panel.hidden = true; });
  onLanguageChange(render);
  render();

  return {
    open() {
      panel.hidden = false;
      if (job.state.kind === 'idle') start();
    },
    handleEvent: (event) => job.handleEvent(event),
    reset: () => job.reset(),
  };
}
