/**
 * The toolbar: workspace, navigation, selection, validate and publish commands, and
 * the 中文/EN switch at the right end. Icons are inline SVG so the app needs
 * no icon font or network access.
 */
import { element } from '../util/dom.js';
import { getLanguage, onLanguageChange, toggleLanguage } from '../i18n/language.js';
import { text, type MessageKey } from '../i18n/messages.js';

export interface ToolbarActions {
  openWorkspace(): void;
  fullExtent(): void;
  clearSelection(): void;
  validate(): void;
  importData(): void;
  publish(): void;
}

export interface Toolbar {
  /** Commands that need an open workspace are disabled without one. */
  setWorkspaceOpen(open: boolean): void;
}

const ICONS: Record<string, string> = {
  open: '<path d="M3 6h6l2 2h10v11H3z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>',
  extent: '<path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" fill="none" stroke="currentColor" stroke-width="1.8"/><rect x="9" y="9" width="6" height="6" fill="currentColor" opacity=".5"/>',
  clear: '<path d="M5 5l14 14M19 5L5 19" stroke="currentColor" stroke-width="1.8"/>',
  import: '<path d="M12 4v11M7 10l5 5 5-5M4 15v5h16v-5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>',
  validate: '<path d="M4 12.5l5 5L20 6.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>',
  publish: '<path d="M12 15V4M7 9l5-5 5 5M4 15v5h16v-5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>',
};

function icon(name: string): HTMLElement {
  const span = element('span', { className: 'tool-icon' });
  span.innerHTML = `<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">${ICONS[name]}</svg>`;
  return span;
}

export function createToolbar(host: HTMLElement, actions: ToolbarActions): Toolbar {
  const labels: [HTMLElement, MessageKey][] = [];
  const button = (testId: string, iconName: string, label: MessageKey, onClick: () => void) => {
    const labelNode = element('span', { className: 'tool-label' });
    labels.push([labelNode, label]);
    const node = element('button', { className: 'tool-button', testId, attributes: { type: 'button' } }, [icon(iconName), labelNode]);
    node.addEventListener('click', onClick);
    return node;
  };

  const open = button('open-workspace-button', 'open', 'openWorkspace', actions.openWorkspace);
  const extent = button('full-extent-button', 'extent', 'fullExtent', actions.fullExtent);
  const clearButton = button('clear-selection-button', 'clear', 'clearSelection', actions.clearSelection);
  const importButton = button('import-button', 'import', 'importData', actions.importData);
  const validate = button('validate-button', 'validate', 'validate', actions.validate);
  const publish = button('publish-button', 'publish', 'publish', actions.publish);
  const language = element('button', { className: 'tool-button language-toggle', testId: 'language-toggle', attributes: { type: 'button' } }, [
    element('span', { className: 'language-zh', text: '中文' }),
    element('span', { className: 'language-separator', text: '/' }),
    element('span', { className: 'language-en', text: 'EN' }),
  ]);
  language.addEventListener('click', toggleLanguage);
  host.append(open, element('span', { className: 'tool-separator' }), extent, clearButton, element('span', { className: 'tool-separator' }), importButton, validate, publish, element('span', { className: 'tool-spacer' }), language);

  const render = () => {
    for (const [node, key] of labels) node.textContent = text(key);
    language.dataset.language = getLanguage();
    language.title = text('languageToggleTitle');
  };
  onLanguageChange(render);
  render();

  return {
    setWorkspaceOpen(isOpen) {
      for (const node of [extent, clearButton, importButton, validate, publish]) node.disabled = !isOpen;
    },
  };
}
