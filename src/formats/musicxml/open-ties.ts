/**
 * Tie starts with no written tie stop (Sibelius and Dolet leave the stop out): the tie is joined to the next
 * note of the same pitch in the same voice when it begins where the tied note ends, as music21 joins them
 * (its stripTies), so playback, analyses and other writers hear one held note, not a re-struck one.
 */
import { add, equals, type Rational } from '../../core/rational.js';
import type { ChordNote, Event, Part, TieType } from '../../core/score.js';

interface Placed {
  readonly measure: number;
  readonly voice: number;
  readonly index: number;
  readonly start: Rational;
  readonly event: Event;
}

/** joinOpenTies(part) → the part with the missing tie stops written in, and how many were */
export function joinOpenTies(part: Part): { readonly part: Part; readonly joined: number } {
  const stops: { readonly target: Placed; readonly held: ReadonlySet<number> }[] = [];
  for (const line of voiceLines(part)) {
    line.forEach((placed, at) => {
      const next = line[at + 1];
      if (!next || !equals(add(placed.start, placed.event.duration), next.start)) return;
      const held = new Set(members(placed.event).filter((note) => holds(note.tie)).map((note) => note.pitch.midi));
      if (members(next.event).some((note) => held.has(note.pitch.midi) && !ends(note.tie))) stops.push({ target: next, held });
    });
  }
  if (stops.length === 0) return { part, joined: 0 };
  const measures = part.measures.map((measure) => ({ ...measure, voices: measure.voices.map((voice) => ({ ...voice, events: [...voice.events] })) }));
  let joined = 0;
  for (const { target, held } of stops) {
    const events = measures[target.measure]!.voices[target.voice]!.events;
    const [event, count] = withStops(events[target.index]!, held);
    events[target.index] = event;
    joined += count;
  }
  return { part: { ...part, measures }, joined };
}

/** each voice's sounding events across the part, in time order (voices keep their label from measure to measure) */
function voiceLines(part: Part): Placed[][] {
  const lines = new Map<string, Placed[]>();
  part.measures.forEach((measure, measureIndex) => {
    measure.voices.forEach((voice, voiceIndex) => {
      voice.events.forEach((event, index) => {
        if (event.kind === 'rest' || event.grace || event.duration.n === 0) return;
        let line = lines.get(voice.id);
        if (!line) lines.set(voice.id, (line = []));
        line.push({ measure: measureIndex, voice: voiceIndex, index, start: add(measure.offset, event.offset), event });
      });
    });
  });
  return [...lines.values()];
}

function members(event: Event): readonly ChordNote[] {
  return event.kind === 'note' ? [event] : event.kind === 'chord' ? event.notes : [];
}

function holds(tie: TieType | undefined): boolean {
  return tie === 'start' || tie === 'continue';
}

function ends(tie: TieType | undefined): boolean {
  return tie === 'stop' || tie === 'continue';
}

function withStops(event: Event, held: ReadonlySet<number>): [Event, number] {
  let count = 0;
  const stop = <T extends { readonly pitch: ChordNote['pitch']; readonly tie?: TieType }>(note: T): T => {
    if (!held.has(note.pitch.midi) || ends(note.tie)) return note;
    count++;
    return { ...note, tie: note.tie === 'start' ? 'continue' : 'stop' };
  };
  if (event.kind === 'note') return [stop(event), count];
  if (event.kind === 'chord') return [{ ...event, notes: event.notes.map(stop) }, count];
  return [event, 0];
}
