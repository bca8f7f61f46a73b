/**
 * Who may ask the web host what. The per-start token keeps other machines and
 * users out; these rules keep out other *pages* in the user's own browser.
 *
 * A page served from another port of 127.0.0.1 is the same site as the host,
 * so the browser sends it the host's SameSite=Strict cookie: the cookie proves
 * only that the browser once opened the URL, not that our page is asking. So:
 * - a request that says where it comes from (`Origin`, `Sec-Fetch-Site`) must
 *   come from the host's own origin; `Sec-Fetch-Site: none` (the user opened
 *   the URL themselves) is accepted for reading only;
 * - every state-changing request (POST /api/*, POST /upload) carries the token
 *   in TOKEN_HEADER, which another origin cannot set without a CORS preflight
 *   the host never grants; the cookie or `?token=` serve only for GETs of the
 *   page, its assets and the event stream;
 * - API bodies are `application/json` only, a type no plain form can send.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { API_PATH_PREFIX, TOKEN_HEADER, UPLOAD_PATH } from '../../core/api/http_protocol.js';
import type { ServiceError } from '../../core/api/errors.js';

export interface Refusal { status: number; error: ServiceError }

export interface GuardContext {
  port: number;
  token: string;
  cookieName: string;
}

/** The reason to refuse `request`, or null when it may proceed. */
export function refusalOf(request: IncomingMessage, url: URL, context: GuardContext): Refusal | null {
  const host = request.headers.host;
  if (!isLoopbackHost(host, context.port)) return refuse(403, 'UNAUTHORIZED', 'foreign Host header refused');
  const reading = request.method === 'GET' || request.method === 'HEAD';
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return refuse(403, 'UNAUTHORIZED', `requests from ${origin} are refused: only the page this host serves may call it`);
  }
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && !(fetchSite === 'none' && reading)) {
    return refuse(403, 'UNAUTHORIZED', `a ${fetchSite} request is refused: only the page this host serves may call it`);
  }
  const stateChanging = !reading && (url.pathname.startsWith(API_PATH_PREFIX) || url.pathname === UPLOAD_PATH);
  const header = request.headers[TOKEN_HEADER.toLowerCase()];
  const candidates = stateChanging
    ? [typeof header === 'string' ? header : null]
    : [typeof header === 'string' ? header : null, url.searchParams.get('token'), readCookie(request.headers.cookie, context.cookieName)];
  if (!candidates.some((candidate) => candidate !== null && sameSecret(candidate, context.token))) {
    return stateChanging
      ? refuse(401, 'UNAUTHORIZED', `missing or wrong ${TOKEN_HEADER} header: calls that change anything need the token in this header`)
      : refuse(401, 'UNAUTHORIZED', 'missing or wrong token; open the URL that "citygrid serve" printed');
  }
  if (stateChanging && url.pathname.startsWith(API_PATH_PREFIX) && mediaType(request.headers['content-type']) !== 'application/json') {
    return refuse(415, 'INVALID_REQUEST', 'the request body must be sent as Content-Type: application/json');
  }
  return null;
}

function refuse(status: number, code: ServiceError['code'], message: string): Refusal {
  return { status, error: { code, message } };
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function sameSecret(candidate: string, token: string): boolean {
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
