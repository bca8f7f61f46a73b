/**
 * The publish dialog: an optional output folder, Start, a progress bar fed by
 * job events (jobs/job_tracker.ts), Cancel, and the outcome.
 */
import type { ApiClient } from '../../core/api/client.js';
import { element, clear } from '../util/dom.js';
import { onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';
import { createJobProgressView, createJobTracker, type JobDialog, type JobDialogDeps } from '../jobs/job_tracker.js';
import { renderPublishResult } from './publish_result.js';

export type PublishDialog = JobDialog;
export type PublishDialogDeps = JobDialogDeps<'publish'>;

export function createPublishDialog(host: HTMLElement, client: ApiClient, deps: PublishDialogDeps): PublishDialog {
  const title = element('h2', { className: 'dialog-title' });
  const folderLabel = element('label', { className: 'field-label-block', attributes: { for: 'publish-outdir' } });
  const folderInput = element('input', { className: 'text-input', testId: 'publish-outdir', attributes: { id: 'publish-outdir', type: 'text', spellcheck: 'false', autocomplete: 'off' } });
  const folderHint = element('p', { className: 'dialog-hint' });
  // The standards check gates a publish; publishing with errors must be a deliberate choice.
  const allowErrors = element('input', { testId: 'publish-allow-errors', attributes: { id: 'publish-allow-errors', type: 'checkbox' } });
  const allowErrorsLabel = element('label', { className: 'checkbox-label', attributes: { for: 'publish-allow-errors' } });
  const allowErrorsRow = element('div', { className: 'checkbox-row' }, [allowErrors, allowErrorsLabel]);
  const progress = createJobProgressView({ bar: 'publish-progress', message: 'publish-message' });
  const resultBox = element('div', { className: 'publish-result', testId: 'publish-result' });
  const startButton = element('button', { className: 'button button-primary', testId: 'publish-start', attributes: { type: 'button' } });
  const cancelButton = element('button', { className: 'button button-danger', testId: 'publish-cancel', attributes: { type: 'button' } });
  const closeButton = element('button', { className: 'button', testId: 'publish-close', attributes: { type: 'button' } });
  const dialog = element('div', { className: 'dialog publish-dialog', testId: 'publish-dialog', attributes: { role: 'dialog', 'aria-modal': 'true' } }, [
    title, folderLabel, folderInput, folderHint, allowErrorsRow, progress.box, resultBox,
    element('div', { className: 'dialog-buttons' }, [cancelButton, closeButton, startButton]),
  ]);
  const overlay = element('div', { className: 'overlay' }, [dialog]);
  overlay.hidden = true;
  host.append(overlay);

  const render = () => {
    const state = job.state;
    title.textContent = text('publishTitle');
    folderLabel.textContent = text('outputFolder');
    folderHint.textContent = text('outputFolderHint');
    allowErrorsLabel.textContent = text('publishAllowErrors');
    startButton.textContent = state.kind === 'starting' ? text('starting') : text('start');
    cancelButton.textContent = text('cancel');
    closeButton.textContent = text('close');
    for (const control of [startButton, folderInput, allowErrors]) control.disabled = job.busy;
    cancelButton.hidden = state.kind !== 'running';
    progress.show(state, text('starting'));
    resultBox.hidden = state.kind !== 'finished';
    clear(resultBox);
    if (state.kind === 'finished') resultBox.append(...renderPublishResult(state.result, deps.layers()));
  };
  const job = createJobTracker<'publish'>(client, { onChange: render, onError: deps.onError, onFinished: deps.onFinished });

  startButton.addEventListener('click', () => {
    const outDir = folderInput.value.trim();
    job.start(() => client.startPublish({ ...(outDir ? { outDir } : {}), ...(allowErrors.checked ? { allowErrors: true } : {}) }));
  });
  cancelButton.addEventListener('click', () => job.cancel());
  closeButton.addEventListener('click', () => { overlay.hidden = true; });
  onLanguageChange(render);
  render();

  return {
    open() {
      // A finished result stays readable until the next start.
      overlay.hidden = false;
      if (!job.busy) folderInput.focus();
    },
    handleEvent: (event) => job.handleEvent(event),
  };
}
