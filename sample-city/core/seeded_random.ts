/**
 * Seeded randomness for the sample city. Never Math.random: the same seed must
 * rebuild the same city, byte for byte, on every machine.
 *
 * Two tools: `mulberry32` is a sequential stream; `mixSeed` derives an
 * independent seed for one part of the city (a road segment, a block), so that
 * each part draws the same numbers whatever was generated before it. That is
 * what lets the layers stream in any order and still agree with each other.
 */

/** Sequential 32-bit generator; returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Murmur3's finaliser: spreads every input bit over the whole word. */
function finaliseHash(value: number): number {
  let mixed = value >>> 0;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/** Combines a seed and integer parts (indices, purpose tags) into one 32-bit seed. */
export function mixSeed(seed: number, ...parts: number[]): number {
  let hash = finaliseHash(Math.floor(seed) ^ 0x9e3779b9);
  for (const part of parts) {
    hash = finaliseHash(Math.imul(hash ^ (part | 0), 0x9e3779b1) + 0x7f4a7c15);
  }
  return hash;
}

/** A stable number for a text, to use as a purpose tag in `mixSeed`. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

/** A uniform number in [0, 1) for one decision, without creating a stream. */
export function unitHash(seed: number, ...parts: number[]): number {
  return mixSeed(seed, ...parts) / 4294967296;
}

/** Convenience wrapper over a mulberry32 stream. */
export class SeededRandom {
  private readonly nextUnit: () => number;

  constructor(seed: number) {
    this.nextUnit = mulberry32(seed);
  }

  next(): number {
    return this.nextUnit();
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.nextUnit();
  }

  /** Uniform integer in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor((max - min + 1) * this.nextUnit());
  }

  chance(probability: number): boolean {
    return this.nextUnit() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(items.length * this.nextUnit())];
  }

  /** A new array with the items in a seeded order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor((index + 1) * this.nextUnit());
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  }
}

/** A stream for one part of the city, independent of every other part. */
export function randomFor(seed: number, ...parts: number[]): SeededRandom {
  return new SeededRandom(mixSeed(seed, ...parts));
}
