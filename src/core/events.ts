/** Walking a part's events without caring about measures and voices. */
import type { ChordNote, Event, Part } from './score.js';

/** forEachEvent(part, visit) calls visit for every event of every voice of every measure, in order */
export function forEachEvent(part: Part, visit: (event: Event) => void): void {
  for (const measure of part.measures) for (const voice of measure.voices) for (const event of voice.events) visit(event);
}

/** pitchedNotes(a chord of C4 and a hi-hat) → [C4]: the members with a pitch, unpitched percussion left out (as music21's pitch analyses do) */
export function pitchedNotes(event: Event): readonly ChordNote[] {
  if (event.kind === 'rest') return [];
  if (event.kind === 'note') return event.unpitched ? [] : [event];
  return event.notes.some((note) => note.unpitched) ? event.notes.filter((note) => !note.unpitched) : event.notes;
}
