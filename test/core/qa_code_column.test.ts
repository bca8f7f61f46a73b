/** Codes held in one column string: offsets, equality in place, and pattern tests that agree with the regular expressions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileColumnTest, compileRangeTest } from '../../src/core/qa/attributes/code_pattern.js';
import { CODE_SEPARATOR, CodeColumn, digitsValue } from '../../src/core/columns/code_column.js';

test('a column read from joined codes gives each code back, empty ones included, and refuses a wrong count', () => {
  const codes = ['37130201010100001', '', '3713020101010001', 'X1', ''];
  const column = CodeColumn.fromSeparated(codes.join(CODE_SEPARATOR), codes.length);
  assert.ok(column);
  assert.equal(column.count, codes.length);
  assert.deepEqual(codes.map((_code, row) => column.at(row)), codes);
  assert.deepEqual(codes.map((_code, row) => column.lengthAt(row)), codes.map((code) => code.length));
  assert.equal(CodeColumn.fromSeparated(codes.join(CODE_SEPARATOR), codes.length + 1), null);
  assert.equal(CodeColumn.fromSeparated(codes.join(CODE_SEPARATOR), codes.length - 1), null);
  assert.deepEqual(CodeColumn.fromSeparated('', 1)?.at(0), '');
  // Built from strings, a code holding the separator stays one code.
  const built = CodeColumn.fromCodes(['a\u001fb', 'c']);
  assert.deepEqual([built.at(0), built.at(1)], ['a\u001fb', 'c']);
});

test('codes compare in place: same length and characters, nothing else', () => {
  const column = CodeColumn.fromCodes(['371302', '371302', '371303', '37130', '', '']);
  assert.equal(column.sameCode(0, 1), true);
  assert.equal(column.sameCode(0, 2), false);
  assert.equal(column.sameCode(0, 3), false);
  assert.equal(column.sameCode(4, 5), true);
  assert.equal(column.sameCode(3, 4), false);
  assert.equal(digitsValue('a371302b', 1, 7), 371302);
  assert.equal(digitsValue('37a302', 0, 6), -1);
});

test('a code pattern tested in place agrees with its regular expression', () => {
  const patterns = ['^[0-9]{16,17}$', '^[0-9A-Z]{14,15}$', '^[0-9A-HJ-NPQRTUWXY]{18}$', '^[12][0-9]{7}$', '^\\d{9}$', '^[0-9]{2}$', '^[0-9A-Z]{12,24}$'];
  const values = ['', '1', '12', '20250101', '30250101', '2025010', '371302010101', '371302010100001', '37130201010000001', '3713020101000000Ａ',
    '37130201010100ab', '91370100MA3C4XXX1Y', '91370100MA3C4XXXIY', '371302001', '37130200A', '12345678901234567890123', '1234567890123456789012345', 'é', '2025-0101'];
  for (const pattern of patterns) {
    const inPlace = compileRangeTest(pattern);
    assert.ok(inPlace, pattern);
    const expression = new RegExp(pattern, 'u');
    for (const value of values) {
      const text = `#${value}#`;
      assert.equal(inPlace(text, 1, 1 + value.length), expression.test(value), `${pattern} on "${value}"`);
    }
  }
  // Shapes beyond the simple ones are left to the regular expression.
  for (const pattern of ['^[0-9]+$', '^[^0-9]{2}$', '^(ab){2}$', '^[0-9]{2,}$', '^a|b$', '^[0-9]{2,3}[A-Z]{2}$', '[0-9]{2}']) {
    assert.equal(compileRangeTest(pattern), null, pattern);
  }
});

test('a whole column passes its single-class pattern at once only when every code would', () => {
  const pattern = '^[0-9]{16,17}$';
  const test = compileColumnTest(pattern, CODE_SEPARATOR);
  assert.ok(test);
  const passing = CodeColumn.fromCodes(['3713020101000001', '37130201010000001']);
  assert.equal(test(passing.text, passing.starts), true);
  for (const bad of ['', '371302010100001', '371302010100000001', '371302010100000A', '37130201010000０1']) {
    const column = CodeColumn.fromCodes(['3713020101000001', bad]);
    assert.equal(test(column.text, column.starts), false, `"${bad}"`);
  }
  assert.equal(CodeColumn.fromCodes(['12\u001f34']).plain, false, 'a code holding the separator: the column is not plain');
  assert.equal(compileColumnTest('^[12][0-9]{7}$', CODE_SEPARATOR), null);
  assert.ok(compileColumnTest('^[0-9A-HJ-NPQRTUWXY]{18}$', CODE_SEPARATOR));
  assert.ok(compileColumnTest('^\\d{9}$', CODE_SEPARATOR));
});
