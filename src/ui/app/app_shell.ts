/**
 * The desktop-GIS frame: title header, toolbar, message bar, then layer list
 * | map | identify panel, and the status bar at the bottom. Panels fill the
 * hosts created here; this module only owns the layout.
 */
import { element } from '../util/dom.js';

export interface AppShell {
  header: HTMLElement;
  toolbar: HTMLElement;
  messageHost: HTMLElement;
  leftPanel: HTMLElement;
  mapArea: HTMLElement;
  mapTarget: HTMLElement;
  rightPanel: HTMLElement;
  statusHost: HTMLElement;
}

export function buildAppShell(root: HTMLElement): AppShell {
  const header = element('header', { className: 'app-header' });
  const toolbar = element('nav', { className: 'toolbar', testId: 'toolbar' });
  const messageHost = element('div', { className: 'message-host' });
  const leftPanel = element('aside', { className: 'side-panel left-panel' });
  const mapTarget = element('div', { className: 'map', testId: 'map' });
  const mapArea = element('div', { className: 'map-area' }, [mapTarget]);
  const rightPanel = element('aside', { className: 'side-panel right-panel' });
  const statusHost = element('div', { className: 'status-host' });
  const workbench = element('main', { className: 'workbench' }, [leftPanel, mapArea, rightPanel]);
  root.append(element('div', { className: 'app' }, [header, toolbar, messageHost, workbench, statusHost]));
  return { header, toolbar, messageHost, leftPanel, mapArea, mapTarget, rightPanel, statusHost };
}
