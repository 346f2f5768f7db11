/**
 * One measure of one ABC voice: inline [K:] [M:] and clef changes, notes and chords with the accidentals
 * the bar needs, rests, gaps filled with invisible rests "x", tuplets "(p:q:r", grace notes, ties and fermatas,
 * and (in the first voice of a part) chord symbols "Am7" and the navigation marks as decorations: !segno! !coda! !fine! !D.C.! !D.S.! !dacoda!.
 * Accidentals follow ABC 2.1's default (readAbc's, abc2midi's, music21's): one holds for that letter, in every octave, to the end of the bar.
 */
import { chordSymbolText } from '../../core/chord-symbol-text.js';
import type { Pitch } from '../../core/pitch.js';
import { ZERO, add, compare, div, equals, max, mul, rational, sub, type Rational } from '../../core/rational.js';
import type { ChordEvent, Event, KeySignature, Measure, NoteEvent, TimeSignature } from '../../core/score.js';
import { NAVIGATION_DECORATIONS } from './bars.js';
import { keyAlterations } from './key.js';
import { eventDecorations, measureMarkDecorations } from './marks.js';
import { clefName, keyText, lengthText, meterText } from './write-fields.js';

/** what one voice carries from measure to measure while it is written */
export interface VoiceWriting {
  readonly abcId: string;
  /** L:, in quarters */
  readonly unit: Rational;
  readonly staff: number;
  /** the first voice of its part writes the part's navigation marks */
  readonly writesNavigation: boolean;
  key: KeySignature;
  keyAlters: Readonly<Record<string, number>>;
  time: TimeSignature | undefined;
  /** accidentals written so far in the bar, by letter: ABC 2.1 carries one to every octave of the letter */
  barAlters: Map<string, number>;
  /** octaves from sounding to written: +1 under a treble-8 clef, whose written "c" sounds middle C */
  octaveShift: number;
  /** the members (midi) of each note or chord whose tie reaches a next note, see `heldTies` */
  readonly ties: ReadonlyMap<Event, ReadonlySet<number>>;
  /** the verse written as w: lines, when the voice has lyrics; `syllables` collects one per written note */
  readonly verse?: string;
  syllables: string[];
}

interface Token {
  readonly text: string;
  readonly offset: Rational;
}

interface Change {
  readonly offset: Rational;
  readonly text: string;
  readonly apply: () => void;
}

const ACCIDENTALS: Readonly<Record<number, string>> = { [-2]: '__', [-1]: '_', 0: '=', 1: '^', 2: '^^' };

/**
 * measureText(measure, 0, 9/2, events, writing) → "[K:D] A2 (3Bcd e3" style text, without the barline.
 * `length` is where the next measure starts: silence fills up to it, and a rest that runs past it is cut back.
 */
