/**
 * The import dialog. A source is dropped (here or on the map), chosen with
 * the file input, or typed as a path on the service machine; the services
 * read it without importing (inspectSource) — count, CRS, text encoding with
 * samples, recognised fields — and a zipped shapefile is also previewed here
 * with shpjs: drawn on the map in the workspace CRS and its first rows shown,
 * re-decoded at once when the encoding is switched. Then the field mapping
 * (presets to apply or save), the CRS when the source has none (never
 * guessed), and the import as a job with progress, Cancel and the outcome.
 * A refused file shows its error code, the file and the reason; the workspace
 * is left as it was (the import is one transaction on the service side).
 */
import type { ApiClient } from '../../core/api/client.js';
import type { ImportRequest, ImportResult, Result, SourceInspection } from '../../core/api/contract.js';
import { isLayerShrink, shrinkText } from '../../core/import/layer_shrink.js';
import type OlMap from 'ol/Map.js';
import { clear, element } from '../util/dom.js';
import { localize, onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';
import { createJobProgressView, createJobTracker, type JobDialog, type JobDialogDeps } from '../jobs/job_tracker.js';
import { createEncodingStep, decoderLabel } from '../import/encoding_step.js';
import { createMappingStep } from '../import/mapping_step.js';
import { createPreviewLayer } from '../import/preview_layer.js';
import { renderPreviewTable } from '../import/preview_table.js';
import { previewLooseShapefile, previewZippedShapefile, type PreviewOutcome, type ShapefilePreview } from '../import/shapefile_preview.js';
import { createSourceDrop } from '../import/source_drop.js';
import type { SourcePicker } from '../api/source_picker.js';

export interface ImportDialog extends JobDialog {
  /** Opens the dialog on files dropped elsewhere (the map). */
  openWithFiles(files: File[]): void;
}
export type ImportDialogDeps = JobDialogDeps<'import'>;

interface Source {
  name: string;
  path: string | null;
  /** An upload's staging path, which messages replace with the file's name. */
  staged: boolean;
  preview: ShapefilePreview | null;
  previewProblem: string | null;
  inspection: SourceInspection | null;
  refused: { code: string; message: string } | null;
  reading: boolean;
}

const EMPTY: Source = { name: '', path: null, staged: false, preview: null, previewProblem: null, inspection: null, refused: null, reading: false };

export function createImportDialog(host: HTMLElement, client: ApiClient, picker: SourcePicker, map: OlMap, deps: ImportDialogDeps): ImportDialog {
  const title = element('h2', { className: 'dialog-title' });
  const layerLabel = element('label', { className: 'field-label-block', attributes: { for: 'import-layer' } });
  const layerSelect = element('select', { className: 'text-input', testId: 'import-layer', attributes: { id: 'import-layer' } });
  const drop = createSourceDrop((files) => void pickFiles(files), (path) => {
    forgetPrevious();
    void inspect({ ...EMPTY, name: path, path });
  });
  const sourceStatus = element('div', { className: 'source-status', testId: 'import-source-status' });
  const previewBox = element('div', { className: 'preview-box', testId: 'import-preview' });
  const encoding = createEncodingStep(() => {
    // A shapefile preview re-decodes here at once; other sources (CSV) are read again by the services.
    if (source.preview || !source.path || source.refused) renderPreview();
    else void inspect(source);
  });
  const mapping = createMappingStep(client, deps.onError);
  const crsLabel = element('label', { className: 'field-label-block', attributes: { for: 'import-crs' } });
  const crsPrompt = element('p', { className: 'crs-prompt', testId: 'import-crs-prompt' });
  const crsInput = element('input', { className: 'text-input', testId: 'import-crs', attributes: { id: 'import-crs', type: 'text', placeholder: 'EPSG:4527', spellcheck: 'false' } });
  const progress = createJobProgressView({ bar: 'import-progress', message: 'import-message' });
  const resultBox = element('div', { className: 'publish-result', testId: 'import-result' });
  // Asked before an import that would empty a layer or leave less than half of it: both counts, then the user's word.
  const shrinkBox = element('div', { className: 'result-error', testId: 'import-shrink-confirm' });
  const shrinkCounts = element('strong', { testId: 'import-shrink-counts' });
  const shrinkQuestion = element('div');
  const shrinkButton = element('button', { className: 'button button-danger', testId: 'import-shrink-accept', attributes: { type: 'button' } });
  shrinkBox.append(shrinkCounts, shrinkQuestion, shrinkButton);
  shrinkBox.hidden = true;
  /**
   * The import waiting for the user's confirmation, with the counts it states
   * (null when the services refused it before the source was read here: their message states them).
   */
  let pendingShrink: { request: ImportRequest; counts: { current: number; incoming: number } | null } | null = null;
  let lastRequest: ImportRequest | null = null;
  const startButton = element('button', { className: 'button button-primary', testId: 'import-start', attributes: { type: 'button' } });
  const cancelButton = element('button', { className: 'button button-danger', testId: 'import-cancel', attributes: { type: 'button' } });
  const closeButton = element('button', { className: 'button', testId: 'import-close', attributes: { type: 'button' } });
  const dialog = element('div', { className: 'dialog import-dialog', testId: 'import-dialog', attributes: { role: 'dialog', 'aria-modal': 'true' } }, [
    title, layerLabel, layerSelect, drop.node, sourceStatus, previewBox, encoding.node, mapping.node, crsLabel, crsPrompt, crsInput,
    progress.box, shrinkBox, resultBox, element('div', { className: 'dialog-buttons' }, [cancelButton, closeButton, startButton]),
  ]);
  // Docked to the side, without a veil: the preview is drawn on the map behind it.
  const overlay = element('div', { className: 'overlay side-overlay' }, [dialog]);
  overlay.hidden = true;
  host.append(overlay);
  const previewLayer = createPreviewLayer(map, () => dialog.offsetWidth + 12);
  let source: Source = EMPTY;

  const fillLayers = () => {
    const chosen = layerSelect.value;
    clear(layerSelect);
    for (const layer of deps.layers().filter((candidate) => candidate.role === 'data')) {
      layerSelect.append(element('option', { text: `${localize(layer.title)} (${layer.name})`, attributes: { value: layer.name } }));
    }
    if (chosen) layerSelect.value = chosen;
  };

  /** A message as the user should read it: an upload's staging path shown as the file's name. */
  const shown = (message: string) => (source.staged && source.path ? message.split(source.path).join(source.name) : message);

  /** The CRS the source is in: its own, else the one the user entered. */
  const sourceCrs = () => source.inspection?.crs ?? (crsInput.value.trim().toUpperCase() || null);
  const crsMissing = () => source.inspection !== null && source.inspection.crs === null && !/^EPSG:\d+$/i.test(crsInput.value.trim());

  const renderPreview = () => {
    clear(previewBox);
    const { preview, inspection } = source;
    previewBox.hidden = !preview && !source.previewProblem && !inspection;
    if (source.previewProblem) previewBox.append(element('div', { className: 'result-error', text: `${text('importPreviewFailed')}: ${source.previewProblem}` }));
    if (!preview && !inspection) return;
    const count = preview ? preview.geometries.length : inspection!.featureCount;
    const drawn = preview ? previewLayer.show(preview.geometries, sourceCrs()) : 0;
    previewBox.append(element('div', { className: 'preview-summary' }, [
      element('strong', { testId: 'import-preview-count', text: `${count} ${text('importFeatures')}` }),
      element('span', { text: `  ${inspection ? `${inspection.driver} · ${inspection.geometryType} · ${text('importCrsOfSource')} ${inspection.crs ?? '—'}` : ''}` }),
      element('span', { className: 'dialog-hint', text: preview ? `  ${drawn > 0 ? text('importOnMap') : text('importNotOnMap')}` : '' }),
    ]));
    if (preview) previewBox.append(renderPreviewTable(preview.records(decoderLabel(encoding.chosen(), inspection?.encoding ?? null, preview.cpg))));
    else if (inspection?.firstFeature) previewBox.append(renderPreviewTable([inspection.firstFeature]));
  };

  const render = () => {
    const state = job.state;
    title.textContent = text('importTitle');
    layerLabel.textContent = text('importLayer');
    crsLabel.textContent = text('importCrs');
    crsPrompt.textContent = text('importCrsMissing');
    drop.render();
    encoding.render();
    mapping.render();
    startButton.textContent = state.kind === 'starting' ? text('starting') : text('start');
    cancelButton.textContent = text('cancel');
    closeButton.textContent = text('close');
    clear(sourceStatus);
    if (source.name && !source.refused) sourceStatus.append(element('span', { testId: 'import-source-name', text: source.reading ? `${source.name} — ${text('importReading')}` : source.name }));
    if (source.refused) {
      sourceStatus.append(element('div', { className: 'result-error', testId: 'import-source-error' }, [
        element('strong', { text: text('importSourceRefused') }),
        element('div', { text: source.name }),
        element('div', { text: `${source.refused.code}: ${shown(source.refused.message)}` }),
      ]));
    }
    encoding.node.hidden = !source.inspection?.encoding;
    crsPrompt.hidden = !(source.inspection && source.inspection.crs === null);
    for (const control of [layerSelect, encoding.select, crsInput]) control.disabled = job.busy;
    drop.setDisabled(job.busy);
    const sourceKnown = source.inspection !== null || (source.path === null && drop.pathInput.value.trim() !== '');
    startButton.disabled = job.busy || source.reading || source.refused !== null || !sourceKnown || crsMissing();
    cancelButton.hidden = state.kind !== 'running';
    progress.show(state, text('starting'));
    resultBox.hidden = state.kind !== 'finished';
    clear(resultBox);
    if (state.kind === 'finished') resultBox.append(renderImportResult(state.result, shown));
    if (state.kind === 'finished' && !state.result.ok && state.result.error.code === 'LAYER_WOULD_SHRINK' && lastRequest && !lastRequest.allowShrink) {
      pendingShrink = { request: lastRequest, counts: null };
      lastRequest = null;
    }
    shrinkBox.hidden = pendingShrink === null || job.busy;
    if (pendingShrink) {
      const counts = pendingShrink.counts;
      shrinkCounts.textContent = counts ? localize(shrinkText(pendingShrink.request.layer, counts.current, counts.incoming)) : '';
      shrinkQuestion.textContent = text('importShrinkQuestion');
      shrinkButton.textContent = text('importShrinkAccept');
    }
  };
  const startImport = (request: ImportRequest) => {
    pendingShrink = null;
    lastRequest = request;
    job.start(() => client.startImport(request));
  };
  const job = createJobTracker<'import'>(client, { onChange: render, onError: deps.onError, onFinished: deps.onFinished });

  const inspect = async (next: Source) => {
    source = { ...next, reading: true };
    drop.pathInput.value = next.staged ? '' : next.path ?? '';
    render();
    const inspected = await client.inspectSource({ source: next.path!, layer: layerSelect.value, ...(encoding.chosen() ? { encoding: encoding.chosen() } : {}) });
    if (source.path !== next.path) return;
    source = inspected.ok
      ? { ...source, reading: false, inspection: inspected.value }
      : { ...source, reading: false, refused: { code: inspected.error.code, message: inspected.error.message } };
    encoding.show(source.inspection?.encoding ?? null);
    mapping.show(source.inspection?.fieldMatch ?? null, source.inspection?.columns ?? []);
    renderPreview();
    render();
  };

  /** A new source starts afresh: no earlier outcome, encoding choice or CRS carries over to it. */
  const forgetPrevious = () => {
    pendingShrink = null;
    previewLayer.clear();
    encoding.select.value = '';
    crsInput.value = '';
    job.reset();
  };

  const pickFiles = async (files: File[]) => {
    forgetPrevious();
    source = { ...EMPTY, name: files.map((file) => file.name).join(', '), reading: true };
    render();
    const [previewed, picked] = await Promise.all([previewOf(files), picker.resolve(files)]);
    const withPreview: Source = { ...source, preview: previewed?.ok ? previewed.preview : null, previewProblem: previewed && !previewed.ok ? previewed.reason : null };
    if (!picked.ok) {
      source = { ...withPreview, reading: false, refused: { code: picked.error.code, message: `${picked.error.place ? `${picked.error.place}: ` : ''}${picked.error.message}` } };
      renderPreview();
      render();
      return;
    }
    await inspect({ ...withPreview, path: picked.value.path, staged: picked.value.staged });
  };

  layerSelect.addEventListener('change', () => { pendingShrink = null; if (source.path && !source.refused) void inspect(source); });
  crsInput.addEventListener('input', () => { renderPreview(); render(); });
  drop.pathInput.addEventListener('input', () => {
    // A typed path replaces a picked file; it is read when the user asks or on Start.
    if (source.path !== drop.pathInput.value.trim()) { source = EMPTY; previewLayer.clear(); renderPreview(); render(); }
  });
  startButton.addEventListener('click', () => {
    const path = source.path ?? drop.pathInput.value.trim();
    const fields = mapping.mapping();
    const request: ImportRequest = {
      layer: layerSelect.value,
      source: path,
      ...(encoding.chosen() ? { encoding: encoding.chosen() } : {}),
      ...(crsInput.value.trim() ? { crs: crsInput.value.trim() } : {}),
      ...(fields ? { mapping: fields } : {}),
    };
    const current = deps.layers().find((layer) => layer.name === request.layer)?.featureCount ?? 0;
    const incoming = source.inspection?.featureCount;
    if (incoming !== undefined && isLayerShrink(current, incoming)) {
      pendingShrink = { request, counts: { current, incoming } };
      job.reset();
      render();
      return;
    }
    startImport(request);
  });
  shrinkButton.addEventListener('click', () => {
    if (pendingShrink) startImport({ ...pendingShrink.request, allowShrink: true });
  });
  cancelButton.addEventListener('click', () => job.cancel());
  closeButton.addEventListener('click', () => {
    overlay.hidden = true;
    previewLayer.clear();
  });
  onLanguageChange(() => { render(); renderPreview(); });
  render();
  renderPreview();

  const open = () => {
    fillLayers();
    overlay.hidden = false;
  };
  return {
    open,
    openWithFiles(files) {
      open();
      if (!job.busy) void pickFiles(files);
    },
    handleEvent: (event) => job.handleEvent(event),
  };
}

/** Shapefiles are previewed in the renderer; other formats only through the services' inspection. */
function previewOf(files: File[]): Promise<PreviewOutcome | null> {
  if (files.length === 1 && /\.zip$/i.test(files[0]!.name)) return previewZippedShapefile(files[0]!);
  if (files.some((file) => /\.shp$/i.test(file.name))) return previewLooseShapefile(files);
  return Promise.resolve(null);
}

function renderImportResult(result: Result<ImportResult>, shown: (message: string) => string): HTMLElement {
  if (!result.ok) {
    return element('div', { className: 'result-error' }, [
      element('strong', { text: text('importFailed') }),
      element('div', { text: `${result.error.code}: ${shown(result.error.message)}` }),
    ]);
  }
  const value = result.value;
  return element('div', { className: 'result-ok' }, [
    element('strong', { text: text('importDone') }),
    element('div', { text: `${value.layer}: ${value.imported} (${text('importReplaced')} ${value.replaced})` }),
    element('div', { text: shown(value.source) }),
    element('div', { text: `${value.sourceCrs} → ${value.workspaceCrs}` }),
  ]);
}
