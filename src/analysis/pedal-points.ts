/**
 * Pedal points: a pitch held (or struck again and again) in one line through at least three harmonies,
 * against at least one of which it is dissonant, as a tonic or dominant pedal under a cadence is.
 */
import { pitchName } from '../core/pitch.js';
import { toNumber } from '../core/rational.js';
import { chordPitchClasses, harmoniesOver } from './chord-tones.js';
import type { Harmony } from './harmony.js';
import type { Line, LineNote } from './voice-leading.js';

export interface PedalPoint {
  /** "G2" */
  readonly pitch: string;
  readonly voice: string;
  readonly startQuarters: number;
  readonly endQuarters: number;
  readonly fromMeasure: string;
  readonly toMeasure: string;
  /** the harmonies it sounds under, by index in the analysis */
  readonly harmonies: readonly number[];
  readonly noteIds: readonly string[];
}

const LEAST_HARMONIES = 3;

/** pedalPoints(voiceLines(score), harmonies) → [{ pitch: "G2", voice: "Bass", fromMeasure: "14", … }] */
export function pedalPoints(lines: readonly Line[], harmonies: readonly Harmony[]): PedalPoint[] {
  const starts = harmonies.map((harmony) => toNumber(harmony.offset));
  const ends = harmonies.map((harmony, index) => starts[index]! + toNumber(harmony.duration));
  return lines.flatMap((line) =>
    samePitchRuns(line.notes).flatMap((run) => {
      const [start, end] = [toNumber(run[0]!.start), toNumber(run.at(-1)!.end)];
      const under = harmoniesOver(starts, ends, start, end);
      const pitchClass = run[0]!.pitch.pitchClass;
      const dissonant = under.some((index) => !chordPitchClasses(harmonies[index]!).has(pitchClass));
      if (under.length < LEAST_HARMONIES || !dissonant) return [];
      return [
        {
          pitch: pitchName(run[0]!.pitch),
          voice: line.name,
          startQuarters: start,
          endQuarters: end,
          fromMeasure: harmonies[under[0]!]!.measure,
          toMeasure: harmonies[under.at(-1)!]!.measure,
          harmonies: under,
          noteIds: run.flatMap((note) => note.ids ?? []),
        },
      ];
    }),
  );
}

/** the line cut into runs of one pitch, struck again or held, with no rest between */
function samePitchRuns(notes: readonly LineNote[]): LineNote[][] {
  const runs: LineNote[][] = [];
  for (const note of notes) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && last.pitch.midi === note.pitch.midi && toNumber(last.end) === toNumber(note.start)) run.push(note);
    else runs.push([note]);
  }
  return runs;
}
