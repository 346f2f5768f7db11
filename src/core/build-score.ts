/**
 * Writes music given as notes on a timeline (start and length from the beginning of the piece) into the
 * score model: barlines from the meter, notes that cross a barline split and tied, each piece spelled
 * as notated values (dotted where that fits), silence filled with rests. What generators and transforms
 * produce goes through here, so their output reads, exports and renders like an imported score.
 */
import type { Pitch } from './pitch.js';
import { ZERO, add, compare, max, min, mul, rational, sub, type Rational } from './rational.js';
import type { ChordSymbol, Clef, Event, KeySignature, Measure, Part, Score, TieType, TimeSignature } from './score.js';

export interface WrittenNote {
  /** one pitch for a note, several for a chord, none for a rest */
  readonly pitches: readonly Pitch[];
  /** from the start of the piece, in quarter notes */
  readonly start: Rational;
  readonly duration: Rational;
  readonly fermata?: boolean;
}

export interface WrittenPart {
  readonly name: string;
  readonly notes: readonly WrittenNote[];
  readonly clef?: Clef;
  /** chord symbols over the part (a lead sheet), each from its start */
  readonly chordSymbols?: readonly { readonly start: Rational; readonly symbol: ChordSymbol }[];
}

export interface WrittenScore {
  readonly title?: string;
  readonly composer?: string;
  readonly key: KeySignature;
  readonly time: TimeSignature;
  /** length of an opening pickup (anacrusis) measure, when there is one */
  readonly pickup?: Rational;
  readonly parts: readonly WrittenPart[];
}

/** notated values, longest first: [name, quarter length of the undotted value] */
const NOTE_TYPES: readonly (readonly [string, Rational])[] = [
  ['whole', rational(4)],
  ['half', rational(2)],
  ['quarter', rational(1)],
  ['eighth', rational(1, 2)],
  ['16th', rational(1, 4)],
  ['32nd', rational(1, 8)],
  ['64th', rational(1, 16)],
];

/** every value with up to two dots, longest first */
const NOTATED = NOTE_TYPES.flatMap(([noteType, length]) => [
  { noteType, dots: 2, length: mul(length, rational(7, 4)) },
  { noteType, dots: 1, length: mul(length, rational(3, 2)) },
  { noteType, dots: 0, length },
]).sort((a, b) => compare(b.length, a.length));

/** measureLength({ beats: '3', beatType: 4 }) → 3 quarters; additive "3+2" over 8 → 5/2 */
export function measureLength(time: TimeSignature): Rational {
  const beats = time.beats.split('+').reduce((sum, part) => sum + Number(part), 0);
  return rational(beats * 4, time.beatType);
}

/** buildScore({ key, time, parts: [{ name: 'Soprano', notes }] }) → a Score with measures, ties and rests */
export function buildScore(written: WrittenScore): Score {
  const end = written.parts.reduce((latest, part) => part.notes.reduce((last, note) => max(last, add(note.start, note.duration)), latest), ZERO);
  const bars = barsUntil(end, measureLength(written.time), written.pickup);
  return {
    metadata: { sourceFormat: 'generated', ...(written.title ? { title: written.title } : {}), ...(written.composer ? { composer: written.composer } : {}) },
    parts: written.parts.map((part, index) => buildPart(part, index, bars, written)),
  };
}

interface Bar {
  readonly start: Rational;
  readonly end: Rational;
  readonly pickup: boolean;
}

function barsUntil(end: Rational, length: Rational, pickup: Rational | undefined): Bar[] {
  const bars: Bar[] = [];
  let start = ZERO;
  if (pickup && pickup.n > 0) {
    bars.push({ start, end: pickup, pickup: true });
    start = pickup;
  }
  do {
    bars.push({ start, end: add(start, length), pickup: false });
    start = add(start, length);
  } while (compare(start, end) < 0);
  return bars;
}

function buildPart(part: WrittenPart, index: number, bars: readonly Bar[], written: WrittenScore): Part {
  const notes = [...part.notes].sort((a, b) => compare(a.start, b.start));
  const measures = bars.map((bar, barIndex): Measure => {
    const first = barIndex === 0;
    const harmonies = (part.chordSymbols ?? [])
      .filter(({ start }) => compare(start, bar.start) >= 0 && compare(start, bar.end) < 0)
      .map(({ start, symbol }) => ({ offset: sub(start, bar.start), value: symbol }));
    return {
      number: String(bars[0]!.pickup ? barIndex : barIndex + 1),
      index: barIndex,
      offset: bar.start,
      duration: sub(bar.end, bar.start),
      ...(bar.pickup ? { implicit: true } : {}),
      ...(first ? { keys: [{ offset: ZERO, value: written.key }], times: [{ offset: ZERO, value: written.time }] } : {}),
      ...(first && part.clef ? { clefs: [{ offset: ZERO, value: part.clef }] } : {}),
      ...(harmonies.length > 0 ? { harmonies } : {}),
      voices: [{ id: '1', events: barEvents(notes, bar) }],
    };
  });
  return { id: `P${index + 1}`, name: part.name, staffCount: 1, measures };
}

