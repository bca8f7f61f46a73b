/**
 * The contract over Electron IPC, main-process side: one `invoke` channel
 * dispatched to the services (the method name checked against the contract),
 * and service events forwarded to the windows. Requests from any frame other
 * than the app's own are refused.
 */
import type { ServiceEvent } from '../src/core/api/contract.js';
import { dispatch } from '../src/core/api/dispatch.js';
import type { CityGridServices } from '../src/node/services/citygrid_services.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './preload.cjs';

/** The slice of Electron's ipcMain the adapter uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcInvokeEventLike {
  sender: unknown;
}

export interface EventReceiver {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export interface IpcAdapterOptions {
  isTrustedSender(event: IpcInvokeEventLike): boolean;
  receivers(): EventReceiver[];
}

export function registerServiceHandlers(ipcMain: IpcMainLike, services: CityGridServices, options: IpcAdapterOptions): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, method, request) => {
    if (!options.isTrustedSender(event)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'request from an untrusted frame' } };
    }
    return dispatch(services, method, request);
  });
  const unsubscribe = services.subscribe((serviceEvent: ServiceEvent) => {
    for (const receiver of options.receivers()) {
      if (!receiver.isDestroyed()) receiver.send(EVENT_CHANNEL, serviceEvent);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
