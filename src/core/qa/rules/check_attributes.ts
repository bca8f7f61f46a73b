/**
 * ATTRIBUTE_REQUIRED_MISSING and ATTRIBUTE_INVALID: each record against its
 * layer's JSON Schema (schemas/attributes/), one finding per field that
 * breaks it, naming the field, the value and the rule. Failures the reader
 * counted per field (groups) count in full; only their first records are
 * described one by one.
 */
import type { PropertyValue } from '../../api/geo_types.js';
import type { CompiledAttributeSchema } from '../attributes/attribute_schema.js';
import type { QaContext } from '../qa_context.js';
import type { AttributeFailureGroup, AttributeRecordsInput } from '../qa_input.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { validateAttributes, type AttributeViolation } from '../attributes/validate_attributes.js';

const SHOWN_VALUE_LENGTH = 60;

export const checkAttributes: QaRuleFamily = {
  name: 'attributes',
  ruleIds: ['ATTRIBUTE_REQUIRED_MISSING', 'ATTRIBUTE_INVALID'],
  needs: ['attributes'],
  weight: 1,
  run(context) {
    // The layers' passes finish in whatever order their queries do: reported in a fixed order, so
    // that a rule over its listing limit lists the same records every time.
    const sets = [...context.input.attributes].sort((first, second) => (first.layer < second.layer ? -1 : first.layer > second.layer ? 1 : 0));
    for (const set of sets) {
      const schema = context.references.attributeSchemas[set.layer];
      if (!schema) continue;
      const groups = set.groups ?? [];
      const grouped = new Set(groups.map((group) => `${group.field}\u0000${group.kind}`));
      reportRecords(context, set.layer, schema, set, null, (violation) => !grouped.has(`${violation.field}\u0000${kindOf(violation)}`));
      for (const group of groups) {
        const reported = reportRecords(context, set.layer, schema, group, new Set([group.field]), (violation) => kindOf(violation) === group.kind);
        const title = schema.byName.get(group.field)?.label ?? { zh: group.field, en: group.field };
        context.reportCounted(ruleOf(group.kind), set.layer, { name: group.field, title }, group.count - reported);
      }
    }
  },
};

const kindOf = (violation: AttributeViolation): AttributeFailureGroup['kind'] => (violation.rule === 'required' ? 'required' : 'invalid');
const ruleOf = (kind: AttributeFailureGroup['kind']): string => (kind === 'required' ? 'ATTRIBUTE_REQUIRED_MISSING' : 'ATTRIBUTE_INVALID');

/** One finding per field of `only` (every field without it) that a record breaks and `counts` keeps; returns how many. */
function reportRecords(
  context: QaContext, layer: string, schema: CompiledAttributeSchema, set: Pick<AttributeRecordsInput, 'fids' | 'records' | 'xs' | 'ys'>,
  only: ReadonlySet<string> | null, counts: (violation: AttributeViolation) => boolean,
): number {
  const codeField = context.references.rules.featureCodeFields[layer];
  const layerTitle = context.layerTitle(layer);
  let reported = 0;
  set.records.forEach((record, index) => {
    const violations = validateAttributes(schema, record, only ?? undefined).filter(counts);
    if (violations.length === 0) return;
    const codeValue = codeField ? record[codeField] : null;
    const code = codeValue === null || codeValue === undefined ? '' : String(codeValue);
    for (const violation of violations) {
      reported++;
      context.report(ruleOf(kindOf(violation)), {
        layer, fid: set.fids[index]!, code, x: set.xs[index]!, y: set.ys[index]!,
        values: { code: code || `fid ${set.fids[index]}`, layerTitle, field: violation.field, fieldTitle: violation.label, value: shown(violation.value), reason: violation.reason },
        details: { field: violation.field, value: violation.value, rule: violation.rule },
        field: { name: violation.field, title: violation.label },
      });
    }
  });
  return reported;
}

function shown(value: PropertyValue): string {
  const text = value === null ? '' : String(value);
  return text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH)}…` : text;
}
