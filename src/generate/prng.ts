// Seeded randomness for the generator. mulberry32 is hand-written rather than a dependency because
// it is 6 lines, fast, and gives byte-identical streams on every platform for the same seed.

export type Random = () => number;

/** A uniform [0, 1) stream from a 32-bit seed. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stream for one entity (song i, user j…) that depends only on the seed, a stream tag and the index,
 * so any entity can be rebuilt on demand instead of keeping the catalogue in memory.
 */
export function streamFor(seed: number, tag: number, index: number): Random {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(tag + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return mulberry32((h ^ (h >>> 16)) >>> 0);
}

export const intBelow = (rand: Random, n: number): number => Math.floor(rand() * n);

export const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

export const chance = (rand: Random, p: number): boolean => rand() < p;

/**
 * Index in [0, n) with a power-law skew: P(index < x) = (x/n)^(1/skew), so with skew 3 the first 1%
 * of indexes draws ~22% of picks (popular songs, heavy users) while every index stays reachable.
 */
export function skewedIndex(rand: Random, n: number, skew: number): number {
  return Math.min(n - 1, Math.floor(n * Math.pow(rand(), skew)));
}

/** A geometric count ≥ 1 with the given mean, capped. */
export function geometric(rand: Random, mean: number, cap: number): number {
  const p = 1 / mean;
  const n = 1 + Math.floor(Math.log(1 - rand()) / Math.log(1 - p));
  return Math.min(cap, n);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Random upper-case alphanumerics, the alphabet of Million Song Dataset ids. */
export function alnum(rand: Random, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[Math.floor(rand() * 36)];
  return s;
}

/** `index` in base 36, upper case, left-padded: the part of an id that makes it unique. */
export function indexCode(index: number, width: number): string {
  return index.toString(36).toUpperCase().padStart(width, '0');
}
