/**
 * The grids of a recorded code, looked up in place in a CodeColumn's text:
 * components of one grid rarely come one after another (in the full sample
 * four rows in five start a new run of codes), so a string sliced out per
 * row and hashed by a Map cost the assignment more than its point-in-polygon
 * tests. Here the code's characters are hashed where they lie and compared
 * with the one candidate code, and no string is made.
 */
export class GridCodeLookup {
  /** Code number of each grid row; -1 for a grid without a code. */
  readonly codeOfGrid: Int32Array;
  /** Grid rows of each code number (several when a code repeats). */
  readonly gridsOfCode: Array<readonly number[]>;
  private readonly codes: string[];
  /** Open addressing: code number + 1 per slot, 0 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(byCode: ReadonlyMap<string, readonly number[]>, gridCount: number) {
    this.codes = [...byCode.keys()];
    this.gridsOfCode = [...byCode.values()];
    this.codeOfGrid = new Int32Array(gridCount).fill(-1);
    this.gridsOfCode.forEach((rows, code) => { for (const row of rows) this.codeOfGrid[row] = code; });
    let size = 16;
    while (size < this.codes.length * 2) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size);
    this.codes.forEach((code, number) => {
      let slot = hashText(code, 0, code.length) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = number + 1;
    });
  }

  /** The number of the code `text[start…end)`, -1 when no grid has that code (or it is empty). */
  find(text: string, start: number, end: number): number {
    if (end <= start) return -1;
    const length = end - start;
    for (let slot = hashText(text, start, end) & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      const code = this.codes[entry - 1]!;
      if (code.length !== length) continue;
      let offset = 0;
      while (offset < length && code.charCodeAt(offset) === text.charCodeAt(start + offset)) offset++;
      if (offset === length) return entry - 1;
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function hashText(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}
