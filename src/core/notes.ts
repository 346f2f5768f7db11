/** A part's notes as a listener hears them: absolute onsets, tied notes merged into one. */
import { forEachSounding } from './events.js';
import type { Pitch } from './pitch.js';
import { compare, type Rational } from './rational.js';
import type { Part, Unpitched } from './score.js';

export interface HeardNote {
  readonly start: Rational;
  readonly end: Rational;
  /** for unpitched percussion, where it is drawn */
  readonly pitch: Pitch;
  readonly unpitched?: Unpitched;
}

/** heardNotes(part) → notes with ties merged, ordered by onset then pitch; grace notes left out */
export function heardNotes(part: Part): HeardNote[] {
  const finished: HeardNote[] = [];
  // open tied notes per voice and pitch: two voices holding the same pitch keep their ties apart
  const open = new Map<string, { start: Rational; end: Rational; pitch: Pitch; unpitched?: Unpitched }>();
  forEachSounding(part, ({ event, voiceId, start, end }) => {
    const members = event.kind === 'note' ? [event] : event.notes;
    for (const { pitch, tie, unpitched } of members) {
      const key = `${voiceId}:${pitch.midi}`;
      const continues = tie === 'stop' || tie === 'continue';
      // a tie may also cross into another voice's numbering: then any open note of the pitch that ends here
      const heldKey = open.has(key) ? key : continues ? otherVoiceHolding(open, pitch.midi, start) : undefined;
      const held = heldKey === undefined ? undefined : open.get(heldKey);
      if (held && continues && compare(held.end, start) === 0) {
        held.end = end;
        open.delete(heldKey!);
        if (tie === 'continue') open.set(key, held);
        else finished.push(held);
        continue;
      }
      if (held) {
        finished.push(held);
        open.delete(heldKey!);
      }
      const note = unpitched ? { start, end, pitch, unpitched } : { start, end, pitch };
      if (tie === 'start' || tie === 'continue') open.set(key, note);
      else finished.push(note);
    }
  });
  finished.push(...open.values());
  return finished.sort((a, b) => compare(a.start, b.start) || a.pitch.midi - b.pitch.midi || compare(a.end, b.end));
}

function otherVoiceHolding(open: ReadonlyMap<string, { end: Rational }>, midi: number, at: Rational): string | undefined {
  for (const [key, note] of open) if (key.endsWith(`:${midi}`) && compare(note.end, at) === 0) return key;
  return undefined;
}
