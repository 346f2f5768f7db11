/**
 * One way to name a point in a score, shared by every tool: the measure number as printed and a
 * 1-based beat in the meter's beat (a quarter in 4/4, a dotted quarter in 6/8), counted in a pickup from
 * where a full bar would have begun (a 3/4 upbeat of one quarter starts on beat 3), as printed scores
 * and harmony textbooks count it.
 */
import { compare, mul, rational, sub, toNumber, ZERO, type Rational } from './rational.js';
import type { Measure, Score, TimeSignature } from './score.js';

const COMMON_TIME: TimeSignature = { beats: '4', beatType: 4 };

/** meterBeat({ beats: "6", beatType: 8 }) → 3/2 (a dotted quarter); a quarter in 4/4, a half in 3/2 */
export function meterBeat(time: TimeSignature): Rational {
  const beats = Number(time.beats.split('+')[0]);
  const compound = time.beatType >= 8 && beats % 3 === 0 && beats > 3;
  return compound ? rational(12, time.beatType) : rational(4, time.beatType);
}

/** barLength({ beats: "3", beatType: 4 }) → 3 quarters; additive meters ("3+2") summed */
export function barLength(time: TimeSignature): Rational {
  return mul(rational(time.beats.split('+').reduce((sum, term) => sum + Number(term), 0)), rational(4, time.beatType));
}

export interface ScorePosition {
  /** the measure number as printed */
  readonly measure: string;
  /** 1-based beat, fractional between beats (2.5 is halfway through beat 2) */
  readonly beat: number;
}

interface PlacedMeasure {
  readonly number: string;
  /** in quarters, as numbers */
  readonly start: number;
  readonly beat: number;
  /** what a pickup lacks of a full bar, counted before its first beat */
  readonly padding: number;
}

/** positionsOf(score)(12) → { measure: "3", beat: 1 }: the printed measure and beat of a time (in quarters) */
export function positionsOf(score: Score): (offsetQuarters: Rational | number) => ScorePosition {
  const placed = placeMeasures(score.parts[0]?.measures ?? []);
  return (offset) => {
    const at = typeof offset === 'number' ? offset : toNumber(offset);
    let low = 0;
    let high = placed.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (placed[middle]!.start <= at) low = middle;
      else high = middle - 1;
    }
    const found = placed[low];
    if (!found) return { measure: '', beat: 1 };
    const beat = (at - found.start + found.padding) / found.beat + 1;
    // rounded so that thirds of a beat read 2.333333 rather than 2.3333333333333335
    return { measure: found.number, beat: Math.round(beat * 1e6) / 1e6 };
  };
}

function placeMeasures(measures: readonly Measure[]): PlacedMeasure[] {
  let time = COMMON_TIME;
  return measures.map((measure, index) => {
    time = measure.times?.[0]?.value ?? time;
    const bar = barLength(time);
    const padding = index === 0 && compare(measure.duration, bar) < 0 ? sub(bar, measure.duration) : ZERO;
    return { number: measure.number, start: toNumber(measure.offset), beat: toNumber(meterBeat(time)), padding: toNumber(padding) };
  });
}
