/**
 * The import dialog: a target layer, the path of the source file on the
 * service machine (the web host cannot read the browser's disk), optional
 * encoding and CRS, then a job with progress, Cancel and the outcome. A
 * refused file shows its error code, the file and the reason; the workspace
 * is left as it was (the import is one transaction on the service side).
 */
import type { ApiClient } from '../../core/api/client.js';
import type { ImportResult, LayerInfo, Result, ServiceEvent } from '../../core/api/contract.js';
import type { ServiceError } from '../../core/api/errors.js';
import type { LocalizedText } from '../../core/api/geo_types.js';
import { clear, element } from '../util/dom.js';
import { localize, onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';

export interface ImportDialog {
  open(): void;
  handleEvent(event: ServiceEvent): void;
}

export interface ImportDialogDeps {
  layers(): LayerInfo[];
  onError(error: ServiceError): void;
  onFinished(result: Result<unknown>): void;
}

type JobState =
  | { kind: 'idle' }
  | { kind: 'starting'; buffered: ServiceEvent[] }
  | { kind: 'running'; jobId: string; fraction: number; message: LocalizedText | null }
  | { kind: 'finished'; result: Result<unknown> };

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
  const progress = element('progress', { className: 'progress', testId: 'import-progress', attributes: { max: '1', value: '0' } });
  const progressMessage = element('div', { className: 'progress-message' });
  const progressBox = element('div', { className: 'progress-box' }, [progress, progressMessage]);
  const resultBox = element('div', { className: 'publish-result', testId: 'import-result' });
  const startButton = element('button', { className: 'button button-primary', testId: 'import-start', attributes: { type: 'button' } });
  const cancelButton = element('button', { className: 'button button-danger', testId: 'import-cancel', attributes: { type: 'button' } });
  const closeButton = element('button', { className: 'button', testId: 'import-close', attributes: { type: 'button' } });
  const dialog = element('div', { className: 'dialog publish-dialog', testId: 'import-dialog', attributes: { role: 'dialog', 'aria-modal': 'true' } }, [
    title, layerLabel, layerSelect, sourceLabel, sourceInput, sourceHint, encodingLabel, encodingSelect, crsLabel, crsInput,
    progressBox, resultBox, element('div', { className: 'dialog-buttons' }, [cancelButton, closeButton, startButton]),
  ]);
  const overlay = element('div', { className: 'overlay' }, [dialog]);
  overlay.hidden = true;
  host.append(overlay);
  let state: JobState = { kind: 'idle' };

  const fillLayers = () => {
    const chosen = layerSelect.value;
    clear(layerSelect);
    for (const layer of deps.layers().filter((candidate) => candidate.role === 'data')) {
      layerSelect.append(element('option', { text: `${localize(layer.title)} (${layer.name})`, attributes: { value: layer.name } }));
    }
    if (chosen) layerSelect.value = chosen;
  };

  const render = () => {
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
    const busy = state.kind === 'starting' || state.kind === 'running';
    for (const control of [startButton, layerSelect, sourceInput, encodingSelect, crsInput]) control.disabled = busy;
    cancelButton.hidden = state.kind !== 'running';
    progressBox.hidden = !busy;
    if (state.kind === 'running') {
      progress.value = state.fraction;
      progressMessage.textContent = state.message ? `${localize(state.message)}  ${Math.round(state.fraction * 100)}%` : '';
    }
    resultBox.hidden = state.kind !== 'finished';
    clear(resultBox);
    if (state.kind === 'finished') resultBox.append(renderImportResult(state.result));
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
    const request = {
      layer: layerSelect.value,
      source: sourceInput.value.trim(),
      ...(encodingSelect.value ? { encoding: encodingSelect.value } : {}),
      ...(crsInput.value.trim() ? { crs: crsInput.value.trim() } : {}),
    };
    void client.startImport(request).then((started) => {
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
    if (state.kind === 'running') void client.cancelJob({ jobId: state.jobId });
  });
  closeButton.addEventListener('click', () => { overlay.hidden = true; });
  onLanguageChange(render);
  render();

  return {
    open() {
      fillLayers();
      overlay.hidden = false;
      sourceInput.focus();
    },
    handleEvent(event) {
      if (state.kind === 'starting') state.buffered.push(event);
      else apply(event);
    },
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
