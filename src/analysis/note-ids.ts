/**
 * The ids of the written notes a finding is about, so that every finding can name them beside its measure
 * and beat (edit_score takes them; the viewer highlights them): for a chord or a harmony, the notes sounding
 * at its start, held notes included, each written note once (a tied note's sounding segment).
 */
import { forEachSounding, pitchedNotes } from '../core/events.js';
import { compare, type Rational } from '../core/rational.js';
import type { Score } from '../core/score.js';

interface Span {
  readonly start: Rational;
  readonly end: Rational;
  readonly id: string;
  readonly midi: number;
  readonly part: number;
}

/** noteIdsAt(chorale, [0, 1]) → [["P4-m1-v1-e1", "P3-m1-v1-e1", …], …]: per time, the ids of the notes sounding there, lowest first */
export function noteIdsAt(score: Score, times: readonly Rational[]): string[][] {
  const spans = spansOf(score).sort((a, b) => compare(a.start, b.start));
  const order = times.map((_time, index) => index).sort((a, b) => compare(times[a]!, times[b]!));
  const answers: string[][] = times.map(() => []);
  let active: Span[] = [];
  let next = 0;
  // one sweep over the times in order: each note joins when it starts and leaves once it has ended
  for (const index of order) {
    const time = times[index]!;
    while (next < spans.length && compare(spans[next]!.start, time) <= 0) active.push(spans[next++]!);
    active = active.filter((span) => compare(span.end, time) > 0);
    answers[index] = [...active].sort((a, b) => a.midi - b.midi || a.part - b.part).map((span) => span.id);
  }
  return answers;
}

/** every sounding written note with an id: grace notes and unpitched percussion left out, as the analyses leave them out */
function spansOf(score: Score): Span[] {
  const spans: Span[] = [];
  score.parts.forEach((part, partIndex) => {
    forEachSounding(part, ({ event, start, end }) => {
      // a single note is its own event (its id the event's); a chord's members carry their own ids
      for (const note of pitchedNotes(event)) if (note.id !== undefined) spans.push({ start, end, id: note.id, midi: note.pitch.midi, part: partIndex });
    });
  });
  return spans;
}
