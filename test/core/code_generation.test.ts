/**
 * The generations and code fields in schemas/code-layouts.json: the layouts
 * they name exist, every workspace field that holds a unit grid or component
 * code is declared (so a new layer with a grid code cannot be forgotten by a
 * migration), and translation follows the layouts, not fixed positions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeFields, findGeneration, generationSteps } from '../../src/core/codes/code_generation.js';
import { findLayout, layoutLength, type CodeLayout } from '../../src/core/codes/code_layout.js';
import { translateCode } from '../../src/core/codes/translate_code.js';
import type { WorkspaceLayersSchema } from '../../src/core/schema/layer_schema.js';
import { codeLayouts, readSchema } from '../helpers/code_fixtures.js';

const layouts = codeLayouts();

test('the legacy generation migrates to the current one: grids 14 → 15, components 16 → 17', () => {
  const legacy = findGeneration(layouts, 'legacy')!;
  const current = findGeneration(layouts, 'current')!;
  assert.equal(current.migratesFrom, 'legacy');
  const steps = generationSteps(layouts, legacy, current).map((step) => `${step.kind} ${layoutLength(step.from)}→${layoutLength(step.to)}`);
  assert.deepEqual(steps, ['grid 14→15', 'component 16→17']);
});

test('every workspace field labelled as a unit grid or component code is a declared code field, and only those', () => {
  const schema = readSchema<WorkspaceLayersSchema>('workspace-layers.json');
  const labelled: string[] = [];
  for (const layer of schema.layers) {
    for (const field of layer.fields) {
      const kind = field.label.en === 'Unit grid code' ? 'grid' : field.label.en === 'Component code' ? 'component' : undefined;
      if (kind) labelled.push(`${layer.name}.${field.name} ${kind}`);
    }
  }
  const declared = codeFields(layouts).map((field) => `${field.layer}.${field.field} ${field.kind}`);
  assert.deepEqual([...declared].sort(), [...labelled].sort());
  // One identity field per kind: the layer that owns the codes.
  assert.deepEqual(codeFields(layouts).filter((field) => field.role === 'identity').map((field) => `${field.layer}.${field.field}`), ['grids.BGCODE', 'components.OBJCODE']);
});

test('translation reads the layouts: a wider sequence in the data gives a wider code, a narrower one is refused', () => {
  const legacy = findLayout(layouts, 'grid-legacy-14');
  const wider: CodeLayout = { ...findLayout(layouts, 'grid-current-15'), id: 'grid-test-16', segments: findLayout(layouts, 'grid-current-15').segments.map((segment) => (segment.name === 'sequence' ? { ...segment, length: 4 } : segment)) };
  assert.deepEqual(translateCode('37130200100107', legacy, wider), { ok: true, code: '3713020010010007' });
  assert.deepEqual(translateCode('37130200100107', legacy, findLayout(layouts, 'grid-current-15')), { ok: true, code: '371302001001007' });
  const narrower: CodeLayout = { ...legacy, id: 'grid-test-13', segments: legacy.segments.map((segment) => (segment.name === 'sequence' ? { ...segment, length: 1 } : segment)) };
  const refused = translateCode('37130200100107', legacy, narrower);
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.reason.en : '', /longer than 1/);
});
