/** Operations on notes, chords and rests: pitch, length, tie, lyric, insertion and deletion. */
import { parsePitchName } from '../core/interval.js';
import { impliedTuplet, noteValue } from '../core/notation/note-values.js';
import type { Pitch } from '../core/pitch.js';
import { add, compare, sub, type Rational } from '../core/rational.js';
import type { ChordNote, Event, Lyric, TieType } from '../core/score.js';
import type { Found, ScoreDraft } from './draft.js';
import type { EditOperation } from './operations.js';
import { invalid, quarters, resolvePlace, resolveTarget } from './places.js';

type Op<Name extends EditOperation['op']> = Extract<EditOperation, { op: Name }>;

/** spelled("F#4") → F#4; anything else → INVALID_EDIT */
export function spelled(name: string): Pitch {
  const pitch = parsePitchName(name);
  if (!pitch) throw invalid(`"${name}" is not a spelled pitch (try "F#4", "Bb3", "C5").`);
  return pitch;
}

export function setPitch(draft: ScoreDraft, operation: Op<'set_pitch'>): void {
  const pitch = spelled(operation.pitch);
  changeNote(draft, resolveTarget(draft, operation.target), 'set its pitch', (note) => ({ ...note, pitch }));
}

export function setTie(draft: ScoreDraft, operation: Op<'set_tie'>): void {
  changeNote(draft, resolveTarget(draft, operation.target), 'tie it', (note) => {
    const { tie: _old, ...rest } = note;
    return operation.tie === 'none' ? rest : { ...rest, tie: operation.tie as TieType };
  });
}

export function setDuration(draft: ScoreDraft, operation: Op<'set_duration'>): void {
  const found = resolveTarget(draft, operation.target);
  const length = quarters(operation.duration);
  const events = eventsOf(draft, found);
  const event = events[found.event]!;
  const { noteType: _type, dots: _dots, tuplet: _tuplet, ...rest } = event;
  events[found.event] = { ...rest, duration: length, ...valueOf(length) } as Event;
  shiftFrom(events, found.event + 1, sub(length, event.duration));
}

export function setLyric(draft: ScoreDraft, operation: Op<'set_lyric'>): void {
  const found = resolveTarget(draft, operation.target);
  const events = eventsOf(draft, found);
  const event = events[found.event]!;
  if (event.kind === 'rest') throw invalid(`${describe(event)} is a rest; lyrics go on notes and chords.`);
  const verse = operation.verse ?? '1';
  const others = (event.lyrics ?? []).filter((lyric) => (lyric.number ?? '1') !== verse);
  const lyrics: Lyric[] = operation.text === '' ? others : [...others, { text: operation.text, number: verse }];
  const { lyrics: _old, ...rest } = event;
  events[found.event] = (lyrics.length > 0 ? { ...rest, lyrics } : rest) as Event;
}

/** a note, chord or rest placed at a place or after an event; the rest of the voice moves later by its length */
export function insertEvent(draft: ScoreDraft, operation: Op<'insert'>): void {
  const length = quarters(operation.duration);
  const pitches = operation.pitches.map(spelled);
  let found: Omit<Found, 'event'> & { event: number; offset: Rational };
  if (operation.after !== undefined) {
    const before = draft.find(operation.after);
    const previous = draft.parts[before.part]!.measures[before.measure]!.voices[before.voice]!.events[before.event]!;
    found = { ...before, event: before.event + 1, offset: add(previous.offset, previous.duration) };
  } else if (operation.at) {
    const place = resolvePlace(draft, operation.at);
    const events = draft.parts[place.part]!.measures[place.measure]!.voices[place.voice]!.events;
    const index = events.findIndex((event) => compare(event.offset, place.offset) >= 0);
    found = { ...place, event: index < 0 ? events.length : index };
  } else throw invalid('insert needs `at` (a place) or `after` (an id).');
  const measure = draft.measure(found.part, found.measure);
  const events = measure.voices[found.voice]!.events;
  const id = draft.ids.take(`${measure.id ?? 'm'}-new`);
  draft.remember(id, measure);
  const base = { id, offset: found.offset, duration: length, ...valueOf(length), ...(events[0]?.staff === undefined ? {} : { staff: events[0].staff }) };
  const notes: ChordNote[] = pitches.map((pitch, index) => {
    const noteId = draft.ids.take(`${id}-n${index + 1}`);
    draft.remember(noteId, measure);
    return { id: noteId, pitch };
  });
  const event: Event = pitches.length === 0 ? { ...base, kind: 'rest' } : pitches.length === 1 ? { ...base, kind: 'note', pitch: pitches[0]! } : { ...base, kind: 'chord', notes };
  events.splice(found.event, 0, event);
  shiftFrom(events, found.event + 1, length);
}

/** a note, chord or rest becomes a rest of the same length; a chord note leaves its chord */
export function deleteEvent(draft: ScoreDraft, operation: Op<'delete'>): void {
  const found = resolveTarget(draft, operation.target);
  const events = eventsOf(draft, found);
  const event = events[found.event]!;
  if (found.note !== undefined && event.kind === 'chord') {
    const notes = event.notes.filter((_, index) => index !== found.note);
    const { notes: _all, ...rest } = event;
    events[found.event] = (notes.length === 1 ? { ...rest, kind: 'note', ...notes[0]!, id: event.id } : { ...event, notes }) as Event;
    return;
  }
  if (event.kind === 'rest') throw invalid(`${describe(event)} is already a rest.`);
  const id = draft.ids.take(`${event.id ?? 'rest'}-rest`);
  const { offset, duration, staff, noteType, dots, tuplet } = event;
  events[found.event] = { kind: 'rest', id, offset, duration, ...(staff === undefined ? {} : { staff }), ...(noteType ? { noteType } : {}), ...(dots ? { dots } : {}), ...(tuplet ? { tuplet } : {}) };
}

/** The events of the voice holding `found`, copied for editing. */
function eventsOf(draft: ScoreDraft, found: Found): Event[] {
  return draft.measure(found.part, found.measure).voices[found.voice]!.events;
}

function changeNote(draft: ScoreDraft, found: Found, what: string, change: (note: ChordNote) => ChordNote): void {
  const events = eventsOf(draft, found);
  const event = events[found.event]!;
  if (event.kind === 'rest') throw invalid(`${describe(event)} is a rest; cannot ${what}.`);
  if (event.kind === 'note') {
    events[found.event] = { ...event, ...change(event) } as Event;
    return;
  }
  if (found.note === undefined) throw invalid(`${describe(event)} is a chord: name one of its notes (${event.notes.map((note) => note.id).join(', ')}) to ${what}.`);
  events[found.event] = { ...event, notes: event.notes.map((note, index) => (index === found.note ? change(note) : note)) };
}

/** the notated value of a length: type and dots, with a tuplet where a plain value has none */
function valueOf(length: Rational): Partial<Pick<Event, 'noteType' | 'dots' | 'tuplet'>> {
  const tuplet = impliedTuplet(length);
  const value = noteValue(length, tuplet);
  if (!value) return {};
  return { noteType: value.type, ...(value.dots > 0 ? { dots: value.dots } : {}), ...(tuplet ? { tuplet } : {}) };
}

function shiftFrom(events: Event[], from: number, amount: Rational): void {
  if (amount.n === 0) return;
  for (let index = from; index < events.length; index++) events[index] = { ...events[index]!, offset: add(events[index]!.offset, amount) } as Event;
}

function describe(event: Event): string {
  return event.id ? `"${event.id}"` : 'That event';
}