export function measureText(measure: Measure, index: number, length: Rational, events: readonly Event[], writing: VoiceWriting): string {
  writing.barAlters = new Map();
  writing.syllables = [];
  const tokens: Token[] = [];
  const changes = changesIn(measure, index, length, writing);
  let position: Rational = ZERO;
  const advance = (to: Rational) => {
    while (changes.length > 0 && compare(changes[0]!.offset, to) <= 0) {
      const change = changes.shift()!;
      if (compare(change.offset, position) > 0) {
        tokens.push({ text: silence(sub(change.offset, position), writing.unit), offset: position });
        position = change.offset;
      }
      change.apply();
      tokens.push({ text: change.text, offset: position });
    }
    if (compare(to, position) > 0) {
      tokens.push({ text: silence(sub(to, position), writing.unit), offset: position });
      position = to;
    }
  };
  if (isWholeBarRest(measure, length, events, writing)) {
    advance(ZERO);
    return joinTokens([...tokens, { text: 'Z', offset: ZERO }], writing);
  }
  let tuplet: { remaining: number; factor: Rational } | undefined;
  for (let at = 0; at < events.length; at++) {
    const event = events[at]!;
    const grace = event.kind !== 'rest' ? event.grace : undefined;
    if (compare(event.offset, position) < 0 || (!grace && event.duration.n === 0)) continue; // overlaps: ABC has no way back
    if (event.kind === 'rest' && compare(add(event.offset, event.duration), length) > 0) {
      if (compare(event.offset, length) < 0) tokens.push({ text: `${event.hidden ? 'x' : 'z'}${lengthText(sub(length, event.offset), writing.unit)}`, offset: event.offset });
      position = max(position, length);
      continue;
    }
    advance(event.offset);
    if (grace) {
      let end = at;
      while (end + 1 < events.length && isGrace(events[end + 1]!) && equals(events[end + 1]!.offset, event.offset)) end++;
      const notes = events.slice(at, end + 1).flatMap((entry) => (entry.kind === 'note' ? [entry.pitch] : entry.kind === 'chord' ? entry.notes.map((note) => note.pitch) : []));
      const slash = grace.slash ? '/' : '';
      tokens.push({ text: `{${slash}${notes.map((note) => pitchText(note, writing)).join('')}}`, offset: position });
      at = end;
      continue;
    }
    if (!tuplet && event.tuplet) {
      const run = tupletRun(events, at, writing.unit);
      if (run > 0) {
        const { actual, normal } = event.tuplet;
        tuplet = { remaining: run, factor: rational(actual, normal) };
        tokens.push({ text: actual === 3 && normal === 2 && run === 3 ? '(3' : `(${actual}:${normal}:${run}`, offset: position });
      }
    }
    const written = tuplet ? mul(event.duration, tuplet.factor) : event.duration;
    tokens.push({ text: eventText(event, written, writing), offset: position });
    if (writing.verse !== undefined && event.kind !== 'rest') writing.syllables.push(...syllables(event, lengthParts(written, writing.unit).length, writing.verse));
    position = add(position, event.duration);
    if (tuplet && --tuplet.remaining === 0) tuplet = undefined;
  }
  advance(length);
  return joinTokens(tokens, writing);
}

/** silence(3/2 quarters, unit 1/2) → "x3": time nobody wrote down, as invisible rests */
function silence(length: Rational, unit: Rational): string {
  return lengthParts(length, unit).map((part) => `x${lengthText(part, unit)}`).join('');
}

function isGrace(event: Event): boolean {
  return event.kind !== 'rest' && event.grace !== undefined;
}

/** what takes effect in this measure for this voice: keys, meters, clefs after the first measure, navigation marks */
function changesIn(measure: Measure, index: number, length: Rational, writing: VoiceWriting): Change[] {
  const mine = (staff: number | undefined) => staff === undefined || staff === writing.staff;
  const changes: Change[] = [];
  for (const { offset, staff, value } of measure.keys ?? []) {
    if (!mine(staff)) continue;
    const same = value.fifths === writing.key.fifths && (value.mode ?? 'major') === (writing.key.mode ?? 'major');
    if (!same) changes.push({ offset, text: `[K:${keyText(value)}]`, apply: () => ((writing.key = value), (writing.keyAlters = keyAlterations(value.fifths, {}))) });
  }
  for (const { offset, staff, value } of measure.times ?? []) {
    if (!mine(staff)) continue;
    const same = writing.time !== undefined && meterText(writing.time) === meterText(value);
    if (!same) changes.push({ offset, text: `[M:${meterText(value)}]`, apply: () => (writing.time = value) });
  }
  for (const { offset, staff, value } of index > 0 ? measure.clefs ?? [] : []) {
    const name = clefName(value);
    if (mine(staff) && name) changes.push({ offset, text: `[V:${writing.abcId} clef=${name}]`, apply: () => (writing.octaveShift = -(value.octaveChange ?? 0)) });
  }
  // chord symbols belong to the part: its first voice writes them, quoted, before the note they sound from
  for (const { offset, value } of writing.writesNavigation ? measure.harmonies ?? [] : []) {
    changes.push({ offset: compare(offset, length) > 0 ? length : offset, text: `"${chordSymbolText(value).replace(/"/g, '')}"`, apply: () => undefined });
  }
  for (const mark of writing.writesNavigation ? measure.navigation ?? [] : []) {
    changes.push({ offset: compare(mark.offset, length) > 0 ? length : mark.offset, text: NAVIGATION_DECORATIONS[mark.kind], apply: () => undefined });
  }
  for (const mark of writing.writesNavigation ? measureMarkDecorations(measure) : []) {
    changes.push({ offset: compare(mark.offset, length) > 0 ? length : mark.offset, text: mark.text, apply: () => undefined });
  }
  return changes.sort((a, b) => compare(a.offset, b.offset));
}

