/**
 * Parses a long separated list of decimal numbers (SQLite's text for REAL
 * values) into a Float64Array without making a string per number: digits
 * become an integer mantissa and one division by a power of ten, which is
 * the correctly rounded double for the up to 15 significant digits SQLite
 * writes. Anything unusual (exponents, more digits) goes through Number().
 * An empty item is NaN (no geometry).
 */
export function parseNumberList(text: string, separator: number, count: number): Float64Array {
  const values = new Float64Array(count);
  let item = 0;
  let start = 0;
  const length = text.length;
  while (start <= length && item < count) {
    let index = start;
    let negative = false;
    if (text.charCodeAt(index) === 45) { negative = true; index++; }
    let mantissa = 0, digits = 0, scale = 0, seenPoint = false, simple = true;
    for (; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code === separator) break;
      if (code >= 48 && code <= 57) {
        mantissa = mantissa * 10 + (code - 48);
        digits++;
        if (seenPoint) scale++;
      } else if (code === 46 && !seenPoint) {
        seenPoint = true;
      } else {
        simple = false;
      }
    }
    let value: number;
    if (digits === 0 && simple) value = NaN;
    else if (simple && digits <= 15) value = scale === 0 ? mantissa : mantissa / 10 ** scale;
    else value = Number(text.slice(negative ? start + 1 : start, index));
    values[item++] = negative ? -value : value;
    start = index + 1;
  }
  if (item !== count) throw new Error(`expected ${count} numbers, found ${item}`);
  return values;
}
