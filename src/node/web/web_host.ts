/**
 * The web host: serves the renderer and the service contract over loopback
 * HTTP, so the same UI runs in any browser (and in headless Chromium for the
 * tests). It listens on 127.0.0.1 only, on a random port by default, and asks
 * every request for the per-start token and its own origin (request_guard.ts:
 * the cookie set when the page was opened serves only for reading; anything
 * that changes state needs the token in a header). It sends no CORS headers,
 * so no other origin can read its answers, and it refuses foreign Host
 * headers (DNS rebinding). Files a browser drops for import are uploaded to
 * POST /upload under the same checks and staged in a private folder
 * (src/node/import/upload_staging.ts: one cap for all, a batch kept while
 * anything refers to it) removed when the host stops.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PATH_PREFIX, EVENTS_PATH, MAX_UPLOAD_BYTES, UPLOAD_PATH } from '../../core/api/http_protocol.js';
import { toServiceError } from '../../core/api/errors.js';
import { UploadStaging } from '../import/upload_staging.js';
import type { CityGridServices } from '../services/citygrid_services.js';
import { refusalOf } from './request_guard.js';
import { dispatchHoldingUploads } from './dispatch_holding_uploads.js';
import { serveStaticFile } from './static_files.js';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface WebHostOptions {
  services: CityGridServices;
  /** Built renderer (index.html and assets). */
  staticDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  token?: string;
  /** Most bytes all uploads staged for import may take together; MAX_UPLOAD_BYTES by default. */
  maxUploadBytes?: number;
}

export interface WebHost {
  /** The address to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const openStreams = new Set<ServerResponse>();
  let port = 0;
  let uploads: UploadStaging | null = null;
  const maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const api = dispatchHoldingUploads(options.services, () => uploads);
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((thrown) => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'INTERNAL', message: String((thrown as Error).message ?? thrown) } });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const refusal = refusalOf(request, url, { port, token, cookieName: cookieName(port) });
    if (refusal) {
      sendJson(response, refusal.status, { ok: false, error: refusal.error });
      request.resume();
      return;
    }
    const queryToken = url.searchParams.get('token');
    if (queryToken) {
      // The page's own assets then come with the token as a cookie; its API calls send the header.
      response.setHeader('Set-Cookie', `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname === EVENTS_PATH && request.method === 'GET') {
      openEventStream(response);
      return;
    }
    if (url.pathname === UPLOAD_PATH) {
      await receiveUpload(request, response, url);
      return;
    }
    if (url.pathname.startsWith(API_PATH_PREFIX)) {
      if (request.method !== 'POST') {
        sendJson(response, 405, { ok: false, error: { code: 'INVALID_REQUEST', message: 'use POST' } });
        return;
      }
      const method = url.pathname.slice(API_PATH_PREFIX.length);
      let body: unknown;
      try {
        body = JSON.parse((await readBody(request)) || '{}');
      } catch (thrown) {
        sendJson(response, 400, { ok: false, error: { code: 'INVALID_REQUEST', message: `request body: ${(thrown as Error).message}` } });
        return;
      }
      sendJson(response, 200, await api.dispatch(method, body));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, { ok: false, error: { code: 'INVALID_REQUEST', message: 'method not allowed' } });
      return;
    }
    await serveStaticFile(options.staticDir, url.pathname, response);
  }

  async function receiveUpload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, { ok: false, error: { code: 'INVALID_REQUEST', message: 'use POST' } });
      return;
    }
    const name = url.searchParams.get('name') ?? '';
    uploads ??= new UploadStaging(maxUploadBytes);
    try {
      sendJson(response, 200, { ok: true, value: await uploads.receive(request, name, url.searchParams.get('batch'), Number(request.headers['content-length'] ?? 0) || 0) });
    } catch (thrown) {
      const error = toServiceError(thrown);
      if (response.headersSent || response.destroyed) return;
      if (error.code === 'FILE_TOO_LARGE') {
        // Said as soon as it is known: the browser gets the reason instead of a cut connection.
        response.setHeader('Connection', 'close');
        sendJson(response, 413, { ok: false, error });
        request.resume();
        return;
      }
      sendJson(response, 400, { ok: false, error });
    }
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    openStreams.add(response);
    const unsubscribe = options.services.subscribe((event) => {
      response.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => {
      for (const stream of openStreams) stream.end();
      api.close();
      uploads?.dispose();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function cookieName(port: number): string {
  return `citygrid_token_${port}`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(body);
}
