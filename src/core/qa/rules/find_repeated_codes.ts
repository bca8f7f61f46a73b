/**
 * Finds repeated codes among up to millions: for each row, the first row
 * with the same code (or -1). Digit codes — every grid and component code —
 * are sorted by their last nine digits (a packed native sort, see
 * sort_by_packed_key.ts) and only rows that share those are compared; a Map
 * of a million strings or a hash table of a million slots costs several
 * times more, most of it in cache misses. Other codes go through a Map.
 * The codes are read in place in their column (no string per code); equal
 * tails are rare, so comparing such a run pairwise costs next to nothing.
 */
import type { CodeColumn } from '../../columns/code_column.js';
import { sortByPackedKey } from './sort_by_packed_key.js';

/** Beyond this many rows with the same tail, a Map of their codes beats comparing pairs. */
const LONGEST_PAIRWISE_RUN = 16;

export function findRepeatedCodes(codes: CodeColumn): Int32Array {
  const count = codes.count;
  const text = codes.text;
  const firstOf = new Int32Array(count).fill(-1);
  const digitRows = new Int32Array(count);
  const tails = new Float64Array(count);
  let digitCount = 0;
  const others = new Map<string, number>();
  for (let row = 0; row < count; row++) {
    const start = codes.starts[row]!;
    const length = codes.lengthAt(row);
    if (length === 0) continue;
    let tail = 0, digits = true;
    for (let index = 0; index < length; index++) {
      const digit = text.charCodeAt(start + index) - 48;
      if (digit < 0 || digit > 9) { digits = false; break; }
      if (index >= length - 9) tail = tail * 10 + digit;
    }
    if (digits) {
      digitRows[digitCount] = row;
      tails[digitCount++] = tail;
      continue;
    }
    const code = codes.at(row);
    const first = others.get(code);
    if (first === undefined) others.set(code, row);
    else firstOf[row] = first;
  }
  // Equal tails sort together, in row order; within such a run, a code equal to an earlier
  // one's is a repeat of the earliest (runs are a few rows: compared pairwise, in place).
  const digitTails = tails.subarray(0, digitCount);
  const order = sortByPackedKey(digitTails);
  let start = 0;
  while (start < order.length) {
    const tail = digitTails[order[start]!]!;
    let end = start + 1;
    while (end < order.length && digitTails[order[end]!] === tail) end++;
    if (end - start > LONGEST_PAIRWISE_RUN) {
      // Many rows share the tail (a code repeated many times): pairwise would grow as the square.
      const firstByCode = new Map<string, number>();
      for (let index = start; index < end; index++) {
        const row = digitRows[order[index]!]!;
        const code = codes.at(row);
        const first = firstByCode.get(code);
        if (first === undefined) firstByCode.set(code, row);
        else firstOf[row] = first;
      }
      start = end;
      continue;
    }
    for (let index = start + 1; index < end; index++) {
      const row = digitRows[order[index]!]!;
      for (let earlier = start; earlier < index; earlier++) {
        const other = digitRows[order[earlier]!]!;
        if (firstOf[other] < 0 && codes.sameCode(row, other)) { firstOf[row] = other; break; }
      }
    }
    start = end;
  }
  return firstOf;
}
