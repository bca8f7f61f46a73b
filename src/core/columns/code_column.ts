/**
 * A layer's codes, one per row, held as one string with the offset of each
 * row's code in it, instead of one string per row: a million component
 * codes as separate strings survive into the old generation and cost the
 * garbage collector more than the rules spend on them. Rules read a code's
 * characters in place (charCodeAt on the shared text) and make a string
 * only for the few codes a finding names, or once per run of equal codes.
 */
export const CODE_SEPARATOR = '\u001f';

export class CodeColumn {
  /**
   * `starts[row]` is where the row's code begins in `text`; it ends one
   * character before `starts[row + 1]` (a separator follows each code).
   */
  /**
   * `plain`: no code holds the separator, so every separator in `text`
   * ends a code (a reader may then search the whole text at once).
   */
  private constructor(readonly text: string, readonly starts: Uint32Array, readonly plain: boolean) {}

  static readonly empty = new CodeColumn('', new Uint32Array(1), true);

  /** From codes as strings (tests, small layers); a code may hold the separator, offsets come from lengths. */
  static fromCodes(codes: readonly string[]): CodeColumn {
    const starts = new Uint32Array(codes.length + 1);
    for (let row = 0; row < codes.length; row++) starts[row + 1] = starts[row]! + codes[row]!.length + 1;
    const plain = !codes.some((code) => code.includes(CODE_SEPARATOR));
    return new CodeColumn(codes.length === 0 ? '' : `${codes.join(CODE_SEPARATOR)}${CODE_SEPARATOR}`, starts, plain);
  }

  /**
   * From `count` codes joined by the unit separator (no separator after the
   * last); null when the text holds another number of codes (a code held the separator).
   */
  static fromSeparated(text: string, count: number): CodeColumn | null {
    if (count === 0) return text === '' ? CodeColumn.empty : null;
    const starts = new Uint32Array(count + 1);
    let row = 1;
    // indexOf searches natively, several times faster than a loop over the characters.
    for (let index = text.indexOf(CODE_SEPARATOR); index >= 0; index = text.indexOf(CODE_SEPARATOR, index + 1)) {
      if (row >= count) return null;
      starts[row++] = index + 1;
    }
    if (row !== count) return null;
    starts[count] = text.length + 1;
    return new CodeColumn(text, starts, true);
  }

  get count(): number {
    return this.starts.length - 1;
  }

  /** The row's code ('' when empty). */
  at(row: number): string {
    return this.text.slice(this.starts[row]!, this.starts[row + 1]! - 1);
  }

  lengthAt(row: number): number {
    return this.starts[row + 1]! - this.starts[row]! - 1;
  }

  /**
   * Whether two rows hold the same code, compared in place from the end:
   * neighbouring codes share their division and class and differ in the sequence.
   */
  sameCode(first: number, second: number): boolean {
    const text = this.text;
    const firstStart = this.starts[first]!, secondStart = this.starts[second]!;
    const length = this.starts[first + 1]! - firstStart;
    if (length !== this.starts[second + 1]! - secondStart) return false;
    for (let offset = length - 2; offset >= 0; offset--) {
      if (text.charCodeAt(firstStart + offset) !== text.charCodeAt(secondStart + offset)) return false;
    }
    return true;
  }
}

/**
 * The digits of `text` from `start` to `end` as a number, or -1 when one is
 * not a digit; exact up to 15 digits, which is all callers ask for.
 */
export function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
