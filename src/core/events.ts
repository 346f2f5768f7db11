/** Walking a part's events without caring about measures and voices. */
import { add, type Rational } from './rational.js';
import type { ChordEvent, ChordNote, Event, NoteEvent, Part } from './score.js';

/** forEachEvent(part, visit) calls visit for every event of every voice of every measure, in order */
export function forEachEvent(part: Part, visit: (event: Event) => void): void {
  for (const measure of part.measures) for (const voice of measure.voices) for (const event of voice.events) visit(event);
}

/** A note or chord that sounds, with where it starts and ends in the score. */
export interface SoundingEvent {
  readonly event: NoteEvent | ChordEvent;
  readonly voiceId: string;
  readonly start: Rational;
  readonly end: Rational;
}

/** forEachSounding(part, visit) calls visit for every note and chord in measure, voice and event order, with absolute times; rests, grace notes and zero-length events left out */
export function forEachSounding(part: Part, visit: (sounding: SoundingEvent) => void): void {
  for (const measure of part.measures) {
    for (const voice of measure.voices) {
      for (const event of voice.events) {
        if (event.kind === 'rest' || event.grace || event.duration.n === 0) continue;
        const start = add(measure.offset, event.offset);
        visit({ event, voiceId: voice.id, start, end: add(start, event.duration) });
      }
    }
  }
}

/** pitchedNotes(a chord of C4 and a hi-hat) → [C4]: the members with a pitch, unpitched percussion left out (as music21's pitch analyses do) */
export function pitchedNotes(event: Event): readonly ChordNote[] {
  if (event.kind === 'rest') return [];
  if (event.kind === 'note') return event.unpitched ? [] : [event];
  return event.notes.some((note) => note.unpitched) ? event.notes.filter((note) => !note.unpitched) : event.notes;
}
