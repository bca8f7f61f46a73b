/**
 * Types of `schemas/workspace-layers.json`: which layers a workspace holds and
 * their fields. The schema is data (loaded by the services, bundled by the
 * renderer); this module only describes and queries it.
 */
import type { GeometryKind } from '../api/contract.js';
import type { LocalizedText } from '../api/geo_types.js';

export type FieldType = 'String' | 'Integer' | 'Real';

export interface FieldSchema {
  name: string;
  type: FieldType;
  /** Maximum characters, for String fields. */
  width?: number;
  label: LocalizedText;
}

export interface LayerSchema {
  name: string;
  role: 'data' | 'base';
  geometry: Exclude<GeometryKind, 'None'>;
  title: LocalizedText;
  labelField: string | null;
  fields: FieldSchema[];
}

export interface WorkspaceLayersSchema {
  id: string;
  version: string;
  layers: LayerSchema[];
}

export function findLayerSchema(schema: WorkspaceLayersSchema, name: string): LayerSchema | undefined {
  return schema.layers.find((layer) => layer.name === name);
}

/** The field's label in the requested language, or the field name when the schema does not know it. */
export function fieldLabel(layer: LayerSchema | undefined, fieldName: string, language: keyof LocalizedText): string {
  const field = layer?.fields.find((candidate) => candidate.name === fieldName);
  return field ? field.label[language] : fieldName;
}
