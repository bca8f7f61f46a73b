/** New codes: built from segment values, numbered after the highest in use. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findLayout } from '../../src/core/codes/code_layout.js';
import { buildCode } from '../../src/core/codes/build_code.js';
import { nextFreeCode, nextFreeSequence } from '../../src/core/codes/next_free_sequence.js';
import { codeLayouts } from '../helpers/code_fixtures.js';

const layouts = codeLayouts();
const legacyComponent = findLayout(layouts, 'component-legacy-16');
const currentGrid = findLayout(layouts, 'grid-current-15');
const legacyGrid = findLayout(layouts, 'grid-legacy-14');
const matter = findLayout(layouts, 'matter-current-11');

test('codes are built with zero padding, or refused with the segment and the reason', () => {
  assert.deepEqual(buildCode(legacyComponent, { division: '371302', major: 1, minor: 18, sequence: 42 }), { ok: true, code: '3713020118000042' });
  assert.deepEqual(buildCode(matter, { division: '371302', major: '06', minor: '1' }), { ok: true, code: '37130206001' });
  const missing = buildCode(legacyComponent, { division: '371302', major: '01', sequence: 1 });
  assert.equal(!missing.ok && missing.error.code, 'SEGMENT_MISSING');
  assert.equal(!missing.ok && missing.error.segment, 'minor');
  const long = buildCode(legacyComponent, { division: '371302', major: '01', minor: '18', sequence: 1234567 });
  assert.equal(!long.ok && long.error.code, 'SEGMENT_TOO_LONG');
  const lowercase = buildCode(currentGrid, { division: '371302', street: '001', community: '001', sequence: '0a1' });
  assert.equal(!lowercase.ok && lowercase.error.code, 'BAD_CHARACTERS');
  const zero = buildCode(legacyComponent, { division: '371302', major: '01', minor: '18', sequence: 0 });
  assert.equal(!zero.ok && zero.error.code, 'SEQUENCE_ZERO');
});

test('the next sequence follows the highest in use under the same division and class; gaps are not refilled', () => {
  const existing = [
    '3713020118000001', '3713020118000007', // 路灯 1 and 7: next is 8, not 2
    '3713020101000009', // another class
    '3713110118000050', // another county
    '37130201037000099', // another layout
    'garbage',
  ];
  assert.deepEqual(nextFreeSequence(legacyComponent, { division: '371302', major: '01', minor: '18' }, existing), { ok: true, sequence: 8 });
  assert.deepEqual(nextFreeCode(legacyComponent, { division: '371302', major: '01', minor: '18' }, existing), { ok: true, code: '3713020118000008', sequence: 8 });
  assert.deepEqual(nextFreeSequence(legacyComponent, { division: '371302', major: '03', minor: '05' }, existing), { ok: true, sequence: 1 });
  // numbers given as numbers are padded like in codes
  assert.deepEqual(nextFreeSequence(legacyComponent, { division: '371302', major: '1', minor: '1' }, existing), { ok: true, sequence: 10 });
});

test('grid numbers: lettered sequences are outside the numeric series; a full community is refused', () => {
  const prefix = { division: '371302', street: '001', community: '001' };
  assert.deepEqual(nextFreeSequence(currentGrid, prefix, ['371302001001004', '3713020010010A9']), { ok: true, sequence: 5 });
  const full = nextFreeSequence(legacyGrid, prefix, ['37130200100199']);
  assert.equal(full.ok, false);
  assert.equal(!full.ok && full.error.code, 'SEQUENCE_EXHAUSTED');
  assert.match(!full.ok ? full.error.message.en : '', /highest under 371302001001 is 99; 100 does not fit in 2 digits/);
  const noSequence = nextFreeSequence(matter, { division: '371302', major: '06', minor: '001' }, []);
  assert.equal(!noSequence.ok && noSequence.error.code, 'SEGMENT_MISSING');
});
