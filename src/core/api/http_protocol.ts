/**
 * How the contract travels over the web host's HTTP: POST /api/<method> with a
 * JSON body (Content-Type application/json only), events as Server-Sent Events
 * at /api/events, the per-start token in this header on every call that can
 * change anything (`?token=` / the cookie serve only for GETs of the page, its
 * assets and events). A file the
 * browser holds is uploaded as the raw body of POST /upload?name=FILE[&batch=ID]
 * (the parts of one shapefile share a batch) and answers with its path on the
 * service machine.
 */
export const TOKEN_HEADER = 'X-CityGrid-Token';
export const API_PATH_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
export const UPLOAD_PATH = '/upload';
/** All uploads staged for import together may take this much: the browser path is for deliveries, not whole cities. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export interface UploadedFile { path: string; batch: string; size: number }
