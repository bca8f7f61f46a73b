/**
 * Preload bridge. Runs sandboxed with context isolation, so it can only
 * require('electron') and must be self-contained (CommonJS). It exposes three
 * functions to the page — invoke a contract method, listen to service
 * events, and tell the path of a file the user dropped or chose in the file
 * input (the input opens the system's own dialog) — and never ipcRenderer
 * itself.
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
  /** The path of a File the page holds; '' when it has none (e.g. made in memory). */
  pathForFile(file: unknown): string;
}

/** Electron's webUtils.getPathForFile: File objects carry no path under context isolation. */
export type PathForFile = (file: unknown) => string;

export function createBridge(ipcRenderer: IpcRendererLike, getPathForFile: PathForFile): Bridge {
  return {
    pathForFile: (file) => {
      try {
        return getPathForFile(file);
      } catch {
        return '';
      }
    },
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
  const { contextBridge, ipcRenderer, webUtils } = require('electron') as typeof import('electron');
  contextBridge.exposeInMainWorld('citygridBridge', createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file as File)));
}
