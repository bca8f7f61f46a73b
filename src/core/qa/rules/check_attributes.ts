/**
 * ATTRIBUTE_REQUIRED_MISSING and ATTRIBUTE_INVALID: each record against its
 * layer's JSON Schema (schemas/attributes/), one finding per field that
 * breaks it, naming the field, the value and the rule.
 */
import type { PropertyValue } from '../../api/geo_types.js';
import type { QaRuleFamily } from '../qa_rule_family.js';
import { validateAttributes } from '../attributes/validate_attributes.js';

const SHOWN_VALUE_LENGTH = 60;

export const checkAttributes: QaRuleFamily = {
  name: 'attributes',
  ruleIds: ['ATTRIBUTE_REQUIRED_MISSING', 'ATTRIBUTE_INVALID'],
  needs: ['attributes'],
  weight: 1,
  run(context) {
    const codeFields = context.references.rules.featureCodeFields;
    // The layers' passes finish in whatever order their queries do: reported in a fixed order, so
    // that a rule over its listing limit lists the same records every time.
    const sets = [...context.input.attributes].sort((first, second) => (first.layer < second.layer ? -1 : first.layer > second.layer ? 1 : 0));
    for (const set of sets) {
      const schema = context.references.attributeSchemas[set.layer];
      if (!schema) continue;
      const codeField = codeFields[set.layer];
      const layerTitle = context.layerTitle(set.layer);
      set.records.forEach((record, index) => {
        const violations = validateAttributes(schema, record);
        if (violations.length === 0) return;
        const codeValue = codeField ? record[codeField] : null;
        const code = codeValue === null || codeValue === undefined ? '' : String(codeValue);
        for (const violation of violations) {
          const ruleId = violation.rule === 'required' ? 'ATTRIBUTE_REQUIRED_MISSING' : 'ATTRIBUTE_INVALID';
          context.report(ruleId, {
            layer: set.layer, fid: set.fids[index]!, code, x: set.xs[index]!, y: set.ys[index]!,
            values: { code: code || `fid ${set.fids[index]}`, layerTitle, field: violation.field, fieldTitle: violation.label, value: shown(violation.value), reason: violation.reason },
            details: { field: violation.field, value: violation.value, rule: violation.rule },
          });
        }
      });
    }
  },
};

function shown(value: PropertyValue): string {
  const text = value === null ? '' : String(value);
  return text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH)}…` : text;
}
