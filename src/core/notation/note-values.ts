/**
 * Note values: which written value (type and dots, inside a tuplet when there is one) lasts a given time.
 * Sources that say nothing of notation (ABC, **kern, MIDI, generated scores) get their types from here.
 */
import { div, equals, mul, rational, type Rational } from '../rational.js';
import type { Tuplet } from '../score.js';

/** MusicXML's note types, longest first, with their length in quarters */
const NOTE_TYPES: readonly (readonly [string, Rational])[] = [
  ['maxima', rational(32)], ['long', rational(16)], ['breve', rational(8)], ['whole', rational(4)], ['half', rational(2)],
  ['quarter', rational(1)], ['eighth', rational(1, 2)], ['16th', rational(1, 4)], ['32nd', rational(1, 8)], ['64th', rational(1, 16)],
  ['128th', rational(1, 32)], ['256th', rational(1, 64)],
];

const LENGTHS: ReadonlyMap<string, Rational> = new Map(NOTE_TYPES);

/** every value with up to two dots and its length, computed once: noteValue runs for every event written */
const VALUES: readonly { readonly value: NoteValue; readonly length: Rational }[] = NOTE_TYPES.flatMap(([type, length]) =>
  [0, 1, 2].map((dots) => ({ value: { type, dots }, length: mul(length, rational(2 ** (dots + 1) - 1, 2 ** dots)) })),
);

export interface NoteValue {
  /** a MusicXML note type: "quarter", "eighth", "16th", … */
  readonly type: string;
  readonly dots: number;
}

/** the usual tuplets, tried in turn for a length no plain value has (a MIDI import's 1/3) */
const COMMON_TUPLETS: readonly Tuplet[] = [
  { actual: 3, normal: 2 }, { actual: 5, normal: 4 }, { actual: 6, normal: 4 }, { actual: 7, normal: 4 }, { actual: 9, normal: 8 },
];

/** noteTypeLength("eighth") → 1/2 (quarters); an unknown type → undefined */
export function noteTypeLength(type: string): Rational | undefined {
  return LENGTHS.get(type);
}

/** noteValueLength({ type: "quarter", dots: 1 }) → 3/2, or 1 inside a 3:2 tuplet */
export function noteValueLength(value: NoteValue, tuplet?: Tuplet): Rational {
  const plain = mul(LENGTHS.get(value.type) ?? rational(0), rational(2 ** (value.dots + 1) - 1, 2 ** value.dots));
  return tuplet ? mul(plain, rational(tuplet.normal, tuplet.actual)) : plain;
}

/** noteValue(3/2) → dotted quarter; noteValue(1/3, 3:2) → eighth; a length no value with up to two dots has → undefined */
export function noteValue(duration: Rational, tuplet?: Tuplet): NoteValue | undefined {
  if (duration.n <= 0) return undefined;
  const written = tuplet ? div(duration, rational(tuplet.normal, tuplet.actual)) : duration;
  return VALUES.find(({ length }) => equals(length, written))?.value;
}

/** impliedTuplet(1/3) → 3:2 (a triplet eighth); a length a plain value has → undefined */
export function impliedTuplet(duration: Rational): Tuplet | undefined {
  // a length in halves, quarters, eighths… of a quarter needs no tuplet
  if (duration.n <= 0 || (duration.d & (duration.d - 1)) === 0 || noteValue(duration)) return undefined;
  return COMMON_TUPLETS.find((tuplet) => noteValue(duration, tuplet) !== undefined);
}

/** beamCount("16th") → 2: the beams (or flags) a value carries; a quarter or longer has none */
export function beamCount(type: string): number {
  const index = NOTE_TYPES.findIndex(([name]) => name === type);
  return Math.max(0, index - 5);
}
