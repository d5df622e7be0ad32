/**
 * A small seeded PRNG (mulberry32) so every run of the benchmark generates the same towns.
 * Not for anything but test data.
 */
import { seededRandom } from '../engine/seededRandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
}

/**
 * @example const r = createRng(42); r.next() // same number on every run
 */
export function createRng(seed: number): Rng {
  const next = seededRandom(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
  };
}
