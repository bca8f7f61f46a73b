/**
 * The publish dialog: an optional output folder, Start, a progress bar fed by
 * job events, Cancel, and the outcome. Events can arrive before startPublish
 * answers with the job id (the job starts at once on the service side), so
 * events are buffered while the start is pending and replayed afterwards.
 */
import type { ApiClient } from '../../core/api/client.js';
import type { LayerInfo, Result, ServiceEvent } from '../../core/api/contract.js';
import type { ServiceError } from '../../core/api/errors.js';
import type { LocalizedText } from '../../core/api/geo_types.js';
import { element, clear } from '../util/dom.js';
import { localize, onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';
import { renderPublishResult } from './publish_result.js';

export interface PublishDialog {
  open(): void;
  handleEvent(event: ServiceEvent): void;
}

export interface PublishDialogDeps {
  layers(): LayerInfo[];
  onError(error: ServiceError): void;
  onFinished(result: Result<unknown>): void;
}

type JobState =
  | { kind: 'idle' }
  | { kind: 'starting'; buffered: ServiceEvent[] }
  | { kind: 'running'; jobId: string; fraction: number; message: LocalizedText | null }
  | { kind: 'finished'; result: Result<unknown> };

export function createPublishDialog(host: HTMLElement, client: ApiClient, deps: PublishDialogDeps): PublishDialog {
  const title = element('h2', { className: 'dialog-title' });
  const folderLabel = element('label', { className: 'field-label-block', attributes: { for: 'publish-outdir' } });
  const folderInput = element('input', { className: 'text-input', testId: 'publish-outdir', attributes: { id: 'publish-outdir', type: 'text', spellcheck: 'false', autocomplete: 'off' } });
  const folderHint = element('p', { className: 'dialog-hint' });
  // The standards check gates a publish; publishing with errors must be a deliberate choice.
  const allowErrors = element('input', { testId: 'publish-allow-errors', attributes: { id: 'publish-allow-errors', type: 'checkbox' } });
  const allowErrorsLabel = element('label', { className: 'checkbox-label', attributes: { for: 'publish-allow-errors' } });
  const allowErrorsRow = element('div', { className: 'checkbox-row' }, [allowErrors, allowErrorsLabel]);
  const progress = element('progress', { className: 'progress', testId: 'publish-progress', attributes: { max: '1', value: '0' } });
  const progressMessage = element('div', { className: 'progress-message', testId: 'publish-message' });
  const progressBox = element('div', { className: 'progress-box' }, [progress, progressMessage]);
  const resultBox = element('div', { className: 'publish-result', testId: 'publish-result' });
  const startButton = element('button', { className: 'button button-primary', testId: 'publish-start', attributes: { type: 'button' } });
  const cancelButton = element('button', { className: 'button button-danger', testId: 'publish-cancel', attributes: { type: 'button' } });
  const closeButton = element('button', { className: 'button', testId: 'publish-close', attributes: { type: 'button' } });
  const dialog = element('div', { className: 'dialog publish-dialog', testId: 'publish-dialog', attributes: { role: 'dialog', 'aria-modal': 'true' } }, [
    title, folderLabel, folderInput, folderHint, allowErrorsRow, progressBox, resultBox,
    element('div', { className: 'dialog-buttons' }, [cancelButton, closeButton, startButton]),
  ]);
  const overlay = element('div', { className: 'overlay' }, [dialog]);
  overlay.hidden = true;
  host.append(overlay);
  let state: JobState = { kind: 'idle' };

  const render = () => {
    title.textContent = text('publishTitle');
    folderLabel.textContent = text('outputFolder');
    folderHint.textContent = text('outputFolderHint');
    allowErrorsLabel.textContent = text('publishAllowErrors');
    startButton.textContent = state.kind === 'starting' ? text('starting') : text('start');
    cancelButton.textContent = text('cancel');
    closeButton.textContent = text('close');
    const busy = state.kind === 'starting' || state.kind === 'running';
    startButton.disabled = busy;
    folderInput.disabled = busy;
    allowErrors.disabled = busy;
    cancelButton.hidden = state.kind !== 'running';
    progressBox.hidden = !busy;
    if (state.kind === 'running') {
      progress.value = state.fraction;
      progressMessage.textContent = state.message ? `${localize(state.message)}  ${Math.round(state.fraction * 100)}%` : '';
    } else if (state.kind === 'starting') {
      progress.removeAttribute('value');
      progressMessage.textContent = text('starting');
    }
    resultBox.hidden = state.kind !== 'finished';
    clear(resultBox);
    if (state.kind === 'finished') resultBox.append(...renderPublishResult(state.result, deps.layers()));
  };

  const apply = (event: ServiceEvent) => {
    if (state.kind !== 'running') return;
    if (event.kind === 'job-progress' && event.jobId === state.jobId) {
      state = { ...state, fraction: Math.min(1, Math.max(0, event.fraction)), message: event.message };
    } else if (event.kind === 'job-finished' && event.jobId === state.jobId) {
      state = { kind: 'finished', result: event.result };
      deps.onFinished(event.result);
    } else {
      return;
    }
    render();
  };

  startButton.addEventListener('click', () => {
    if (state.kind === 'starting' || state.kind === 'running') return;
    state = { kind: 'starting', buffered: [] };
    render();
    const outDir = folderInput.value.trim();
    void client.startPublish({ ...(outDir ? { outDir } : {}), ...(allowErrors.checked ? { allowErrors: true } : {}) }).then((started) => {
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
  });

  cancelButton.addEventListener('click', () => {
    if (state.kind !== 'running') return;
    void client.cancelJob({ jobId: state.jobId }).then((result) => {
      if (!result.ok) deps.onError(result.error);
    });
  });

  closeButton.addEventListener('click', () => { overlay.hidden = true; });
  onLanguageChange(render);
  render();

  return {
    open() {
      // A finished result stays readable until the next start.
      overlay.hidden = false;
      if (state.kind === 'idle' || state.kind === 'finished') folderInput.focus();
    },
    handleEvent(event) {
      if (state.kind === 'starting') state.buffered.push(event);
      else apply(event);
    },
  };
}
