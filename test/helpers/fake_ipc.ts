/**
 * An in-process stand-in for Electron's IPC pair: the main side's `handle`,
 * the renderer side's `invoke`/`on`, and webContents.send. Payloads are
 * structured-cloned both ways, as Electron does, so anything that would not
 * survive the real boundary fails here too.
 */
import type { IpcInvokeEventLike, IpcMainLike, EventReceiver } from '../../electron/ipc_adapter.js';
import type { IpcRendererLike } from '../../electron/preload.cjs';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: unknown, ...args: unknown[]) => void;

export class FakeIpc {
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<Listener>>();

  readonly webContents: EventReceiver = {
    send: (channel, payload) => {
      for (const listener of this.listeners.get(channel) ?? []) listener({}, structuredClone(payload));
    },
    isDestroyed: () => false,
  };

  readonly ipcMain: IpcMainLike = {
    handle: (channel, handler) => {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, handler);
    },
    removeHandler: (channel) => { this.handlers.delete(channel); },
  };

  readonly ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler({ sender: this.webContents }, ...structuredClone(args)));
    },
    on: (channel, listener) => {
      if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
      this.listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => { this.listeners.get(channel)?.delete(listener); },
  };
}
