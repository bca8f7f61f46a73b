/**
 * Coordinate reference systems of workspaces, read through GDAL/PROJ so that
 * the renderer gets an exact proj4 definition instead of a guess.
 */
import gdal from '../gdal/gdal_runtime.js';
import type { SpatialReference } from 'gdal-async';
import type { CrsInfo } from '../../core/api/contract.js';
import { CityGridError } from '../../core/api/errors.js';

export function spatialReferenceFor(code: string): SpatialReference {
  try {
    return gdal.SpatialReference.fromUserInput(code);
  } catch {
    throw new CityGridError('CRS_UNSUPPORTED', `unknown coordinate system "${code}" (expected e.g. EPSG:4527)`);
  }
}

export function crsInfoOf(srs: SpatialReference | null, declaredCode: string): CrsInfo {
  if (!srs) throw new CityGridError('CRS_MISSING', 'the workspace layers have no coordinate system');
  const authority = srs.getAuthorityName(null);
  const authorityCode = srs.getAuthorityCode(null);
  const code = authority && authorityCode ? `${authority}:${authorityCode}` : declaredCode;
  const name = String(srs.getAttrValue(srs.isProjected() ? 'PROJCS' : 'GEOGCS') ?? code);
  return { code, name, proj4: srs.toProj4().trim() };
}
