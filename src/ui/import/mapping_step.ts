/**
 * The field-mapping step: each field of the target layer with the source
 * column that fills it — recognised by legacy, current or Chinese names and
 * marked so, or chosen by hand — and presets to apply or save (the same JSON
 * files `citygrid import --mapping/--save-mapping` use).
 */
import type { ApiClient } from '../../core/api/client.js';
import type { FieldMatchInfo, MappingPresetInfo } from '../../core/api/contract.js';
import type { ServiceError } from '../../core/api/errors.js';
import { clear, element } from '../util/dom.js';
import { localize } from '../i18n/language.js';
import { text } from '../i18n/messages.js';

export interface MappingStep {
  node: HTMLElement;
  show(match: FieldMatchInfo | null, columns: string[]): void;
  render(): void;
  /** workspace field → source column or null; null when there is nothing to map yet. */
  mapping(): Record<string, string | null> | null;
}

export function createMappingStep(client: ApiClient, onError: (error: ServiceError) => void): MappingStep {
  const title = element('h3', { className: 'step-title' });
  const hint = element('p', { className: 'dialog-hint' });
  const rows = element('div', { className: 'mapping-rows', testId: 'import-mapping' });
  const presetLabel = element('label', { className: 'field-label-inline', attributes: { for: 'import-preset' } });
  const presetSelect = element('select', { className: 'text-input', testId: 'import-preset', attributes: { id: 'import-preset' } });
  const applyButton = element('button', { className: 'button', testId: 'import-preset-apply', attributes: { type: 'button' } });
  const nameInput = element('input', { className: 'text-input', testId: 'import-preset-name', attributes: { type: 'text', spellcheck: 'false' } });
  const saveButton = element('button', { className: 'button', testId: 'import-preset-save', attributes: { type: 'button' } });
  const status = element('div', { className: 'dialog-hint', testId: 'import-preset-status' });
  const presetRow = element('div', { className: 'preset-row' }, [presetLabel, presetSelect, applyButton, nameInput, saveButton]);
  const node = element('div', { className: 'mapping-step' }, [title, hint, rows, presetRow, status]);
  node.hidden = true;
  let match: FieldMatchInfo | null = null;
  let columns: string[] = [];
  let presets: MappingPresetInfo[] = [];
  const selects = new Map<string, HTMLSelectElement>();

  const refreshPresets = async () => {
    if (!match) return;
    const listed = await client.listMappingPresets({ layer: match.layer });
    if (!listed.ok) return onError(listed.error);
    presets = listed.value;
    clear(presetSelect);
    for (const preset of presets) presetSelect.append(element('option', { text: preset.name, attributes: { value: preset.name } }));
    applyButton.disabled = presets.length === 0;
  };

  const buildRows = () => {
    clear(rows);
    selects.clear();
    if (!match) return;
    for (const field of match.fields) {
      const select = element('select', { className: 'text-input', testId: `import-map-${field.name}`, attributes: { 'data-field': field.name } });
      select.append(element('option', { text: text('importLeaveEmpty'), attributes: { value: '' } }));
      for (const column of columns) select.append(element('option', { text: column, attributes: { value: column } }));
      const recognised = match.mapping[field.name];
      select.value = recognised ?? '';
      const mark = element('span', { className: 'auto-mark', text: recognised ? text('importAutoMatched') : '' });
      selects.set(field.name, select);
      rows.append(element('div', { className: 'mapping-row' }, [element('span', { className: 'mapping-field', text: `${localize(field.label)} (${field.name})` }), select, mark]));
    }
  };

  const current = (): Record<string, string | null> => Object.fromEntries([...selects].map(([field, select]) => [field, select.value || null]));

  applyButton.addEventListener('click', () => {
    const preset = presets.find((candidate) => candidate.name === presetSelect.value);
    if (!preset) return;
    for (const [field, column] of Object.entries(preset.fields)) {
      const select = selects.get(field);
      if (select) select.value = column && columns.includes(column) ? column : '';
    }
  });
  saveButton.addEventListener('click', () => {
    if (!match || !nameInput.value.trim()) return;
    void client.saveMappingPreset({ name: nameInput.value.trim(), layer: match.layer, fields: current() }).then(async (saved) => {
      if (!saved.ok) return onError(saved.error);
      status.textContent = `${text('importPresetSaved')}: ${saved.value.path}`;
      await refreshPresets();
      presetSelect.value = saved.value.name;
    });
  });

  const render = () => {
    title.textContent = text('importMapping');
    hint.textContent = text('importMappingHint');
    presetLabel.textContent = text('importPreset');
    applyButton.textContent = text('importPresetApply');
    nameInput.placeholder = text('importPresetName');
    saveButton.textContent = text('importPresetSave');
    for (const [field, select] of selects) {
      const label = select.parentElement?.querySelector('.mapping-field');
      const info = match?.fields.find((candidate) => candidate.name === field);
      if (label && info) label.textContent = `${localize(info.label)} (${field})`;
    }
  };

  return {
    node,
    show(next, nextColumns) {
      match = next;
      columns = nextColumns;
      node.hidden = !match;
      status.textContent = '';
      buildRows();
      render();
      void refreshPresets();
    },
    render,
    mapping: () => (match ? current() : null),
  };
}
