/**
 * Chordify: the score as a succession of verticals, one at every point where any note or rest starts or
 * stops (and at every barline), holding every pitch sounding there, as music21's `Score.chordify()` makes
 * them. Unlike music21, grace notes are left out: an ornament is not part of the harmony it decorates.
 */
import { forEachEvent, pitchedNotes } from '../core/events.js';
import type { Pitch } from '../core/pitch.js';
import { add, compare, sub, type Rational } from '../core/rational.js';
import type { Part, Score } from '../core/score.js';

export interface Vertical {
  /** from the start of the score, in quarter notes */
  readonly offset: Rational;
  readonly duration: Rational;
  /** index of the measure (of the first part) it starts in, and that measure's printed number */
  readonly measureIndex: number;
  readonly measure: string;
  /** from the start of that measure */
  readonly measureOffset: Rational;
  /** sounding pitches, lowest first, each spelled pitch once */
  readonly pitches: readonly Pitch[];
}

export interface TimeSpan {
  readonly start: Rational;
  readonly end: Rational;
  /** absent for rests, which still mark time points */
  readonly pitch?: Pitch;
  readonly fermata?: boolean;
}

export interface Sounding extends TimeSpan {
  readonly pitch: Pitch;
}

/** chordify(bwv269) → [{ offset: 0, pitches: [G2, B3, D4, G4], … }, …]; silent stretches are left out */
export function chordify(score: Score): Vertical[] {
  const spans = score.parts.flatMap(timeSpans);
  const notes = spans.filter((span): span is Sounding => span.pitch !== undefined);
  const measures = score.parts[0]?.measures ?? [];
  const points = timePoints(spans, measures.map((measure) => measure.offset));
  const verticals: Vertical[] = [];
  const byStart = [...notes].sort((a, b) => compare(a.start, b.start));
  let active: Sounding[] = [];
  let nextNote = 0;
  let measureIndex = 0;
  // A sweep over the time points: O(n log n) plus the notes sounding at each point.
  for (let i = 0; i + 1 < points.length; i++) {
    const [offset, next] = [points[i]!, points[i + 1]!];
    while (measureIndex + 1 < measures.length && compare(measures[measureIndex + 1]!.offset, offset) <= 0) measureIndex++;
    while (nextNote < byStart.length && compare(byStart[nextNote]!.start, offset) <= 0) active.push(byStart[nextNote++]!);
    active = active.filter((note) => compare(note.end, offset) > 0);
    const pitches = distinctAscending(active.map((note) => note.pitch));
    if (pitches.length === 0) continue;
    const measure = measures[measureIndex];
    verticals.push({
      offset,
      duration: sub(next, offset),
      measureIndex,
      measure: measure?.number ?? '',
      measureOffset: measure ? sub(offset, measure.offset) : offset,
      pitches,
    });
  }
  return verticals;
}

/** timeSpans(part) → every note (one span per chord member) and rest with its start and end in the score; grace notes left out */
export function timeSpans(part: Part): TimeSpan[] {
  const spans: TimeSpan[] = [];
  for (const measure of part.measures) {
    forEachEvent({ ...part, measures: [measure] }, (event) => {
      if ((event.kind !== 'rest' && event.grace) || event.duration.n === 0) return;
      const start = add(measure.offset, event.offset);
      const end = add(start, event.duration);
      const fermata = event.fermata ? { fermata: true } : {};
      if (event.kind === 'rest') spans.push({ start, end, ...fermata });
      else for (const note of pitchedNotes(event)) spans.push({ start, end, pitch: note.pitch, ...fermata });
    });
  }
  return spans;
}

/** every start and end of a note or rest, and every barline, in order, once */
function timePoints(spans: readonly TimeSpan[], barlines: readonly Rational[]): Rational[] {
  const all = [...barlines, ...spans.flatMap((span) => [span.start, span.end])].sort(compare);
  return all.filter((point, index) => index === 0 || compare(all[index - 1]!, point) !== 0);
}

function distinctAscending(sounding: Pitch[]): Pitch[] {
  const pitches = sounding.sort((a, b) => a.midi - b.midi || a.step.localeCompare(b.step));
  return pitches.filter((pitch, index) => index === 0 || !samePitch(pitches[index - 1]!, pitch));
}

function samePitch(a: Pitch, b: Pitch): boolean {
  return a.midi === b.midi && a.step === b.step && a.octave === b.octave;
}
