import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findLayout, formatCode, layoutForCode, parseCode, type CodeLayouts } from '../../src/core/codes/code_layout.js';
import { repoRoot } from '../helpers/paths.js';

const layouts = JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'code-layouts.json'), 'utf8')) as CodeLayouts;

test('a 16-digit legacy component code splits into division, class and sequence', () => {
  const parsed = parseCode('3713020101000001', findLayout(layouts, 'component-legacy-16'));
  assert.equal(parsed.ok, true);
  assert.deepEqual(parsed.ok && parsed.segments, { division: '371302', major: '01', minor: '01', sequence: '000001' });
});

test('a 14-digit grid code splits into county, street, community and sequence', () => {
  const parsed = parseCode('37130200100103', findLayout(layouts, 'grid-legacy-14'));
  assert.deepEqual(parsed.ok && parsed.segments, { division: '371302', street: '001', community: '001', sequence: '03' });
});

test('wrong length and wrong characters are refused with the reason in Chinese and English', () => {
  const short = parseCode('371302010100001', findLayout(layouts, 'component-legacy-16'));
  assert.equal(short.ok, false);
  assert.match(!short.ok ? short.reason.zh : '', /应为16位，实际15位/);
  assert.match(!short.ok ? short.reason.en : '', /must have 16 characters, has 15/);
  const letters = parseCode('37130201010000A1', findLayout(layouts, 'component-legacy-16'));
  assert.equal(letters.ok, false);
  assert.match(!letters.ok ? letters.reason.en : '', /only contain digits/);
  // the current 15-character grid layout accepts capital letters
  assert.equal(parseCode('37130200100100A', findLayout(layouts, 'grid-current-15')).ok, true);
  assert.equal(parseCode('37130200100100a', findLayout(layouts, 'grid-current-15')).ok, false);
});

test('layouts are chosen by kind and length; codes are formatted with zero padding', () => {
  assert.equal(layoutForCode(layouts, 'component', '37130201001000001')?.id, 'component-current-17');
  assert.equal(layoutForCode(layouts, 'component', '3713020101000001')?.id, 'component-legacy-16');
  assert.equal(layoutForCode(layouts, 'component', '123'), undefined);
  const layout = findLayout(layouts, 'component-legacy-16');
  assert.equal(formatCode(layout, { division: '371302', major: '3', minor: 5, sequence: 42 }), '3713020305000042');
  assert.throws(() => formatCode(layout, { division: '371302', major: '03', minor: '05', sequence: 1234567 }), /longer than 6/);
});
