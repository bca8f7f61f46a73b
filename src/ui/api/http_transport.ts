/**
 * The contract over the web host's loopback HTTP: POST /api/<method> with the
 * per-start token in a header, events as a Server-Sent Events stream read with
 * fetch (not EventSource) so that the same code runs in the browser and in
 * Node's tests.
 */
import type { ApiMethod, Result, ServiceEvent } from '../../core/api/contract.js';
import type { Transport } from '../../core/api/client.js';
import { API_PATH_PREFIX, EVENTS_PATH, TOKEN_HEADER } from '../../core/api/http_protocol.js';

export function createHttpTransport(baseUrl: string, token: string): Transport {
  const base = baseUrl.replace(/\/$/, '');
  return {
    async invoke(method: ApiMethod, request: unknown): Promise<Result<unknown>> {
      const response = await fetch(`${base}${API_PATH_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(request ?? {}),
      });
      const text = await response.text();
      try {
        return JSON.parse(text) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${response.status}: ${text.slice(0, 200)}` } };
      }
    },
    onEvent(listener: (event: ServiceEvent) => void): () => void {
      const abort = new AbortController();
      void readEventStream(`${base}${EVENTS_PATH}`, token, abort.signal, listener);
      return () => abort.abort();
    },
  };
}

async function readEventStream(url: string, token: string, signal: AbortSignal, listener: (event: ServiceEvent) => void): Promise<void> {
  // Reconnects after a dropped stream, as EventSource would.
  while (!signal.aborted) {
    try {
      const response = await fetch(url, { headers: { [TOKEN_HEADER]: token, Accept: 'text/event-stream' }, signal });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const data = message.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
          if (data) listener(JSON.parse(data) as ServiceEvent);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
