/**
 * The source's coordinate system as an EPSG code. CityGrid never guesses
 * one: a source without a CRS (CSV, DXF, a shapefile without .prj) or with
 * one that matches no EPSG system is refused unless the user names the
 * system with --crs. --crs never overrides a CRS the source does declare.
 */
import type { Layer } from 'gdal-async';
import { CityGridError } from '../../core/api/errors.js';
import gdal from '../gdal/gdal_runtime.js';
import { identifyCrsCode } from './identify_crs.js';
import { readLayerSrs } from '../gdal/read_layer_srs.js';

export interface SourceCrs {
  /** null only when inspecting leniently. */
  code: string | null;
  origin: 'source' | '--crs' | null;
  note: string | null;
}

export function resolveSourceCrs(layer: Layer, requested: string | undefined, place: string, lenient = false): SourceCrs {
  const told = requested ? checkedCode(requested, place) : undefined;
  const srs = readLayerSrs(layer);
  if (!srs) {
    if (told) return { code: told, origin: '--crs', note: 'the source has no coordinate system; taken as --crs says' };
    if (lenient) return { code: null, origin: null, note: 'no coordinate system; an import needs --crs EPSG:N' };
    throw new CityGridError('CRS_MISSING', 'the source has no coordinate system (.prj missing or empty, or a format without one); CityGrid does not guess one: give it with --crs EPSG:N', place);
  }
  let declared: string;
  try {
    declared = identifyCrsCode(srs, place);
  } catch (thrown) {
    if (!(thrown instanceof CityGridError)) throw thrown;
    const detail = thrown.message.slice(place.length + 2);
    if (told) return { code: told, origin: '--crs', note: `its own ${detail}; taken as ${told} as --crs says` };
    if (lenient) return { code: null, origin: null, note: `${detail}; an import needs --crs EPSG:N` };
    throw new CityGridError('CRS_UNSUPPORTED', `${detail}; CityGrid does not guess: give the EPSG code with --crs if you know it`, place);
  }
  if (told && told !== declared) {
    throw new CityGridError('INVALID_REQUEST', `the source declares ${declared}, --crs says ${told}; --crs is only for sources without a usable coordinate system`, place);
  }
  return { code: declared, origin: 'source', note: null };
}

function checkedCode(requested: string, place: string): string {
  const code = requested.trim().toUpperCase();
  if (!/^EPSG:\d+$/.test(code)) throw new CityGridError('INVALID_REQUEST', `--crs "${requested}": expected EPSG:N, e.g. EPSG:4527`, place);
  try {
    gdal.SpatialReference.fromUserInput(code);
  } catch {
    throw new CityGridError('CRS_UNSUPPORTED', `--crs ${code} is not a coordinate system GDAL knows`, place);
  }
  return code;
}