/** a measure whose only event is one visible rest filling the meter's length: "Z" */
function isWholeBarRest(measure: Measure, length: Rational, events: readonly Event[], writing: VoiceWriting): boolean {
  const time = measure.times?.find((entry) => entry.offset.n === 0)?.value ?? writing.time;
  if (events.length !== 1 || !time || !/^\d+(\+\d+)*$/.test(time.beats)) return false;
  // "Z" closes the bar at once: a mark written after it would fall into the next measure
  if (writing.writesNavigation && measure.navigation?.some((mark) => mark.offset.n > 0)) return false;
  const rest = events[0]!;
  const beats = time.beats.split('+').reduce((sum, beat) => sum + Number(beat), 0);
  const bar = rational(beats * 4, time.beatType);
  return rest.kind === 'rest' && !rest.hidden && rest.offset.n === 0 && equals(rest.duration, bar) && equals(length, bar);
}

/**
 * How many events from `start` share one tuplet sign: same ratio, back to back, lengths ABC can write.
 * A run that opens with `actual` notes of one length is one group ("(3cde (3fga"), the usual case.
 */
function tupletRun(events: readonly Event[], start: number, unit: Rational): number {
  const { actual, normal } = events[start]!.tuplet!;
  if (actual < 2 || actual > 9) return 0;
  let count = 0;
  let expected = events[start]!.offset;
  for (let at = start; at < events.length; at++) {
    const event = events[at]!;
    if (isGrace(event)) continue;
    if (event.tuplet?.actual !== actual || event.tuplet.normal !== normal || event.duration.n === 0 || !equals(event.offset, expected)) break;
    const multiple = div(mul(event.duration, rational(actual, normal)), unit);
    if ((multiple.d & (multiple.d - 1)) !== 0 || multiple.n > 1024 || multiple.d > 1024) break;
    count++;
    expected = add(event.offset, event.duration);
    if (count === actual && events.slice(start, at + 1).every((entry) => isGrace(entry) || equals(entry.duration, events[start]!.duration))) break;
  }
  return count;
}

/** a note, chord or rest; a length readAbc cannot take in one number (over 1024) is split into tied parts */
function eventText(event: Event, written: Rational, writing: VoiceWriting): string {
  const { before, after } = eventDecorations(event);
  return `${before}${plainEventText(event, written, writing)}${after}`;
}

function plainEventText(event: Event, written: Rational, writing: VoiceWriting): string {
  const fermata = event.fermata ? '!fermata!' : '';
  const lengths = lengthParts(written, writing.unit).map((part) => lengthText(part, writing.unit));
  const last = lengths.length - 1;
  if (event.kind === 'rest') return fermata + lengths.map((length) => `${event.hidden ? 'x' : 'z'}${length}`).join('');
  const ties = writing.ties.get(event);
  if (event.kind === 'note') return fermata + lengths.map((length, index) => `${pitchText(event.pitch, writing)}${length}${index < last || ties?.has(event.pitch.midi) ? '-' : ''}`).join('');
  return fermata + lengths.map((length, index) => `${chordText(event, index < last ? undefined : ties, writing)}${length}${index < last || event.notes.every((note) => ties?.has(note.pitch.midi)) ? '-' : ''}`).join('');
}

/** lengthParts(3083/672 quarters, unit 1/2) → [9/2, 59/672]: whole units, then the rest, so no number passes 1024 */
function lengthParts(length: Rational, unit: Rational): Rational[] {
  const multiple = div(length, unit);
  if (multiple.n <= 1024 && multiple.d <= 1024) return [length];
  const whole = Math.floor(multiple.n / multiple.d);
  const parts: Rational[] = [];
  for (let left = whole; left > 0; left -= Math.min(left, 1024)) parts.push(mul(rational(Math.min(left, 1024)), unit));
  const remainder = sub(multiple, rational(whole));
  if (remainder.n > 0) parts.push(mul(remainder, unit));
  return parts;
}

