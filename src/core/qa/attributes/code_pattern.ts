/**
 * A code pattern of the attribute schemas (`^[0-9]{16,17}$`,
 * `^[12][0-9]{7}$`…) as a test of characters in place in a longer text, for
 * readers checking a million codes held in one CodeColumn: the same verdict
 * as the regular expression on the code's own string, without making that
 * string. Only the simple shapes the schemas use compile: a sequence of
 * ASCII classes, `\d` and ASCII literals, each once or `{n}` times, or a
 * single such atom `{n,m}` times. Anything else gives null, and the caller
 * uses the regular expression.
 */

/** Whether text[start, end) matches the whole pattern. */
export type RangeTest = (text: string, start: number, end: number) => boolean;

interface Atom { accepts: Uint8Array; min: number; max: number }

export function compileRangeTest(pattern: string): RangeTest | null {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return null;
  const body = pattern.slice(1, -1);
  const atoms: Atom[] = [];
  let index = 0;
  while (index < body.length) {
    const accepts = new Uint8Array(128);
    const char = body[index]!;
    if (char === '[') {
      const close = body.indexOf(']', index + 1);
      if (close < 0) return null;
      if (!fillClass(body.slice(index + 1, close), accepts)) return null;
      index = close + 1;
    } else if (char === '\\') {
      if (body[index + 1] !== 'd') return null;
      accepts.fill(1, 48, 58);
      index += 2;
    } else if (/[A-Za-z0-9_\-]/.test(char)) {
      accepts[char.charCodeAt(0)] = 1;
      index++;
    } else {
      return null;
    }
    let min = 1, max = 1;
    const quantifier = /^\{(\d+)(,(\d+))?\}/.exec(body.slice(index));
    if (quantifier) {
      min = Number(quantifier[1]);
      max = quantifier[3] === undefined ? min : Number(quantifier[3]);
      if (max < min) return null;
      index += quantifier[0].length;
    } else if (/^[+*?{]/.test(body.slice(index))) {
      return null;
    }
    atoms.push({ accepts, min, max });
  }
  if (atoms.length === 1) {
    const { accepts, min, max } = atoms[0]!;
    return (text, start, end) => {
      const length = end - start;
      if (length < min || length > max) return false;
      for (let at = start; at < end; at++) {
        const unit = text.charCodeAt(at);
        if (unit >= 128 || accepts[unit] === 0) return false;
      }
      return true;
    };
  }
  if (atoms.some((atom) => atom.min !== atom.max)) return null;
  // Fixed width: one table per character position.
  const positions: Uint8Array[] = [];
  for (const atom of atoms) for (let repeat = 0; repeat < atom.min; repeat++) positions.push(atom.accepts);
  return (text, start, end) => {
    if (end - start !== positions.length) return false;
    for (let offset = 0; offset < positions.length; offset++) {
      const unit = text.charCodeAt(start + offset);
      if (unit >= 128 || positions[offset]![unit] === 0) return false;
    }
    return true;
  };
}

/** A class's ranges and characters (ASCII letters, digits, no negation or escapes); false otherwise. */
function fillClass(inner: string, accepts: Uint8Array): boolean {
  if (inner === '' || inner.startsWith('^')) return false;
  let index = 0;
  while (index < inner.length) {
    const first = inner[index]!;
    if (!/[A-Za-z0-9]/.test(first)) return false;
    if (inner[index + 1] === '-' && index + 2 < inner.length) {
      const last = inner[index + 2]!;
      if (!/[A-Za-z0-9]/.test(last) || last < first) return false;
      accepts.fill(1, first.charCodeAt(0), last.charCodeAt(0) + 1);
      index += 3;
    } else {
      accepts[first.charCodeAt(0)] = 1;
      index++;
    }
  }
  return true;
}

/**
 * For a single-class pattern (`^[0-9]{16,17}$`), a test of a whole column
 * at once: no character outside the class (one native regular expression
 * search over the joined text, separators allowed) and every length within
 * the bounds. True means every row matches; false means some row may not,
 * and the caller tests row by row. Null for other patterns.
 */
export function compileColumnTest(pattern: string, separator: string): ((text: string, starts: Uint32Array) => boolean) | null {
  const shape = /^\^(\[([A-Za-z0-9-]+)\]|\\d)\{(\d+),(\d+)\}\$$/.exec(pattern) ?? /^\^(\[([A-Za-z0-9-]+)\]|\\d)\{(\d+)\}\$$/.exec(pattern);
  if (!shape || compileRangeTest(pattern) === null) return null;
  const inner = shape[2] ?? '0-9';
  const min = Number(shape[3]), max = shape[4] === undefined ? min : Number(shape[4]);
  const outside = new RegExp(`[^${inner}${separator}]`);
  return (text, starts) => {
    for (let row = 0; row + 1 < starts.length; row++) {
      const length = starts[row + 1]! - starts[row]! - 1;
      if (length < min || length > max) return false;
    }
    return !outside.test(text);
  };
}
