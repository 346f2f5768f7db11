/**
 * One event as a short token a model reads: pitch:value ("C#5:q", "[C4 E4 G4]:h.", "r:e"), with ~ for a tie
 * on, ^ for a fermata and a lyric in quotes. read_score writes its lines with it, diff_scores its changes.
 */
import { pitchName } from './pitch.js';
import { noteValue, impliedTuplet, type NoteValue } from './notation/note-values.js';
import { formatRational, type Rational } from './rational.js';
import type { ChordNote, Event, Tuplet } from './score.js';

const VALUE_LETTERS: Readonly<Record<string, string>> = { breve: 'b', whole: 'w', half: 'h', quarter: 'q', eighth: 'e', '16th': 's', '32nd': 't', '64th': 'x' };

export interface TokenOptions {
  /** the event's beat, written as @2.5 */
  readonly beatOf?: ((event: Event) => number) | undefined;
  /** write the event's id (#P1-m3-v1-e2) where it has one; off by default, for every event has one */
  readonly withId?: boolean;
}

/** eventToken(a dotted quarter F#4 tied on) → "F#4:q.~" */
export function eventToken(event: Event, options: TokenOptions = {}): string {
  const { beatOf, withId = false } = options;
  const value = event.kind !== 'rest' && event.grace ? 'grace' : event.kind === 'rest' && event.measureRest ? 'bar' : writtenValue(event);
  const sounds = soundText(event);
  const tied = event.kind === 'note' ? event.tie : event.kind === 'chord' ? event.notes.find((note) => note.tie)?.tie : undefined;
  const marks = `${tied === 'start' || tied === 'continue' ? '~' : ''}${event.fermata ? '^' : ''}`;
  const lyric = event.kind !== 'rest' && event.lyrics?.[0] ? `"${lyricText(event.lyrics[0])}"` : '';
  const where = beatOf ? `@${beatOf(event)}` : '';
  const id = withId ? idOf(event) : undefined;
  return `${sounds}:${value}${marks}${lyric}${where}${id ? `#${id}` : ''}`;
}

/** soundText(a C major triad) → "[C4 E4 G4]"; a rest → "r" ("_" when hidden): what sounds, as spelled */
export function soundText(event: Event): string {
  if (event.kind === 'rest') return event.hidden ? '_' : 'r';
  return event.kind === 'note' ? noteName(event) : `[${event.notes.map(noteName).join(' ')}]`;
}

/** an id the model carries for a part, measure or event, when it has one */
export function idOf(item: object): string | undefined {
  const id = (item as { readonly id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function noteName(note: ChordNote): string {
  if (note.unpitched) return `x${note.unpitched.instrument ? `(${note.unpitched.instrument.replace(/[\s:]+/g, '-')})` : ''}`;
  const alter = note.pitch.alter;
  // microtones: a quarter-tone alteration shown as a signed fraction
  return Number.isInteger(alter) ? pitchName(note.pitch) : `${note.pitch.step}(${alter > 0 ? '+' : ''}${alter})${note.pitch.octave}`;
}

function lyricText(lyric: { readonly text: string; readonly syllabic?: string }): string {
  const joined = lyric.syllabic === 'begin' || lyric.syllabic === 'middle' ? `${lyric.text}-` : lyric.text;
  return joined.replace(/"/g, "'");
}

/** the written value of an event: its notated type when the source gave one, else the value that lasts as long */
function writtenValue(event: Event): string {
  const written: NoteValue | undefined = event.noteType ? { type: event.noteType, dots: event.dots ?? 0 } : undefined;
  if (written && VALUE_LETTERS[written.type]) return valueCode(written, event.tuplet);
  return valueText(event.duration, event.tuplet);
}

/** valueText(3/2) → "q."; valueText(1/3) → "e/3"; valueText(5/3) → "5/3q" */
export function valueText(duration: Rational, tuplet?: Tuplet): string {
  const tupletUsed = tuplet ?? impliedTuplet(duration);
  const value = noteValue(duration, tupletUsed) ?? noteValue(duration);
  if (value && VALUE_LETTERS[value.type]) return valueCode(value, noteValue(duration, tupletUsed) ? tupletUsed : undefined);
  return `${formatRational(duration)}q`;
}

function valueCode(value: NoteValue, tuplet: Tuplet | undefined): string {
  const tupletText = tuplet ? (tuplet.normal === 2 && tuplet.actual === 3 ? '/3' : `/${tuplet.actual}:${tuplet.normal}`) : '';
  return `${VALUE_LETTERS[value.type]}${'.'.repeat(value.dots)}${tupletText}`;
}
