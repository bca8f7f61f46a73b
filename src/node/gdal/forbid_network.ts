/**
 * CityGrid never reads anything over the network: sources, workspaces and
 * packages are files on this machine. GDAL would, given a URL inside a file
 * it reads (a VRT, a KML link, `/vsicurl/…`), so it is told not to, process
 * wide, as a second line behind the import's driver list and path checks
 * (import/check_source_policy.ts):
 * - /vsicurl/ (and the drivers that read through it) accepts only file names
 *   ending in an extension nothing has;
 * - every other HTTP request GDAL makes goes through a proxy on a port
 *   nothing listens on (9, discard), fails at once and is not retried.
 */
import type gdalModule from 'gdal-async';

export const NO_NETWORK_OPTIONS: Readonly<Record<string, string>> = {
  CPL_VSIL_CURL_ALLOWED_EXTENSIONS: '.citygrid-never-fetched',
  GDAL_HTTP_PROXY: '127.0.0.1:9',
  GDAL_HTTPS_PROXY: '127.0.0.1:9',
  GDAL_HTTP_MAX_RETRY: '0',
  GDAL_HTTP_TIMEOUT: '1',
  GDAL_HTTP_CONNECTTIMEOUT: '1',
};

export function forbidNetwork(gdal: typeof gdalModule): void {
  for (const [name, value] of Object.entries(NO_NETWORK_OPTIONS)) gdal.config.set(name, value);
}
