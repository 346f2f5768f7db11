/**
 * How loud a part plays at each moment, from its dynamics and hairpins, as MIDI velocities: a level mark
 * (p, mf) holds until the next; a sforzando (sf, fz) accents only the notes it stands on; a hairpin moves
 * the level evenly from its start to its stop, towards the level marked there (or one step on, if none is).
 */
import { accentVelocity, levelVelocity } from './marks.js';
import { add, toNumber } from './rational.js';
import type { Part } from './score.js';

/** the velocity of a part with no dynamics (and of the notes before its first) */
export const DEFAULT_VELOCITY = 90;
/** how far a hairpin moves the level when no dynamic is marked where it stops */
const HAIRPIN_STEP = 16;

interface Ramp {
  readonly from: number;
  readonly to: number;
  readonly direction: 1 | -1;
}

/** velocityAt(part)(2.5) → the velocity of a note of the part starting 2.5 quarters into the score */
export function velocityAt(part: Part): (quarters: number) => number {
  const levels: { at: number; velocity: number }[] = [];
  const accents = new Map<number, number>();
  const ramps: Ramp[] = [];
  const open = new Map<number, { at: number; direction: 1 | -1 }>();
  for (const measure of part.measures) {
    for (const mark of measure.dynamics ?? []) {
      const at = toNumber(add(measure.offset, mark.offset));
      const level = levelVelocity(mark.value);
      const accent = accentVelocity(mark.value);
      if (level !== undefined) levels.push({ at, velocity: level });
      if (accent !== undefined) accents.set(at, accent);
    }
    for (const mark of measure.hairpins ?? []) {
      const at = toNumber(add(measure.offset, mark.offset));
      const number = mark.value.number ?? 1;
      if (mark.value.type !== 'stop') open.set(number, { at, direction: mark.value.type === 'crescendo' ? 1 : -1 });
      else {
        const started = open.get(number);
        open.delete(number);
        if (started && at > started.at) ramps.push({ from: started.at, to: at, direction: started.direction });
      }
    }
  }
  levels.sort((a, b) => a.at - b.at);
  // binary search: the last level marked at or before the time
  const levelAt = (time: number): number => {
    let [low, high] = [0, levels.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (levels[middle]!.at <= time) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? DEFAULT_VELOCITY : levels[low - 1]!.velocity;
  };
  return (time) => {
    const accent = accents.get(time);
    if (accent !== undefined) return accent;
    const ramp = ramps.find((candidate) => candidate.from <= time && time < candidate.to);
    if (!ramp) return levelAt(time);
    const start = levelAt(ramp.from);
    const marked = levels.find((level) => level.at === ramp.to)?.velocity;
    const target = marked !== undefined && Math.sign(marked - start) === ramp.direction ? marked : start + ramp.direction * HAIRPIN_STEP;
    const velocity = start + ((target - start) * (time - ramp.from)) / (ramp.to - ramp.from);
    return Math.max(1, Math.min(127, Math.round(velocity)));
  };
}
