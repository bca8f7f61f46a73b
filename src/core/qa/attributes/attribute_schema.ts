/**
 * The part of JSON Schema (draft-07) the attribute schemas in
 * schemas/attributes/ use, compiled once for a validator that checks a
 * million records quickly. Anything else in a schema is refused rather than
 * silently not checked; annotations (title, description, x-…) are kept or
 * ignored.
 */
import type { LocalizedText } from '../../api/geo_types.js';

export type AttributeType = 'string' | 'number' | 'integer' | 'null';

export interface AttributePropertySchema {
  title?: string;
  description?: string;
  type?: AttributeType | AttributeType[];
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  enum?: Array<string | number>;
  /** `yyyymmdd`: a real calendar date written as 8 digits. */
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** CityGrid keyword: when both are filled, this value may not sort before the named field's (dates). */
  'x-citygrid-not-before'?: string;
  [annotation: string]: unknown;
}

export interface AttributeSchemaDocument {
  $id?: string;
  title?: string;
  description?: string;
  'x-citygrid-layer'?: string;
  'x-citygrid-version'?: string;
  /** An empty string counts as a value not filled in (GeoPackage text columns hold '' for "none"). */
  'x-citygrid-empty-is-absent'?: boolean;
  type: 'object';
  required?: string[];
  properties: Record<string, AttributePropertySchema>;
  [annotation: string]: unknown;
}

export interface CompiledProperty {
  name: string;
  label: LocalizedText;
  schema: AttributePropertySchema;
  types: AttributeType[] | null;
  required: boolean;
  pattern: RegExp | null;
  enumValues: Set<string | number> | null;
}

export interface CompiledAttributeSchema {
  id: string;
  layer: string;
  emptyIsAbsent: boolean;
  properties: CompiledProperty[];
  byName: Map<string, CompiledProperty>;
}

const PROPERTY_KEYWORDS = new Set(['type', 'maxLength', 'minLength', 'pattern', 'enum', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'x-citygrid-not-before']);
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default']);
const FORMATS = new Set(['yyyymmdd']);

/** "管理部件标识码 / Component code" → { zh, en }; a title without " / " serves both. */
export function labelOfTitle(title: string | undefined, fallback: string): LocalizedText {
  if (!title) return { zh: fallback, en: fallback };
  const split = title.indexOf(' / ');
  return split < 0 ? { zh: title, en: title } : { zh: title.slice(0, split), en: title.slice(split + 3) };
}

export function compileAttributeSchema(document: AttributeSchemaDocument): CompiledAttributeSchema {
  const id = document.$id ?? document.title ?? 'attribute schema';
  if (document.type !== 'object' || typeof document.properties !== 'object') throw new Error(`${id}: an attribute schema describes an object with properties`);
  const required = new Set(document.required ?? []);
  const properties: CompiledProperty[] = [];
  for (const [name, schema] of Object.entries(document.properties)) {
    for (const keyword of Object.keys(schema)) {
      if (!PROPERTY_KEYWORDS.has(keyword) && !ANNOTATIONS.has(keyword) && !keyword.startsWith('x-')) {
        throw new Error(`${id}: property ${name} uses "${keyword}", which the CityGrid attribute validator does not check`);
      }
    }
    if (schema.format !== undefined && !FORMATS.has(schema.format)) throw new Error(`${id}: property ${name} has unknown format "${schema.format}"`);
    const types = schema.type === undefined ? null : Array.isArray(schema.type) ? schema.type : [schema.type];
    properties.push({
      name,
      label: labelOfTitle(schema.title, name),
      schema,
      types,
      required: required.has(name),
      pattern: schema.pattern === undefined ? null : new RegExp(schema.pattern, 'u'),
      enumValues: schema.enum === undefined ? null : new Set(schema.enum),
    });
  }
  for (const name of required) {
    if (!properties.some((property) => property.name === name)) throw new Error(`${id}: required field ${name} has no property schema`);
  }
  return {
    id,
    layer: document['x-citygrid-layer'] ?? '',
    emptyIsAbsent: document['x-citygrid-empty-is-absent'] === true,
    properties,
    byName: new Map(properties.map((property) => [property.name, property])),
  };
}
