/**
 * Quantization that adapts to the music: the coarsest grid (divisions of a quarter) on which every
 * onset and release already falls, within a small tolerance. A score written out by a program lands on
 * its own grid exactly (triplets on thirds, not rounded to sixteenths); a performance snaps to the
 * grid that explains it best.
 */
import { rational, type Rational } from '../../core/rational.js';

/** grids per quarter, coarse to fine: every divisor of 10080 (= 2^5·3^2·5·7), so duplets, triplets,
 * quintuplets, septuplets and tuplets inside tuplets all have one */
const DIVISIONS = Array.from({ length: 10080 }, (_, index) => index + 1).filter((divisions) => 10080 % divisions === 0);

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
  const candidates = DIVISIONS.filter((divisions) => divisions <= ticksPerQuarter).map(fits);
  const chosen = candidates.find((candidate) => candidate.share === 1) ?? candidates.reduce((best, candidate) => (candidate.share > best.share ? candidate : best), fits(1));
  const step = ticksPerQuarter / chosen.divisions;
  return {
    divisionsPerQuarter: chosen.divisions,
    error: Math.round(chosen.worst),
    quarters: (tick) => rational(Math.round(tick / step), chosen.divisions),
  };
}