/** eventsWithin(notes, measure.offset, its end) → a measure's events for the notes written: ties across its bar lines, rests in the gaps */
export function eventsWithin(notes: readonly WrittenNote[], start: Rational, end: Rational): Event[] {
  return barEvents([...notes].sort((a, b) => compare(a.start, b.start)), { start, end, pickup: false });
}

/** the events of one bar: the notes' pieces inside it, rests in the gaps */
function barEvents(notes: readonly WrittenNote[], bar: Bar): Event[] {
  const events: Event[] = [];
  let cursor = bar.start;
  for (const note of notes) {
    const noteEnd = add(note.start, note.duration);
    if (compare(noteEnd, bar.start) <= 0 || compare(note.start, bar.end) >= 0) continue;
    const from = max(note.start, max(bar.start, cursor));
    const to = min(noteEnd, bar.end);
    if (compare(from, to) >= 0) continue;
    if (compare(cursor, from) < 0) events.push(...rests(cursor, from, bar));
    events.push(...pieces(note, from, to, bar));
    cursor = to;
  }
  if (events.length === 0) return [{ kind: 'rest', offset: ZERO, duration: sub(bar.end, bar.start), measureRest: true }];
  if (compare(cursor, bar.end) < 0) events.push(...rests(cursor, bar.end, bar));
  return events;
}

function rests(from: Rational, to: Rational, bar: Bar): Event[] {
  return notatedSpans(from, to).map(({ start, duration, noteType, dots }) => ({
    kind: 'rest' as const,
    offset: sub(start, bar.start),
    duration,
    ...notation(noteType, dots),
  }));
}

/** a note's part between from and to, as notated values tied together (and to the bars either side) */
function pieces(note: WrittenNote, from: Rational, to: Rational, bar: Bar): Event[] {
  const noteEnd = add(note.start, note.duration);
  const spans = notatedSpans(from, to);
  return spans.map(({ start, duration, noteType, dots }, index) => {
    const tiedBefore = compare(start, note.start) > 0;
    const tiedAfter = index < spans.length - 1 || compare(to, noteEnd) < 0;
    const tie = tieType(tiedBefore, tiedAfter);
    const base = {
      offset: sub(start, bar.start),
      duration,
      ...notation(noteType, dots),
      ...(note.fermata && !tiedAfter ? { fermata: true } : {}),
    };
    if (note.pitches.length === 0) return { kind: 'rest', ...base };
    if (note.pitches.length === 1) return { kind: 'note', pitch: note.pitches[0]!, ...(tie ? { tie } : {}), ...base };
    return { kind: 'chord', notes: note.pitches.map((pitch) => ({ pitch, ...(tie ? { tie } : {}) })), ...base };
  });
}

function tieType(before: boolean, after: boolean): TieType | undefined {
  if (before && after) return 'continue';
  if (before) return 'stop';
  return after ? 'start' : undefined;
}

function notation(noteType: string | undefined, dots: number): { noteType?: string; dots?: number } {
  return { ...(noteType ? { noteType } : {}), ...(dots ? { dots } : {}) };
}

/**
 * from..to cut into notated values, longest first; a remainder no value fits (a tuplet length) stays one
 * span without a note type
 */
function notatedSpans(from: Rational, to: Rational): { start: Rational; duration: Rational; noteType?: string; dots: number }[] {
  const spans: { start: Rational; duration: Rational; noteType?: string; dots: number }[] = [];
  let start = from;
  while (compare(start, to) < 0) {
    const left = sub(to, start);
    const value = NOTATED.find((candidate) => compare(candidate.length, left) <= 0 && isMultiple(sub(left, candidate.length)));
    if (!value) {
      spans.push({ start, duration: left, dots: 0 });
      break;
    }
    spans.push({ start, duration: value.length, noteType: value.noteType, dots: value.dots });
    start = add(start, value.length);
  }
  return spans;
}

/** true when what remains can still be written in 64ths (or is nothing) */
function isMultiple(left: Rational): boolean {
  return 16 % left.d === 0 || left.n === 0;
}
