/**
 * A layer's coordinate system, read safely. gdal-async caches its
 * SpatialReference wrappers by the address of GDAL's native object, while
 * each wrapper holds its own copy; once a dataset is closed, its SRS address
 * can be reused by the next file's SRS, and until the old wrapper is garbage
 * collected `layer.srs` hands back the old copy: a lon/lat GeoJSON read right
 * after a workspace then claims to be EPSG:4527 (seen in about 1 in 60 reads
 * here). A full collection first drops the unreferenced stale wrappers.
 */
import { runInNewContext } from 'node:vm';
import type { Layer, SpatialReference } from 'gdal-async';
import './gdal_runtime.js';

// gdal_runtime.js (imported above) turns on --expose-gc before this runs.
const collectGarbage = runInNewContext('gc') as () => void;

export function readLayerSrs(layer: Layer): SpatialReference | null {
  collectGarbage();
  return layer.srs;
}
