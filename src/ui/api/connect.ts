/**
 * Picks the transport the page was loaded under: Electron's preload bridge when
 * present, otherwise the web host, whose URL carries the per-start token.
 */
import { createApiClient, type ApiClient } from '../../core/api/client.js';
import { createHttpTransport } from './http_transport.js';
import { createIpcTransport, type CityGridBridge } from './ipc_transport.js';
import { createBridgePicker, createUploadPicker, type SourcePicker } from './source_picker.js';

declare global {
  interface Window { citygridBridge?: CityGridBridge }
}

export function connectToServices(): ApiClient {
  if (window.citygridBridge) return createApiClient(createIpcTransport(window.citygridBridge));
  const token = new URL(window.location.href).searchParams.get('token') ?? '';
  return createApiClient(createHttpTransport(window.location.origin, token));
}

/** How picked files become paths the services can open: their own path under Electron, an upload to the web host otherwise. */
export function connectSourcePicker(): SourcePicker {
  const bridge = window.citygridBridge;
  if (bridge) return createBridgePicker((file) => bridge.pathForFile(file));
  const token = new URL(window.location.href).searchParams.get('token') ?? '';
  return createUploadPicker(window.location.origin, token);
}
