/**
 * Preload bridge. Runs sandboxed with context isolation, so it can only
 * require('electron') and must be self-contained (CommonJS). It exposes two
 * functions to the page — invoke a contract method, listen to service
 * events — and never ipcRenderer itself.
 */
export const INVOKE_CHANNEL = 'citygrid:invoke';
export const EVENT_CHANNEL = 'citygrid:event';

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface Bridge {
  invoke(method: string, request: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

export function createBridge(ipcRenderer: IpcRendererLike): Bridge {
  return {
    invoke: (method, request) => ipcRenderer.invoke(INVOKE_CHANNEL, String(method), request),
    onEvent(listener) {
      // Hand the page only the event payload, not Electron's IPC event object.
      const handler = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(EVENT_CHANNEL, handler);
      return () => { ipcRenderer.removeListener(EVENT_CHANNEL, handler); };
    },
  };
}

// Only inside Electron's renderer is there a bridge to expose; under plain
// Node (the tests load this file to check the bridge) nothing happens.
if (typeof process !== 'undefined' && process.type === 'renderer') {
  const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');
  contextBridge.exposeInMainWorld('citygridBridge', createBridge(ipcRenderer));
}
