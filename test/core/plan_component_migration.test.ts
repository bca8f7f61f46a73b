/** Planning a 16→17-digit component code migration on a small list, by hand. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLayout } from '../../src/core/codes/code_layout.js';
import { planComponentMigration, type PlanMigrationInput } from '../../src/core/codes/plan_component_migration.js';
import type { ClassMapping } from '../../src/core/taxonomy/taxonomy.js';
import { codeLayouts, taxonomyFile } from '../helpers/code_fixtures.js';

const layouts = codeLayouts();
const mapping = taxonomyFile<ClassMapping>('mapping-legacy-cjt214-to-gbt47678.5');
const input = (codes: Array<string | null>, extraPairs: ClassMapping['pairs'] = []): PlanMigrationInput => ({
  codes,
  from: findLayout(layouts, 'component-legacy-16'),
  to: findLayout(layouts, 'component-current-17'),
  mapping: { pairs: [...mapping.pairs, ...extraPairs], unmapped: mapping.unmapped },
  fromClasses: taxonomyFile('legacy-cjt214-components'),
});

const CODES = [
  '3713020118000001', '3713020118000001', // 路灯, stored twice
  '3713020101000002', // 上水井盖 → 供水井盖
  '3713020117000001', '3713020117000002', // 立杆: no single current class
  '3713020139000001', // a city's local class: not in the standard mapping
  '37130201037000005', // already current (路灯 5)
  '3713020118000005', // would become 37130201037000005, which is taken
  '', '12345', null,
];

test('mapped codes keep division and sequence; unmapped classes are grouped with their codes; every code is counted once', () => {
  const plan = planComponentMigration(input(CODES));
  assert.equal(plan.fromLayout, 'component-legacy-16');
  assert.equal(plan.toLayout, 'component-current-17');
  assert.deepEqual(plan.changes, [
    { from: '3713020118000001', to: '37130201037000001', fromClass: '0118', toClass: '01037', rule: 'identical' },
    { from: '3713020101000002', to: '37130201001000002', fromClass: '0101', toClass: '01001', rule: 'term-renamed' },
  ]);
  assert.deepEqual(plan.byClass.map((entry) => `${entry.fromClass} ${entry.fromName}→${entry.toClass} ${entry.toName} ×${entry.count}`), [
    '0101 上水井盖→01001 供水井盖 ×1',
    '0118 路灯→01037 路灯 ×2',
  ]);
  assert.deepEqual(plan.unmapped.map(({ classCode, className, reason, count, codes }) => ({ classCode, className, reason, count, codes })), [
    { classCode: '0117', className: '立杆', reason: 'no-counterpart', count: 2, codes: ['3713020117000001', '3713020117000002'] },
    { classCode: '0139', className: undefined, reason: 'not-in-mapping', count: 1, codes: ['3713020139000001'] },
  ]);
  assert.ok(plan.unmapped[0]!.reviewHints!.includes('01030 电力立杆'));
  assert.deepEqual(plan.conflicts.map((conflict) => [conflict.from, conflict.to]), [[['3713020118000005'], '37130201037000005']]);
  assert.match(plan.conflicts[0]!.reason.en, /already used by another component/);
  assert.deepEqual(plan.invalid.map((entry) => entry.code), ['', '12345', '']);
  assert.deepEqual(plan.counts, { codes: 11, migrated: 3, unmapped: 3, unmappedClasses: 2, invalid: 3, alreadyCurrent: 1, conflicts: 1 });
  const { codes, ...parts } = plan.counts;
  assert.equal(parts.migrated + parts.unmapped + parts.invalid + parts.alreadyCurrent + parts.conflicts, codes);
});

test('a city\'s own decision maps its local class; two old codes meeting in one new code are both held back', () => {
  const city = [{ from: '0139', fromName: '共享单车停放点', to: '02025', toName: '非机动车停放点', rule: 'city' }];
  const plan = planComponentMigration(input(['3713020139000001'], city));
  assert.deepEqual(plan.changes.map((change) => [change.to, change.rule]), [['37130202025000001', 'city']]);
  assert.equal(plan.counts.unmapped, 0);
  // A mapping that sends two classes to one would renumber nothing silently: both stay and are reported.
  const merging = [{ from: '0139', fromName: '共享单车停放点', to: '01037', toName: '路灯', rule: 'test' }];
  const clash = planComponentMigration(input(['3713020118000001', '3713020139000001'], merging));
  assert.equal(clash.changes.length, 0);
  assert.deepEqual(clash.conflicts.map((conflict) => conflict.from), [['3713020118000001', '3713020139000001']]);
  assert.equal(clash.counts.conflicts, 2);
});
