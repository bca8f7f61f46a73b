/**
 * COMPONENT_CODE_INVALID, COMPONENT_CODE_DUPLICATE and
 * COMPONENT_CLASS_UNKNOWN: 16/17-digit layouts by length, a real county,
 * a sequence that is not all zeros, and a class (major + minor) that the
 * class table of the code's layout has (the workspace's city table standing
 * in for its base). A repeated code is reported at every component
 * after the first.
 */
import type { QaRuleFamily } from '../qa_rule_family.js';
import { joinReasons } from './check_grid_codes.js';
import { CODE_CLASS_UNKNOWN, CODE_INVALID, componentCodeFacts } from './component_code_facts.js';
import { findRepeatedCodes } from './find_repeated_codes.js';

export const checkComponentCodes: QaRuleFamily = {
  name: 'component codes',
  ruleIds: ['COMPONENT_CODE_INVALID', 'COMPONENT_CODE_DUPLICATE', 'COMPONENT_CLASS_UNKNOWN'],
  // The points too: every finding names a place to look.
  needs: ['componentCodes', 'componentPoints'],
  weight: 3,
  run(context) {
    const components = context.input.components;
    const facts = componentCodeFacts(context);
    for (let row = 0; row < components.count; row++) {
      const status = facts.status[row];
      if (status === CODE_INVALID) {
        context.report('COMPONENT_CODE_INVALID', {
          layer: 'components', fid: components.fids[row]!, code: components.codes.at(row), x: components.xs[row]!, y: components.ys[row]!,
          values: { reason: joinReasons(facts.reasons.get(row) ?? []) },
        });
      } else if (status === CODE_CLASS_UNKNOWN) {
        context.report('COMPONENT_CLASS_UNKNOWN', {
          layer: 'components', fid: components.fids[row]!, code: components.codes.at(row), x: components.xs[row]!, y: components.ys[row]!,
          values: { classCode: facts.classCodes[facts.classOf[row]!]!, taxonomy: facts.classTables[facts.classOf[row]!]! },
        });
      }
    }
    if (!context.isEnabled('COMPONENT_CODE_DUPLICATE')) return;
    const firstOf = findRepeatedCodes(components.codes);
    for (let row = 0; row < components.count; row++) {
      const first = firstOf[row]!;
      if (first < 0) continue;
      context.report('COMPONENT_CODE_DUPLICATE', {
        layer: 'components', fid: components.fids[row]!, code: components.codes.at(row), x: components.xs[row]!, y: components.ys[row]!,
        values: { otherFid: String(components.fids[first]!) },
        details: { otherFid: components.fids[first]! },
      });
    }
  },
};
