/**
 * Planning a whole-workspace migration (legacy → current) by hand on small
 * lists: grid codes 14 → 15, component codes 16 → 17 through the class
 * mapping, references following the codes they point at, and every code
 * that cannot move listed with its reason.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLayout, type CodeField } from '../../src/core/codes/code_layout.js';
import { planWorkspaceMigration, type CodeFieldValues, type KindMigrationRule } from '../../src/core/codes/plan_workspace_migration.js';
import type { ClassMapping, ClassMappingPair } from '../../src/core/taxonomy/taxonomy.js';
import { codeLayouts, taxonomyFile } from '../helpers/code_fixtures.js';

const layouts = codeLayouts();
const mapping = taxonomyFile<ClassMapping>('mapping-legacy-cjt214-to-gbt47678.5');

function rules(extraPairs: ClassMappingPair[] = []): KindMigrationRule[] {
  const pairs = new Map(mapping.pairs.map((pair) => [pair.from, pair]));
  for (const pair of extraPairs) if (!pairs.has(pair.from)) pairs.set(pair.from, pair);
  return [
    { step: { kind: 'grid', from: findLayout(layouts, 'grid-legacy-14'), to: findLayout(layouts, 'grid-current-15') } },
    {
      step: { kind: 'component', from: findLayout(layouts, 'component-legacy-16'), to: findLayout(layouts, 'component-current-17') },
      classPairs: pairs, unmappedReasons: new Map(mapping.unmapped.map((entry) => [entry.from, entry])), fromClasses: taxonomyFile('legacy-cjt214-components'),
    },
  ];
}

const GRIDS: CodeField = { layer: 'grids', field: 'BGCODE', kind: 'grid', role: 'identity' };
const COMPONENT_GRIDS: CodeField = { layer: 'components', field: 'BGCODE', kind: 'grid', role: 'reference' };
const CASE_GRIDS: CodeField = { layer: 'cases', field: 'BGCODE', kind: 'grid', role: 'reference' };
const COMPONENTS: CodeField = { layer: 'components', field: 'OBJCODE', kind: 'component', role: 'identity' };
const CASE_COMPONENTS: CodeField = { layer: 'cases', field: 'OBJCODE', kind: 'component', role: 'reference' };

/** Each code once, unless given as [code, count]. */
function field(place: CodeField, codes: Array<string | null | [string, number]>): CodeFieldValues {
  return { ...place, values: codes.map((entry) => (Array.isArray(entry) ? { code: entry[0], count: entry[1] } : { code: entry, count: 1 })) };
}

test('grid codes widen their sequence by the layouts (01 → 001) and every reference follows', () => {
  const plan = planWorkspaceMigration({
    rules: rules(),
    fields: [
      field(GRIDS, ['37130200100101', '37130200100102', '37130200200199']),
      field(COMPONENT_GRIDS, [['37130200100101', 5], ['37130200200199', 2]]),
      field(CASE_GRIDS, ['37130200100102', null, '']),
    ],
  });
  assert.deepEqual(plan.steps, [
    { kind: 'grid', fromLayout: 'grid-legacy-14', toLayout: 'grid-current-15' },
    { kind: 'component', fromLayout: 'component-legacy-16', toLayout: 'component-current-17' },
  ]);
  assert.deepEqual(plan.fields[0]!.changes, [
    { from: '37130200100101', to: '371302001001001', count: 1 },
    { from: '37130200100102', to: '371302001001002', count: 1 },
    { from: '37130200200199', to: '371302002001099', count: 1 },
  ]);
  assert.deepEqual(plan.fields[1]!.changes, [
    { from: '37130200100101', to: '371302001001001', count: 5 },
    { from: '37130200200199', to: '371302002001099', count: 2 },
  ]);
  assert.deepEqual(plan.fields[2]!.counts, { features: 3, blank: 2, alreadyCurrent: 0, migrated: 1, refused: 0 });
  assert.deepEqual(plan.refused, []);
  assert.deepEqual(plan.dangling, []);
  assert.deepEqual(plan.counts, { features: 13, blank: 2, alreadyCurrent: 0, migrated: 11, refused: 0 });
});

