/**
 * The message bar under the toolbar. Every failed service call lands here
 * with its code, message and place, so an error is never swallowed; the same
 * error repeated (e.g. each pan while the service is down) is counted, not
 * stacked.
 */
import type { ServiceError } from '../../core/api/errors.js';
import { element } from '../util/dom.js';
import { text } from '../i18n/messages.js';

const MAX_MESSAGES = 4;

export interface MessageBar {
  showError(error: ServiceError): void;
  clear(): void;
}

interface ShownMessage { key: string; node: HTMLElement; repeat: HTMLElement; count: number }

export function createMessageBar(host: HTMLElement): MessageBar {
  const root = element('div', { className: 'message-bar', testId: 'message-bar', attributes: { role: 'alert', 'aria-live': 'assertive' } });
  root.hidden = true;
  host.append(root);
  const shown: ShownMessage[] = [];

  const remove = (message: ShownMessage) => {
    message.node.remove();
    shown.splice(shown.indexOf(message), 1);
    root.hidden = shown.length === 0;
  };

  return {
    showError(error) {
      const key = `${error.code}\u0000${error.message}\u0000${error.place ?? ''}`;
      const existing = shown.find((message) => message.key === key);
      if (existing) {
        existing.count += 1;
        existing.repeat.textContent = `×${existing.count}`;
        return;
      }
      const repeat = element('span', { className: 'message-repeat' });
      const dismiss = element('button', { className: 'message-dismiss', title: text('dismiss'), text: '×', attributes: { type: 'button' } });
      const node = element('div', { className: 'message message-error', testId: 'message' }, [
        element('strong', { className: 'message-code', testId: 'message-code', text: error.code }),
        element('span', { className: 'message-text', testId: 'message-text', text: error.message }),
        error.place ? element('span', { className: 'message-place', text: error.place }) : '',
        repeat,
        dismiss,
      ]);
      const message: ShownMessage = { key, node, repeat, count: 1 };
      dismiss.addEventListener('click', () => remove(message));
      shown.push(message);
      root.append(node);
      root.hidden = false;
      while (shown.length > MAX_MESSAGES) remove(shown[0]);
    },
    clear() {
      while (shown.length > 0) remove(shown[0]);
    },
  };
}
