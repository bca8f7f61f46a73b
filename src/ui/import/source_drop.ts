/**
 * Where a source file comes from in the dialog: dropped onto the drop zone
 * (or onto the map, see main.ts), chosen with the file input — which under
 * Electron is the system's own open dialog — or typed as a path on the
 * service machine.
 */
import { element } from '../util/dom.js';
import { text } from '../i18n/messages.js';

export interface SourceDrop {
  node: HTMLElement;
  pathInput: HTMLInputElement;
  render(): void;
  setDisabled(disabled: boolean): void;
}

/** Files carried by a drag event, or null when it carries none (text, links). */
export function filesOf(event: DragEvent): File[] | null {
  const files = [...(event.dataTransfer?.files ?? [])];
  return files.length > 0 ? files : null;
}

export function createSourceDrop(onFiles: (files: File[]) => void, onPath: (path: string) => void): SourceDrop {
  const prompt = element('span', { className: 'drop-prompt' });
  const fileInput = element('input', { className: 'file-input', testId: 'import-file', attributes: { type: 'file', multiple: '', id: 'import-file' } });
  const chooseLabel = element('label', { className: 'button', attributes: { for: 'import-file' } });
  const zone = element('div', { className: 'drop-zone', testId: 'import-drop' }, [prompt, chooseLabel, fileInput]);
  const pathLabel = element('label', { className: 'field-label-block', attributes: { for: 'import-source' } });
  const pathInput = element('input', { className: 'text-input', testId: 'import-source', attributes: { id: 'import-source', type: 'text', spellcheck: 'false', autocomplete: 'off' } });
  const inspectButton = element('button', { className: 'button', testId: 'import-inspect', attributes: { type: 'button' } });
  const pathRow = element('div', { className: 'path-row' }, [pathInput, inspectButton]);

  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('drop-active');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drop-active'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    // Handled here: the map below would otherwise take the same drop again.
    event.stopPropagation();
    zone.classList.remove('drop-active');
    const files = filesOf(event);
    if (files) onFiles(files);
  });
  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    if (files.length > 0) onFiles(files);
  });
  inspectButton.addEventListener('click', () => {
    if (pathInput.value.trim()) onPath(pathInput.value.trim());
  });

  return {
    node: element('div', { className: 'source-choice' }, [zone, pathLabel, pathRow]),
    pathInput,
    render() {
      prompt.textContent = text('importDrop');
      chooseLabel.textContent = text('importChooseFile');
      pathLabel.textContent = text('importOrPath');
      inspectButton.textContent = text('importInspect');
    },
    setDisabled(disabled) {
      for (const control of [fileInput, pathInput, inspectButton]) control.disabled = disabled;
    },
  };
}
