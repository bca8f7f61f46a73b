/**
 * The title header: product name, and the open workspace with its CRS and
 * published version, so the user always knows which data they are editing.
 */
import type { WorkspaceInfo } from '../../core/api/contract.js';
import { element, clear } from '../util/dom.js';
import { onLanguageChange } from '../i18n/language.js';
import { MESSAGES, text } from '../i18n/messages.js';

export interface Header {
  setWorkspace(info: WorkspaceInfo | null): void;
}

const LOGO_SVG = '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><rect x="2" y="2" width="20" height="20" rx="3" fill="#e0533c"/><path d="M2 9h20M2 15h20M9 2v20M15 2v20" stroke="#fff" stroke-width="1.6"/><circle cx="12" cy="12" r="2.4" fill="#1f6fd1" stroke="#fff" stroke-width="1"/></svg>';

export function createHeader(host: HTMLElement): Header {
  const logo = element('span', { className: 'logo' });
  logo.innerHTML = LOGO_SVG;
  // Both names always: the product is known by its Chinese name in the field.
  const product = element('span', { className: 'product-name' }, [
    element('span', { className: 'product-zh', text: MESSAGES.productName.zh }),
    element('span', { className: 'product-en', text: MESSAGES.productName.en }),
  ]);
  const workspace = element('span', { className: 'workspace-title', testId: 'workspace-title' });
  host.append(logo, product, workspace);
  let current: WorkspaceInfo | null = null;

  const render = () => {
    clear(workspace);
    if (!current) {
      workspace.append(element('span', { className: 'workspace-none', text: text('noWorkspace') }));
      return;
    }
    const published = current.publishedVersion > 0 ? `${text('publishedVersion')} v${current.publishedVersion}` : text('notPublished');
    workspace.append(
      element('span', { className: 'workspace-name', testId: 'workspace-name', title: current.path, text: current.name }),
      element('span', { className: 'workspace-crs', testId: 'workspace-crs', title: current.crs.proj4, text: `${current.crs.code} · ${current.crs.name}` }),
      element('span', { className: 'workspace-version', text: published }),
    );
  };

  onLanguageChange(render);
  render();
  return {
    setWorkspace(info) {
      current = info;
      render();
    },
  };
}
