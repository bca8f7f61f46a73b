/**
 * The contract over Electron IPC, through the bridge the preload script
 * exposes with contextBridge (electron/preload.cts). The renderer never sees
 * ipcRenderer itself.
 */
import type { ApiMethod, Result, ServiceEvent } from '../../core/api/contract.js';
import type { Transport } from '../../core/api/client.js';

/** What electron/preload.cts exposes as `window.citygridBridge`. */
export interface CityGridBridge {
  invoke(method: string, request: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: ServiceEvent) => void): () => void;
  /** The path of a dropped or chosen file (Electron's webUtils.getPathForFile); '' when none. */
  pathForFile(file: File): string;
}

export function createIpcTransport(bridge: CityGridBridge): Transport {
  return {
    invoke: (method: ApiMethod, request: unknown) => bridge.invoke(method, request),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}
