/**
 * Quantization that adapts to the music: the coarsest grid (divisions of a quarter) on which every
 * onset and release already falls, within a small tolerance. A score written out by a program lands on
 * its own grid exactly (triplets on thirds, not rounded to sixteenths); a performance snaps to the
 * grid that explains it best.
 */
import { rational, type Rational } from '../../core/rational.js';

/** 1 … 48 per quarter: quarters, eighths, triplets, sixteenths, sextuplets, thirty-seconds … */
const DIVISIONS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48];

export interface Grid {
  readonly divisionsPerQuarter: number;
  /** the largest shift any time needed, in ticks */
  readonly error: number;
  quarters(tick: number): Rational;
}

/** snapToGrid(ticks of a chorale at 10080 per quarter, 10080) → a grid of 2 (eighths), error 0 */
export function snapToGrid(ticks: readonly number[], ticksPerQuarter: number): Grid {
  const fits = (divisions: number) => {
    const step = ticksPerQuarter / divisions;
    const tolerance = step / 8;
    let worst = 0;
    let off = 0;
    for (const tick of ticks) {
      const shift = Math.abs(tick - Math.round(tick / step) * step);
      worst = Math.max(worst, shift);
      if (shift > tolerance) off++;
    }
    return { divisions, worst, share: ticks.length === 0 ? 1 : 1 - off / ticks.length };
  };
  // the coarsest grid every time fits (a written-out score fits its own exactly); a performance that fits
  // none takes the grid that explains the most of it, preferring the coarser on a tie
  const candidates = DIVISIONS.map(fits);
  const chosen = candidates.find((candidate) => candidate.share === 1) ?? candidates.reduce((best, candidate) => (candidate.share > best.share ? candidate : best));
  const step = ticksPerQuarter / chosen.divisions;
  return {
    divisionsPerQuarter: chosen.divisions,
    error: Math.round(chosen.worst),
    quarters: (tick) => rational(Math.round(tick / step), chosen.divisions),
  };
}
