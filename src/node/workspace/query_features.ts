/**
 * Read queries on a workspace: features in an extent (what the map draws) and
 * identify at a point (what a click shows). Candidates come from the
 * GeoPackage's R-tree through a spatial filter; the exact test is GEOS's.
 */
import gdal from '../gdal/gdal_runtime.js';
import type { FeaturePage, FeaturesRequest, IdentifyRequest, IdentifyResult } from '../../core/api/contract.js';
import { CityGridError } from '../../core/api/errors.js';
import type { Extent, FeatureDto } from '../../core/api/geo_types.js';
import { toFeatureDto } from '../gdal/gdal_features.js';
import type { Workspace } from './workspace.js';

const DEFAULT_LIMIT = 50_000;
const HITS_PER_LAYER = 20;

export function featuresInExtent(workspace: Workspace, request: FeaturesRequest): FeaturePage {
  const extent = checkExtent(request.extent);
  const limit = Math.max(1, Math.min(request.limit ?? DEFAULT_LIMIT, 500_000));
  const layer = workspace.layer(request.layer);
  const features: FeatureDto[] = [];
  let truncated = false;
  layer.setSpatialFilter(extent[0], extent[1], extent[2], extent[3]);
  try {
    for (let feature = layer.features.first(); feature; feature = layer.features.next()) {
      if (features.length >= limit) { truncated = true; break; }
      features.push(toFeatureDto(request.layer, feature));
    }
  } finally {
    layer.setSpatialFilter(null);
  }
  return { layer: request.layer, features, truncated };
}

export function identifyAt(workspace: Workspace, request: IdentifyRequest): IdentifyResult {
  if (!Number.isFinite(request.x) || !Number.isFinite(request.y)) {
    throw new CityGridError('INVALID_REQUEST', 'identify: x and y must be numbers');
  }
  const tolerance = Number.isFinite(request.tolerance) && request.tolerance > 0 ? request.tolerance : 1;
  const layerNames = request.layers ?? workspace.layerInfos().filter((info) => info.role === 'data').map((info) => info.name).reverse();
  const point = new gdal.Point(request.x, request.y);
  const hits: FeatureDto[] = [];
  for (const layerName of layerNames) {
    const layer = workspace.layer(layerName);
    const layerHits: Array<{ distance: number; dto: FeatureDto }> = [];
    layer.setSpatialFilter(request.x - tolerance, request.y - tolerance, request.x + tolerance, request.y + tolerance);
    try {
      for (let feature = layer.features.first(); feature; feature = layer.features.next()) {
        const geometry = feature.getGeometry();
        if (!geometry) continue;
        // Areas are hit from inside; points and lines within the tolerance.
        const isArea = geometry.wkbType === gdal.wkbPolygon || geometry.wkbType === gdal.wkbMultiPolygon;
        const distance = isArea ? (geometry.contains(point) ? 0 : Infinity) : geometry.distance(point);
        if (distance <= tolerance) layerHits.push({ distance, dto: toFeatureDto(layerName, feature) });
      }
    } finally {
      layer.setSpatialFilter(null);
    }
    layerHits.sort((a, b) => a.distance - b.distance);
    hits.push(...layerHits.slice(0, HITS_PER_LAYER).map((hit) => hit.dto));
  }
  return { hits };
}

function checkExtent(extent: unknown): Extent {
  if (!Array.isArray(extent) || extent.length !== 4 || !extent.every((value) => Number.isFinite(value))) {
    throw new CityGridError('INVALID_REQUEST', 'extent must be [minX, minY, maxX, maxY] numbers');
  }
  const [minX, minY, maxX, maxY] = extent as Extent;
  if (minX > maxX || minY > maxY) throw new CityGridError('INVALID_REQUEST', 'extent min must not exceed max');
  return [minX, minY, maxX, maxY];
}
