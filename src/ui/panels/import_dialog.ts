/**
 * The import dialog: a target layer, the path of the source file on the
 * service machine (the web host cannot read the browser's disk), optional
 * encoding and CRS, then a job (jobs/job_tracker.ts) with progress, Cancel
 * and the outcome. A
 * refused file shows its error code, the file and the reason; the workspace
 * is left as it was (the import is one transaction on the service side).
 */
import type { ApiClient } from '../../core/api/client.js';
import type { ImportResult, Result } from '../../core/api/contract.js';
import { clear, element } from '../util/dom.js';
import { localize, onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';
import { createJobProgressView, createJobTracker, type JobDialog, type JobDialogDeps } from '../jobs/job_tracker.js';

export type ImportDialog = JobDialog;
export type ImportDialogDeps = JobDialogDeps;

const ENCODINGS = ['', 'UTF-8', 'GBK', 'GB18030'];

export function createImportDialog(host: HTMLElement, client: ApiClient, deps: ImportDialogDeps): ImportDialog {
  const title = element('h2', { className: 'dialog-title' });
  const layerLabel = element('label', { className: 'field-label-block', attributes: { for: 'import-layer' } });
  const layerSelect = element('select', { className: 'text-input', testId: 'import-layer', attributes: { id: 'import-layer' } });
  const sourceLabel = element('label', { className: 'field-label-block', attributes: { for: 'import-source' } });
  const sourceInput = element('input', { className: 'text-input', testId: 'import-source', attributes: { id: 'import-source', type: 'text', spellcheck: 'false', autocomplete: 'off' } });
  const sourceHint = element('p', { className: 'dialog-hint' });
  const encodingLabel = element('label', { className: 'field-label-block', attributes: { for: 'import-encoding' } });
  const encodingSelect = element('select', { className: 'text-input', testId: 'import-encoding', attributes: { id: 'import-encoding' } });
  const crsLabel = element('label', { className: 'field-label-block', attributes: { for: 'import-crs' } });
  const crsInput = element('input', { className: 'text-input', testId: 'import-crs', attributes: { id: 'import-crs', type: 'text', placeholder: 'EPSG:4527', spellcheck: 'false' } });
  const progress = createJobProgressView({ bar: 'import-progress', message: 'import-message' });
  const resultBox = element('div', { className: 'publish-result', testId: 'import-result' });
  const startButton = element('button', { className: 'button button-primary', testId: 'import-start', attributes: { type: 'button' } });
  const cancelButton = element('button', { className: 'button button-danger', testId: 'import-cancel', attributes: { type: 'button' } });
  const closeButton = element('button', { className: 'button', testId: 'import-close', attributes: { type: 'button' } });
  const dialog = element('div', { className: 'dialog publish-dialog', testId: 'import-dialog', attributes: { role: 'dialog', 'aria-modal': 'true' } }, [
    title, layerLabel, layerSelect, sourceLabel, sourceInput, sourceHint, encodingLabel, encodingSelect, crsLabel, crsInput,
    progress.box, resultBox, element('div', { className: 'dialog-buttons' }, [cancelButton, closeButton, startButton]),
  ]);
  const overlay = element('div', { className: 'overlay' }, [dialog]);
  overlay.hidden = true;
  host.append(overlay);

  const fillLayers = () => {
    const chosen = layerSelect.value;
    clear(layerSelect);
    for (const layer of deps.layers().filter((candidate) => candidate.role === 'data')) {
      layerSelect.append(element('option', { text: `${localize(layer.title)} (${layer.name})`, attributes: { value: layer.name } }));
    }
    if (chosen) layerSelect.value = chosen;
  };

  const render = () => {
    const state = job.state;
    title.textContent = text('importTitle');
    layerLabel.textContent = text('importLayer');
    sourceLabel.textContent = text('importSource');
    sourceHint.textContent = text('importSourceHint');
    encodingLabel.textContent = text('importEncoding');
    crsLabel.textContent = text('importCrs');
    clear(encodingSelect);
    for (const encoding of ENCODINGS) {
      encodingSelect.append(element('option', { text: encoding || text('importEncodingAuto'), attributes: { value: encoding } }));
    }
    startButton.textContent = state.kind === 'starting' ? text('starting') : text('start');
    cancelButton.textContent = text('cancel');
    closeButton.textContent = text('close');
    for (const control of [startButton, layerSelect, sourceInput, encodingSelect, crsInput]) control.disabled = job.busy;
    cancelButton.hidden = state.kind !== 'running';
    progress.show(state, text('starting'));
    resultBox.hidden = state.kind !== 'finished';
    clear(resultBox);
    if (state.kind === 'finished') resultBox.append(renderImportResult(state.result));
  };

  const job = createJobTracker(client, { onChange: render, onError: deps.onError, onFinished: deps.onFinished });

  startButton.addEventListener('click', () => {
    const request = {
      layer: layerSelect.value,
      source: sourceInput.value.trim(),
      ...(encodingSelect.value ? { encoding: encodingSelect.value } : {}),
      ...(crsInput.value.trim() ? { crs: crsInput.value.trim() } : {}),
    };
    job.start(() => client.startImport(request));
  });
  cancelButton.addEventListener('click', () => job.cancel());
  closeButton.addEventListener('click', () => { overlay.hidden = true; });
  onLanguageChange(render);
  render();

  return {
    open() {
      fillLayers();
      overlay.hidden = false;
      sourceInput.focus();
    },
    handleEvent: (event) => job.handleEvent(event),
  };
}

function renderImportResult(result: Result<unknown>): HTMLElement {
  if (!result.ok) {
    return element('div', { className: 'result-error' }, [
      element('strong', { text: text('importFailed') }),
      element('div', { text: `${result.error.code}: ${result.error.message}` }),
    ]);
  }
  const value = result.value as ImportResult;
  return element('div', { className: 'result-ok' }, [
    element('strong', { text: text('importDone') }),
    element('div', { text: `${value.layer}: ${value.imported} (${text('importReplaced')} ${value.replaced})` }),
    element('div', { text: `${value.source}` }),
    element('div', { text: `${value.sourceCrs} → ${value.workspaceCrs}` }),
  ]);
}
