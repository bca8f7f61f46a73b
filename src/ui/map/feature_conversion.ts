/**
 * FeatureDto (GeoJSON-like, already in the workspace CRS) → OpenLayers
 * Feature. No reprojection: the map view is in the workspace CRS.
 */
import Feature from 'ol/Feature.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import type { Geometry as OlGeometry } from 'ol/geom.js';
import type { FeatureDto } from '../../core/api/geo_types.js';

const geoJson = new GeoJSON();

/**
 * The geometry is stored under a name no attribute uses, so an attribute
 * called `geometry` cannot replace it.
 */
const GEOMETRY_KEY = '__geometry';

export function toOlFeature(dto: FeatureDto, id: string | number = dto.id): Feature<OlGeometry> {
  const feature = new Feature<OlGeometry>();
  feature.setGeometryName(GEOMETRY_KEY);
  feature.setProperties(dto.properties, true);
  feature.set('layer', dto.layer, true);
  if (dto.geometry) feature.setGeometry(geoJson.readGeometry(dto.geometry) as OlGeometry);
  feature.setId(id);
  return feature;
}
