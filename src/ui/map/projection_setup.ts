/**
 * Makes the workspace CRS known to OpenLayers. The services send the proj4
 * definition with the workspace, so the renderer needs no EPSG database and
 * no GDAL. CGCS2000 lon/lat (EPSG:4490) is defined too, for the status bar.
 */
import proj4 from 'proj4';
import { register } from 'ol/proj/proj4.js';
import { get as getProjection, getTransform } from 'ol/proj.js';
import type Projection from 'ol/proj/Projection.js';
import type { TransformFunction } from 'ol/proj.js';
import type { CrsInfo } from '../../core/api/contract.js';

export const LONLAT_CODE = 'EPSG:4490';
const LONLAT_PROJ4 = '+proj=longlat +ellps=GRS80 +no_defs';

export interface WorkspaceProjection {
  projection: Projection;
  /** Workspace CRS → CGCS2000 lon/lat. */
  toLonLat: TransformFunction;
  /** Metres per map unit, to turn style sizes given in metres into map units. */
  metresPerUnit: number;
  isDegrees: boolean;
}

export function registerWorkspaceCrs(crs: CrsInfo): WorkspaceProjection {
  proj4.defs(LONLAT_CODE, LONLAT_PROJ4);
  proj4.defs(crs.code, crs.proj4);
  // register() only adds transforms it does not have yet, so calling it again
  // for a second workspace in the same session is safe.
  register(proj4 as unknown as Parameters<typeof register>[0]);
  const projection = getProjection(crs.code);
  if (!projection) throw new Error(`projection ${crs.code} could not be registered`);
  const isDegrees = projection.getUnits() === 'degrees';
  const toLonLat = getTransform(projection, LONLAT_CODE);
  if (!toLonLat) throw new Error(`no transform from ${crs.code} to ${LONLAT_CODE}`);
  return {
    projection,
    toLonLat,
    metresPerUnit: projection.getMetersPerUnit() ?? 1,
    isDegrees,
  };
}
