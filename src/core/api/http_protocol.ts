/**
 * How the contract travels over the web host's HTTP: POST /api/<method> with a
 * JSON body, events as Server-Sent Events at /api/events, the per-start token
 * in this header (or `?token=` / cookie for the page itself).
 */
export const TOKEN_HEADER = 'X-CityGrid-Token';
export const API_PATH_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
