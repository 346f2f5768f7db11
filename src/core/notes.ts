/** A part's notes as a listener hears them: absolute onsets, tied notes merged into one. */
import type { Pitch } from './pitch.js';
import { add, compare, type Rational } from './rational.js';
import type { Part } from './score.js';

export interface HeardNote {
  readonly start: Rational;
  readonly end: Rational;
  readonly pitch: Pitch;
}

/** heardNotes(part) → notes with ties merged, ordered by onset then pitch; grace notes left out */
export function heardNotes(part: Part): HeardNote[] {
  const finished: HeardNote[] = [];
  const open = new Map<number, { start: Rational; end: Rational; pitch: Pitch }>();
  for (const measure of part.measures) {
    for (const voice of measure.voices) {
      for (const event of voice.events) {
        if (event.kind === 'rest' || event.grace || event.duration.n === 0) continue;
        const start = add(measure.offset, event.offset);
        const end = add(start, event.duration);
        const members = event.kind === 'note' ? [{ pitch: event.pitch, tie: event.tie }] : event.notes;
        for (const { pitch, tie } of members) {
          const held = open.get(pitch.midi);
          if (held && (tie === 'stop' || tie === 'continue') && compare(held.end, start) === 0) {
            held.end = end;
            if (tie === 'stop') {
              finished.push(held);
              open.delete(pitch.midi);
            }
            continue;
          }
          if (held) finished.push(held);
          const note = { start, end, pitch };
          if (tie === 'start' || tie === 'continue') open.set(pitch.midi, note);
          else {
            open.delete(pitch.midi);
            finished.push(note);
          }
        }
      }
    }
  }
  finished.push(...open.values());
  return finished.sort((a, b) => compare(a.start, b.start) || a.pitch.midi - b.pitch.midi || compare(a.end, b.end));
}
