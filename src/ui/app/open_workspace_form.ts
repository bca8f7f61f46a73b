/**
 * The "open workspace" form, shown over the map while no workspace is open
 * and from the toolbar. It takes a typed path because the web host's page
 * cannot browse the disk; the services check the path and answer with an
 * error value if it is wrong.
 */
import { element } from '../util/dom.js';
import { onLanguageChange } from '../i18n/language.js';
import { text } from '../i18n/messages.js';

export interface OpenWorkspaceForm {
  show(canClose: boolean): void;
  hide(): void;
}

/** `open` resolves true when the workspace opened, false to keep the form up. */
export function createOpenWorkspaceForm(host: HTMLElement, open: (path: string) => Promise<boolean>): OpenWorkspaceForm {
  const title = element('h2', { className: 'dialog-title' });
  const hint = element('p', { className: 'dialog-hint' });
  const label = element('label', { className: 'field-label-block', attributes: { for: 'workspace-path' } });
  const input = element('input', { className: 'text-input', testId: 'workspace-path', attributes: { id: 'workspace-path', type: 'text', spellcheck: 'false', autocomplete: 'off', placeholder: 'D:\\城管数据\\workspace.gpkg' } });
  const submit = element('button', { className: 'button button-primary', testId: 'open-workspace-submit', attributes: { type: 'submit' } });
  const close = element('button', { className: 'button', testId: 'open-workspace-close', attributes: { type: 'button' } });
  const form = element('form', { className: 'dialog open-workspace-form', testId: 'open-workspace-form' }, [
    title, hint, label, input, element('div', { className: 'dialog-buttons' }, [close, submit]),
  ]);
  const overlay = element('div', { className: 'overlay' }, [form]);
  overlay.hidden = true;
  host.append(overlay);
  let busy = false;

  const renderText = () => {
    title.textContent = text('openWorkspace');
    hint.textContent = text('openWorkspaceHint');
    label.textContent = text('workspacePath');
    submit.textContent = busy ? text('opening') : text('open');
    close.textContent = text('cancel');
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const path = input.value.trim();
    if (!path || busy) return;
    busy = true;
    submit.disabled = true;
    renderText();
    void open(path).then((opened) => {
      busy = false;
      submit.disabled = false;
      renderText();
      if (opened) overlay.hidden = true;
    });
  });
  close.addEventListener('click', () => { overlay.hidden = true; });
  onLanguageChange(renderText);
  renderText();

  return {
    show(canClose) {
      close.hidden = !canClose;
      overlay.hidden = false;
      input.focus();
    },
    hide() {
      overlay.hidden = true;
    },
  };
}
