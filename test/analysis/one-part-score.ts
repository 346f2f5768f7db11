/** A one-part, one-measure, one-voice Score written as a list of events, for analysis tests. */
import { isStep, pitch, type Pitch } from '../../src/core/pitch.js';
import { add, rational, ZERO, type Rational } from '../../src/core/rational.js';
import type { Event, Score, TieType } from '../../src/core/score.js';

/**
 * [pitch or pitches or null for a rest, quarter lengths (a number or a Rational), options].
 * ['C#5', 2, { tie: 'start' }], [['A3', 'C#4'], 1], [null, 1], ['E#4', 0, { grace: true }], ['G#4', rational(1, 3)]
 */
export type EventSpec = readonly [
  pitches: string | readonly string[] | null,
  quarters: number | Rational,
  options?: { readonly tie?: TieType; readonly grace?: boolean },
];

/** parsePitch('F#4') → F#4; flats are 'b' ('Bb3') */
export function parsePitch(name: string): Pitch {
  const match = /^([A-G])(#{1,2}|b{1,2})?(-?\d+)$/.exec(name);
  const step = match?.[1] ?? '';
  if (!match || !isStep(step)) throw new Error(`not a pitch name: ${name}`);
  const accidental = match[2] ?? '';
  return pitch(step, accidental.startsWith('#') ? accidental.length : -accidental.length, Number(match[3]));
}

function toEvent([pitches, quarters, options = {}]: EventSpec, offset: Rational): Event {
  const duration = typeof quarters === 'number' ? rational(quarters * 1024, 1024) : quarters;
  const grace = options.grace ? { grace: { slash: true } } : {};
  if (pitches === null) return { kind: 'rest', offset, duration };
  if (typeof pitches === 'string') return { kind: 'note', pitch: parsePitch(pitches), offset, duration, tie: options.tie, ...grace };
  return { kind: 'chord', notes: pitches.map((name) => ({ pitch: parsePitch(name), tie: options.tie })), offset, duration, ...grace };
}

/** onePartScore([['C4', 1], ['E4', 1], ['G4', 2]]) → a Score whose only measure holds those events in turn */
export function onePartScore(specs: readonly EventSpec[]): Score {
  let offset = ZERO;
  const events = specs.map((spec) => {
    const event = toEvent(spec, offset);
    offset = add(offset, event.duration);
    return event;
  });
  const measure = { number: '1', index: 0, offset: ZERO, duration: offset, voices: [{ id: '1', events }] };
  return { metadata: { sourceFormat: 'generated' }, parts: [{ id: 'P1', staffCount: 1, measures: [measure] }] };
}
