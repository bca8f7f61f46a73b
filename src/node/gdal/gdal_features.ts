/**
 * Conversions between GDAL features and the plain shapes that cross the
 * service boundary.
 */
import gdal from './gdal_runtime.js';
import type { Feature, Layer } from 'gdal-async';
import type { FeatureDto, FeatureRecord, Geometry, Properties, PropertyValue } from '../../core/api/geo_types.js';
import type { FieldSchema } from '../../core/schema/layer_schema.js';

export function toFeatureDto(layerName: string, feature: Feature): FeatureDto {
  const geometry = feature.getGeometry();
  return {
    layer: layerName,
    id: feature.fid,
    geometry: geometry ? (geometry.toObject() as Geometry) : null,
    properties: toProperties(feature.fields.toObject() as Record<string, unknown>),
  };
}

function toProperties(raw: Record<string, unknown>): Properties {
  const properties: Properties = {};
  for (const [name, value] of Object.entries(raw)) properties[name] = toPropertyValue(value);
  return properties;
}

function toPropertyValue(value: unknown): PropertyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'object' && 'year' in (value as object)) {
    const date = value as { year: number; month: number; day: number };
    return `${date.year}${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')}`;
  }
  return String(value);
}

const FIELD_TYPES: Record<FieldSchema['type'], string> = {
  String: gdal.OFTString,
  Integer: gdal.OFTInteger,
  Real: gdal.OFTReal,
};

export function createFieldDefinition(field: FieldSchema): gdal.FieldDefn {
  const definition = new gdal.FieldDefn(field.name, FIELD_TYPES[field.type]);
  if (field.type === 'String' && field.width) definition.width = field.width;
  return definition;
}

/** Builds a GDAL feature for `layer` from a record; fields the layer lacks are refused, not dropped. */
export function toGdalFeature(layer: Layer, record: FeatureRecord): Feature {
  const feature = new gdal.Feature(layer);
  feature.fields.set(record.properties as Record<string, string | number | null>);
  feature.setGeometry(gdal.Geometry.fromGeoJson(record.geometry));
  return feature;
}
