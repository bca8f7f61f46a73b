/**
 * The validation panel over the map: opening it starts the standards check
 * of the open workspace (startValidation), shows its progress from the job
 * events, then the report (qa_findings_list.ts); a finding clicked is shown
 * on the map. Events can arrive before startValidation answers with the job
 * id, so they are buffered while the start is pending, as in the publish
 * dialog.
 */
import type { ApiClient } from '../../core/api/client.js';
import type { QaReport, Result, ServiceEvent } from '../../core/api/contract.js';
import type { ServiceError } from '../../core/api/errors.js';
import type { LocalizedText } from '../../core/api/geo_types.js';
import type { QaFinding } from '../../core/qa/qa_finding.js';
import { clear, element } from '../util/dom.js';
import { localize, onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';
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

type State =
  | { kind: 'idle' }
  | { kind: 'starting'; buffered: ServiceEvent[] }
  | { kind: 'running'; jobId: string; fraction: number; message: LocalizedText | null }
  | { kind: 'finished'; result: Result<unknown> };

export function createQaReportPanel(host: HTMLElement, client: ApiClient, deps: QaReportPanelDeps): QaReportPanel {
  const title = element('h2', { className: 'panel-title qa-title' });
  const runButton = element('button', { className: 'button', testId: 'qa-run', attributes: { type: 'button' } });
  const cancelButton = element('button', { className: 'button button-danger', testId: 'qa-cancel', attributes: { type: 'button' } });
  const closeButton = element('button', { className: 'qa-close', testId: 'qa-close', attributes: { type: 'button', 'aria-label': 'close' }, text: '×' });
  const progress = element('progress', { className: 'progress', testId: 'qa-progress', attributes: { max: '1', value: '0' } });
  const progressMessage = element('div', { className: 'progress-message', testId: 'qa-progress-message' });
  const progressBox = element('div', { className: 'progress-box qa-progress' }, [progress, progressMessage]);
  const body = element('div', { className: 'qa-body', testId: 'qa-body' });
  const panel = element('section', { className: 'qa-panel', testId: 'qa-report', attributes: { role: 'region' } }, [
    element('div', { className: 'qa-header' }, [title, closeButton]),
    element('div', { className: 'qa-actions' }, [runButton, cancelButton]),
    progressBox, body,
  ]);
  panel.hidden = true;
  host.append(panel);
  let state: State = { kind: 'idle' };

  const render = () => {
    title.textContent = text('qaReportTitle');
    runButton.textContent = text('qaRunAgain');
    cancelButton.textContent = text('cancel');
    const busy = state.kind === 'starting' || state.kind === 'running';
    runButton.disabled = busy;
    cancelButton.hidden = state.kind !== 'running';
    progressBox.hidden = !busy;
    panel.dataset.state = state.kind;
    if (state.kind === 'running') {
      progress.value = state.fraction;
      progressMessage.textContent = `${state.message ? localize(state.message) : text('qaRunning')}  ${Math.round(state.fraction * 100)}%`;
    } else if (state.kind === 'starting') {
      progress.removeAttribute('value');
      progressMessage.textContent = text('qaRunning');
    }
    clear(body);
    if (state.kind !== 'finished') return;
    const result = state.result;
    if (result.ok) {
      body.append(...renderQaReport(result.value as QaReport, deps.onSelect));
    } else {
      body.append(
        element('h3', { className: result.error.code === 'CANCELED' ? 'result-title' : 'result-title result-failed', text: text(result.error.code === 'CANCELED' ? 'qaCanceled' : 'qaFailed') }),
        element('p', { className: 'result-error' }, [element('strong', { className: 'message-code', text: result.error.code }), element('span', { text: result.error.message })]),
      );
    }
  };

  const apply = (event: ServiceEvent) => {
    if (state.kind !== 'running') return;
    if (event.kind === 'job-progress' && event.jobId === state.jobId) {
      state = { ...state, fraction: Math.min(1, Math.max(0, event.fraction)), message: event.message };
    } else if (event.kind === 'job-finished' && event.jobId === state.jobId) {
      state = { kind: 'finished', result: event.result };
    } else {
      return;
    }
    render();
  };

  const start = () => {
    if (state.kind === 'starting' || state.kind === 'running') return;
    state = { kind: 'starting', buffered: [] };
    render();
    void client.startValidation({}).then((started) => {
      const buffered = state.kind === 'starting' ? state.buffered : [];
      if (!started.ok) {
        deps.onError(started.error);
        state = { kind: 'finished', result: started };
        render();
        return;
      }
      state = { kind: 'running', jobId: started.value.jobId, fraction: 0, message: null };
      render();
      for (const event of buffered) apply(event);
    });
  };

  runButton.addEventListener('click', start);
  cancelButton.addEventListener('click', () => {
    if (state.kind !== 'running') return;
    void client.cancelJob({ jobId: state.jobId }).then((result) => { if (!result.ok) deps.onError(result.error); });
  });
  closeButton.addEventListener('click', () => { panel.hidden = true; });
  onLanguageChange(render);
  render();

  return {
    open() {
      panel.hidden = false;
      if (state.kind === 'idle') start();
    },
    handleEvent(event) {
      if (state.kind === 'starting') state.buffered.push(event);
      else apply(event);
    },
    reset() {
      if (state.kind === 'finished') state = { kind: 'idle' };
      render();
    },
  };
}
