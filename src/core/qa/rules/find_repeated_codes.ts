/**
 * Finds repeated codes among up to millions: for each row, the first row
 * with the same code (or -1). Digit codes — every grid and component code —
 * are sorted by their last nine digits (a packed native sort, see
 * sort_by_packed_key.ts) and only rows that share those are compared; a Map
 * of a million strings or a hash table of a million slots costs several
 * times more, most of it in cache misses. Other codes go through a Map.
 */
import { sortByPackedKey } from './sort_by_packed_key.js';

export function findRepeatedCodes(codes: readonly string[]): Int32Array {
  const count = codes.length;
  const firstOf = new Int32Array(count).fill(-1);
  const digitRows: number[] = [];
  const tails: number[] = [];
  const others = new Map<string, number>();
  for (let row = 0; row < count; row++) {
    const code = codes[row]!;
    const length = code.length;
    if (length === 0) continue;
    let tail = 0, digits = true;
    for (let index = 0; index < length; index++) {
      const digit = code.charCodeAt(index) - 48;
      if (digit < 0 || digit > 9) { digits = false; break; }
      if (index >= length - 9) tail = tail * 10 + digit;
    }
    if (digits) {
      digitRows.push(row);
      tails.push(tail);
      continue;
    }
    const first = others.get(code);
    if (first === undefined) others.set(code, row);
    else firstOf[row] = first;
  }
  // Equal tails sort together, in row order; within such a run, equal codes are repeats of the run's first.
  const order = sortByPackedKey(tails);
  let start = 0;
  while (start < order.length) {
    const tail = tails[order[start]!]!;
    let end = start + 1;
    while (end < order.length && tails[order[end]!] === tail) end++;
    if (end - start > 1) {
      const firstByCode = new Map<string, number>();
      for (let index = start; index < end; index++) {
        const row = digitRows[order[index]!]!;
        const first = firstByCode.get(codes[row]!);
        if (first === undefined) firstByCode.set(codes[row]!, row);
        else firstOf[row] = first;
      }
    }
    start = end;
  }
  return firstOf;
}
