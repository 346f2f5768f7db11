/**
 * The symbols melodies are indexed by, transposition-invariant by construction: the interval in
 * semitones from each note to the next, and the ratio of successive inter-onset times (tempo-invariant
 * too: a melody in augmentation has the same ratios). A ratio is coded as round(12·log2 ratio), which
 * keeps 3:2 (7), 4:3 (5), 5:4 (4) and 6:5 (3) apart.
 */

/** the largest interval kept as itself; wider leaps share the extreme symbol */
export const MAX_INTERVAL = 63;
const MAX_RATIO_CODE = 31;

/** intervalCode(60, 67) → 7; (60, 0) → −60; clamped to ±63 */
export function intervalCode(from: number, to: number): number {
  return Math.max(-MAX_INTERVAL, Math.min(MAX_INTERVAL, to - from));
}

/** ratioCode(1, 0.5) → −12 (the next note is twice as fast); (1, 1.5) → 7 */
export function ratioCode(interOnset: number, nextInterOnset: number): number {
  if (!(interOnset > 0) || !(nextInterOnset > 0)) return 0;
  return Math.max(-MAX_RATIO_CODE, Math.min(MAX_RATIO_CODE, Math.round(12 * Math.log2(nextInterOnset / interOnset))));
}

/** combinedCode(7, −12) → one symbol for an interval and the rhythm ratio at the same note */
export function combinedCode(interval: number, ratio: number): number {
  return (interval + MAX_INTERVAL) * 64 + (ratio + MAX_RATIO_CODE);
}

/**
 * The three symbol streams of a run of notes. `intervals[i]` goes from note i to i+1; `ratios[i]` compares
 * the time from note i to i+1 with the time from i+1 to i+2 (so a line of n notes has n−1 intervals and
 * n−2 ratios); `combined[i]` joins the two.
 */
export interface MelodicSymbols {
  readonly intervals: Int8Array;
  readonly ratios: Int8Array;
  readonly combined: Int32Array;
}

/**
 * melodicSymbols([60, 62, 64], [0, 1, 1.5], [1, 0.5, 1]) → intervals [2, 2], ratios [−12], combined […]. The
 * last note's duration stands for its inter-onset time, as a query's notes do.
 */
export function melodicSymbols(midi: ArrayLike<number>, onset: ArrayLike<number>, duration: ArrayLike<number>): MelodicSymbols {
  const count = midi.length;
  const intervals = new Int8Array(Math.max(0, count - 1));
  const ratios = new Int8Array(Math.max(0, count - 2));
  const combined = new Int32Array(Math.max(0, count - 2));
  for (let i = 0; i + 1 < count; i++) intervals[i] = intervalCode(midi[i]!, midi[i + 1]!);
  const interOnset = (i: number) => (i + 1 < count ? onset[i + 1]! - onset[i]! : duration[i]!);
  for (let i = 0; i + 2 < count; i++) {
    ratios[i] = ratioCode(interOnset(i), interOnset(i + 1));
    combined[i] = combinedCode(intervals[i]!, ratios[i]!);
  }
  return { intervals, ratios, combined };
}

/** ngramKey(symbols, 3, 4) → a 32-bit hash of symbols[3..7); equal runs give equal keys (collisions are verified away) */
export function ngramKey(symbols: ArrayLike<number>, start: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < start + length; i++) hash = Math.imul(hash ^ (symbols[i]! & 0xffff), 0x01000193);
  return hash >>> 0;
}