test('codes that cannot move are refused with the reason at every field holding them: invalid, community record, collision', () => {
  const plan = planWorkspaceMigration({
    rules: rules(),
    fields: [
      field(GRIDS, [
        '37130200100101', // fine
        '37130200100100', // sequence 00: the community's own record, not a unit grid
        '3713020010010A', // a letter in a digits-only legacy code
        '3713020010010', // 13 characters
        '37130200100202', // would become 371302001002002, which a grid already has
        '371302001002002', // already current
      ]),
      field(COMPONENT_GRIDS, [['37130200100202', 3], ['37130200100101', 1]]),
    ],
  });
  const refused = plan.refused.map((entry) => `${entry.layer}.${entry.field} ${entry.code} ×${entry.count} ${entry.problem}`);
  assert.deepEqual(refused, [
    'grids.BGCODE 3713020010010 ×1 invalid',
    'grids.BGCODE 37130200100100 ×1 not-representable',
    'grids.BGCODE 3713020010010A ×1 invalid',
    'grids.BGCODE 37130200100202 ×1 collision',
    'components.BGCODE 37130200100202 ×3 collision',
  ]);
  const reason = (code: string): string => plan.refused.find((entry) => entry.code === code)!.reason.en;
  assert.match(reason('37130200100100'), /sequence 00 marks the community-level record/);
  assert.match(reason('3713020010010A'), /may only contain digits/);
  assert.match(reason('3713020010010'), /must have 14 characters, has 13/);
  assert.match(reason('37130200100202'), /371302001002002 is already another feature's code/);
  assert.deepEqual(plan.fields[0]!.changes, [{ from: '37130200100101', to: '371302001001001', count: 1 }]);
  assert.equal(plan.fields[0]!.counts.alreadyCurrent, 1);
  assert.deepEqual(plan.counts, { features: 10, blank: 0, alreadyCurrent: 1, migrated: 2, refused: 7 });
});

test('component codes change class through the mapping; unmapped classes are grouped by class with the mapping\'s reason', () => {
  const plan = planWorkspaceMigration({
    rules: rules(),
    fields: [
      field(COMPONENTS, [
        ['3713020118000001', 2], // 路灯, stored twice
        '3713020101000002', // 上水井盖 → 供水井盖
        '3713020117000001', '3713020117000002', // 立杆: no single current class
        '3713020139000001', // a local class the standard mapping does not list
        '37130201037000005', // already current (路灯 5)
        '3713020118000005', // would become 37130201037000005, which is taken
        '3713020118000000', // sequence 000000
      ]),
      field(CASE_COMPONENTS, ['3713020118000001', '3713020117000002', null]),
    ],
  });
  assert.deepEqual(plan.fields[0]!.changes, [
    { from: '3713020101000002', to: '37130201001000002', count: 1 },
    { from: '3713020118000001', to: '37130201037000001', count: 2 },
  ]);
  assert.deepEqual(plan.fields[1]!.changes, [{ from: '3713020118000001', to: '37130201037000001', count: 1 }]);
  assert.deepEqual(plan.byClass.map((entry) => `${entry.fromClass} ${entry.fromName}→${entry.toClass} ${entry.toName} ×${entry.count}`), [
    '0101 上水井盖→01001 供水井盖 ×1',
    '0118 路灯→01037 路灯 ×2',
  ]);
  assert.deepEqual(plan.unmappedClasses.map(({ classCode, className, reason, count }) => ({ classCode, className, reason, count })), [
    { classCode: '0117', className: '立杆', reason: 'no-counterpart', count: 2 },
    { classCode: '0139', className: undefined, reason: 'not-in-mapping', count: 1 },
  ]);
  assert.ok(plan.unmappedClasses[0]!.reviewHints!.includes('01030 电力立杆'));
  assert.deepEqual(plan.refused.map((entry) => `${entry.layer} ${entry.code} ${entry.problem}`), [
    'components 3713020117000001 unmapped-class',
    'components 3713020117000002 unmapped-class',
    'components 3713020118000000 not-representable',
    'components 3713020118000005 collision',
    'components 3713020139000001 unmapped-class',
    'cases 3713020117000002 unmapped-class',
  ]);
  const { features, blank, alreadyCurrent, migrated, refused } = plan.counts;
  assert.equal(blank + alreadyCurrent + migrated + refused, features, 'every value counted once');
});

test('a city\'s own decision maps its local class; two classes meeting in one new code are both held back', () => {
  const city = [{ from: '0139', fromName: '共享单车停放点', to: '02025', toName: '非机动车停放点', rule: 'city' }];
  const decided = planWorkspaceMigration({ rules: rules(city), fields: [field(COMPONENTS, ['3713020139000001'])] });
  assert.deepEqual(decided.fields[0]!.changes, [{ from: '3713020139000001', to: '37130202025000001', count: 1 }]);
  assert.equal(decided.byClass[0]!.rule, 'city');
  const merging = [{ from: '0139', fromName: '共享单车停放点', to: '01037', toName: '路灯', rule: 'test' }];
  const clash = planWorkspaceMigration({ rules: rules(merging), fields: [field(COMPONENTS, ['3713020118000001', '3713020139000001'])] });
  assert.deepEqual(clash.fields[0]!.changes, []);
  assert.deepEqual(clash.refused.map((entry) => [entry.code, entry.problem]), [['3713020118000001', 'collision'], ['3713020139000001', 'collision']]);
  assert.match(clash.refused[0]!.reason.en, /3713020118000001, 3713020139000001 would all become 37130201037000001/);
});

test('a reference to no feature is migrated like the rest and reported; one left behind follows its grid; a workspace already current plans nothing', () => {
  const plan = planWorkspaceMigration({
    rules: rules(),
    fields: [field(GRIDS, ['37130200100101']), field(COMPONENT_GRIDS, ['37130200100101', '37130200100109'])],
  });
  assert.deepEqual(plan.fields[1]!.changes.map((change) => change.to), ['371302001001001', '371302001001009']);
  assert.deepEqual(plan.dangling, [{ ...COMPONENT_GRIDS, code: '371302001001009', count: 1 }]);

  // Grids already current, a reference still legacy: it follows its grid, nothing collides.
  const late = planWorkspaceMigration({ rules: rules(), fields: [field(GRIDS, ['371302001001001']), field(COMPONENT_GRIDS, ['37130200100101'])] });
  assert.deepEqual(late.fields[1]!.changes, [{ from: '37130200100101', to: '371302001001001', count: 1 }]);
  assert.deepEqual(late.refused, []);

  const current = planWorkspaceMigration({
    rules: rules(),
    fields: [field(GRIDS, ['371302001001001']), field(COMPONENT_GRIDS, ['371302001001001']), field(COMPONENTS, ['37130201037000001'])],
  });
  assert.deepEqual(current.counts, { features: 3, blank: 0, alreadyCurrent: 3, migrated: 0, refused: 0 });
  assert.ok(current.fields.every((entry) => entry.changes.length === 0));
});
