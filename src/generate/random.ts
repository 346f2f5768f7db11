/**
 * Seeded randomness for generators: the same seed gives the same music on every machine and thread.
 * mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast and good enough for choosing notes.
 */
export interface Random {
  /** a float in [0, 1) */
  next(): number;
  /** an integer in [0, bound) */
  below(bound: number): number;
  /** one of the items; undefined for an empty list */
  pick<T>(items: readonly T[]): T | undefined;
  /** the items in a random order (a new array) */
  shuffled<T>(items: readonly T[]): T[];
}

/** seededRandom(42).below(6) → the same die roll every time */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (bound: number): number => Math.floor(next() * bound);
  return {
    next,
    below,
    pick: (items) => (items.length === 0 ? undefined : items[below(items.length)]),
    shuffled: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = below(index + 1);
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy;
    },
  };
}