/** "[CEG]", with "-" after the members that tie on when only some do; `ties` undefined: none tie */
function chordText(chord: ChordEvent, ties: ReadonlySet<number> | undefined, writing: VoiceWriting): string {
  const some = !chord.notes.every((note) => ties?.has(note.pitch.midi));
  return `[${chord.notes.map((note) => `${pitchText(note.pitch, writing)}${some && ties?.has(note.pitch.midi) ? '-' : ''}`).join('')}]`;
}

/** pitchText(F#5) in G major → "f"; in C → "^f", and the sharp then holds for every F to the end of the bar */
export function pitchText(pitch: Pitch, writing: VoiceWriting): string {
  const alter = Math.max(-2, Math.min(2, Math.round(pitch.alter)));
  const inForce = writing.barAlters.get(pitch.step) ?? writing.keyAlters[pitch.step] ?? 0;
  let accidental = '';
  if (alter !== inForce) {
    accidental = ACCIDENTALS[alter]!;
    writing.barAlters.set(pitch.step, alter);
  }
  const octave = pitch.octave + writing.octaveShift;
  const letter = octave >= 5 ? pitch.step.toLowerCase() : pitch.step;
  const marks = octave >= 5 ? "'".repeat(octave - 5) : ','.repeat(4 - octave);
  return `${accidental}${letter}${marks}`;
}

/**
 * The ties that join one event to the next in the voice: a tie start whose next event begins where it ends
 * and holds the same pitch with a tie stop. Only those are written, so a dangling tie in the model
 * does not fuse two notes when readAbc reads "-".
 */
export function heldTies(voiceEvents: readonly { readonly start: Rational; readonly event: Event }[]): Map<Event, Set<number>> {
  const ties = new Map<Event, Set<number>>();
  const sounding = voiceEvents.filter(({ event }) => !isGrace(event) && event.duration.n > 0 && event.kind !== 'rest');
  sounding.forEach(({ start, event }, index) => {
    const next = sounding[index + 1];
    if (!next || !equals(add(start, event.duration), next.start)) return;
    const stopping = new Set(members(next.event).filter((note) => note.tie === 'stop' || note.tie === 'continue').map((note) => note.pitch.midi));
    const held = members(event).filter((note) => tied(note) && stopping.has(note.pitch.midi)).map((note) => note.pitch.midi);
    if (held.length > 0) ties.set(event, new Set(held));
  });
  return ties;
}

function members(event: Event): readonly Pick<NoteEvent, 'pitch' | 'tie'>[] {
  return event.kind === 'note' ? [event] : event.kind === 'chord' ? event.notes : [];
}

function tied(note: Pick<NoteEvent, 'tie'>): boolean {
  return note.tie === 'start' || note.tie === 'continue';
}

/** the w: syllables of a note written as `notes` tied parts: "Ky-", "e", "*" for none, "_" to hold on */
function syllables(event: NoteEvent | ChordEvent, notes: number, verse: string): string[] {
  // the chosen verse, else whatever the note has (a chorale's second half often numbers its one verse anew)
  const lyric = event.lyrics?.find((entry) => (entry.number ?? '1') === verse) ?? event.lyrics?.[0];
  const text = lyric ? lyric.text.trim().replace(/[-*_|~\\]/g, (character) => (character === '-' ? '\\-' : '')).replace(/\s+/g, '~') : '';
  const first = !lyric || !text ? '*' : lyric.syllabic === 'begin' || lyric.syllabic === 'middle' ? `${text}-` : text;
  return [first, ...Array<string>(notes - 1).fill('_')];
}

/** tokens joined, with a space before each beat so notes within a beat are beamed together */
function joinTokens(tokens: readonly Token[], writing: VoiceWriting): string {
  const time = writing.time;
  const compound = time !== undefined && time.beatType === 8 && Number(time.beats) % 3 === 0 && Number(time.beats) > 3;
  const beat = compound ? rational(3, 2) : time ? rational(4, time.beatType) : rational(1);
  let text = '';
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    const onBeat = div(token.offset, beat).d === 1;
    if (previous && onBeat && !equals(previous.offset, token.offset)) text += ' ';
    text += token.text;
  });
  return text;
}
