/** Names a layer's CRS by its authority code, or refuses: CityGrid never guesses a CRS. */
import type { SpatialReference } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';

export function identifyCrsCode(srs: SpatialReference, place: string): string {
  const direct = authorityCode(srs);
  if (direct) return direct;
  const copy = srs.clone();
  try {
    copy.autoIdentifyEPSG();
  } catch {
    // not identifiable: handled below
  }
  const identified = authorityCode(copy);
  if (identified) return identified;
  throw new CityGridError('CRS_UNSUPPORTED', `the coordinate system cannot be matched to an EPSG code (${srs.toProj4().trim()})`, place);
}

function authorityCode(srs: SpatialReference): string | null {
  const key = srs.isProjected() ? 'PROJCS' : 'GEOGCS';
  const name = srs.getAuthorityName(key);
  const code = srs.getAuthorityCode(key);
  return name && code ? `${name}:${code}` : null;
}
