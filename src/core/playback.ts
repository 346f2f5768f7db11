/**
 * What the viewer needs to play a score and to place overlays: every heard note as numbers (onset and
 * duration in quarter notes, MIDI key, part), and each measure's number and span.
 */
import { heardNotes } from './notes.js';
import { sub, toNumber } from './rational.js';
import type { Score } from './score.js';

const DEFAULT_QUARTER_BPM = 96;

export interface PlaybackNotes {
  /** the first tempo mark, else a moderate default */
  readonly quarterBpm: number;
  readonly measures: readonly { readonly number: string; readonly offsetQuarters: number; readonly durationQuarters: number }[];
  /** flat rows [onset, duration, midi, part], ordered by onset: four numbers per note, no per-note objects */
  readonly notes: readonly number[];
  readonly partNames: readonly string[];
}

/** playbackNotes(bwv66_6) → { quarterBpm: 96, measures: [{ number: "0", offsetQuarters: 0, … }], notes: [0, 1, 73, 0, …] } */
export function playbackNotes(score: Score): PlaybackNotes {
  const rows: [number, number, number, number][] = [];
  score.parts.forEach((part, partIndex) => {
    for (const note of heardNotes(part)) rows.push([toNumber(note.start), toNumber(sub(note.end, note.start)), note.pitch.midi, partIndex]);
  });
  rows.sort((a, b) => a[0] - b[0] || a[3] - b[3]);
  const measures = (score.parts[0]?.measures ?? []).map((measure) => ({
    number: measure.number,
    offsetQuarters: toNumber(measure.offset),
    durationQuarters: toNumber(measure.duration),
  }));
  const tempo = score.parts[0]?.measures.flatMap((measure) => measure.tempos ?? []).find((mark) => mark.value.quarterBpm)?.value.quarterBpm;
  return { quarterBpm: tempo ?? DEFAULT_QUARTER_BPM, measures, notes: rows.flat(), partNames: score.parts.map((part) => part.name ?? part.id) };
}
