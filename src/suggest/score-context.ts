/**
 * What a score says at a point besides its chord names: where the point falls in the bar, how long the
 * chord before it lasted and whether it held a fermata, and the last notes of the top and bottom lines
 * relative to the key. Everything is taken from before the point, so it is what a person continuing the
 * score knows; the chord model in context-model.ts reads it. Training (scripts/continuation-data.mjs) and
 * the tool (progressionBefore) both come here, so they describe a point the same way.
 */
import { analyzeHarmony, type Harmony } from '../analysis/harmony.js';
import { parseKeyName } from '../analysis/roman.js';
import { positionsOf } from '../core/beats.js';
import { heardNotes } from '../core/notes.js';
import { toNumber } from '../core/rational.js';
import type { Score } from '../core/score.js';

export interface ScoreContext {
  readonly mode: 'major' | 'minor';
  /** the point's place in the bar: "1" the downbeat, "2"… a later beat, "2+" between beats 2 and 3 */
  readonly pointBeat: string;
  /** the same for the onset of the chord before the point */
  readonly chordBeat: string;
  /** how long the chord before the point sounded, in quarter notes */
  readonly duration: number;
  /** a fermata falls within the chord before the point: a phrase ended there */
  readonly fermata: boolean;
  /** the top line's last two pitches before the point (the last one last), semitones above the key's tonic, 0–11 */
  readonly soprano: readonly number[];
  /** the same for the lowest sounding line */
  readonly bass: readonly number[];
}

/** a harmony of analyze_harmony with its repeats (same numeral, same key) merged into one */
interface Merged {
  readonly figure: string;
  readonly key: string;
  readonly offset: number;
  fermata: boolean;
}

/** harmonicContexts(chorale) → its numerals, their keys, and contexts[i] for the point where numeral i begins (none for i = 0) */
export function harmonicContexts(score: Score): { figures: string[]; keys: string[]; contexts: (ScoreContext | undefined)[] } {
  const merged = mergedHarmonies(analyzeHarmony(score));
  const describe = describer(score);
  return {
    figures: merged.map((harmony) => harmony.figure),
    keys: merged.map((harmony) => harmony.key),
    contexts: merged.map((harmony, index) => (index === 0 ? undefined : describe(merged[index - 1]!, harmony.offset))),
  };
}

/** progressionBefore(score, 12) → the numerals analyze_harmony finds before quarter 12 (a repeated one once), the local key there, and the point's context */
export function contextBefore(score: Score, offsetQuarters: number): { figures: string[]; key: string; context?: ScoreContext } {
  const merged = mergedHarmonies(analyzeHarmony(score).filter((harmony) => toNumber(harmony.offset) < offsetQuarters));
  const last = merged.at(-1);
  if (!last) return { figures: [], key: '' };
  // after the last measure the point is where the last harmony stops sounding
  const end = Math.max(...score.parts.flatMap((part) => part.measures.map((measure) => toNumber(measure.offset) + toNumber(measure.duration))), last.offset);
  const point = Math.min(offsetQuarters, end);
  return { figures: merged.map((harmony) => harmony.figure), key: last.key, context: describer(score)(last, point) };
}

function mergedHarmonies(harmonies: readonly Harmony[]): Merged[] {
  const merged: Merged[] = [];
  for (const harmony of harmonies) {
    const last = merged.at(-1);
    if (last && last.figure === harmony.figure && last.key === harmony.key) last.fermata ||= harmony.fermata;
    else merged.push({ figure: harmony.figure, key: harmony.key, offset: toNumber(harmony.offset), fermata: harmony.fermata });
  }
  return merged;
}

/** describer(score)(chord, point) → the context of a point after a chord, the score's note slices computed once */
function describer(score: Score): (chord: Merged, point: number) => ScoreContext {
  const at = positionsOf(score);
  const slices = outerLines(score);
  return (chord, point) => {
    const { tonic, mode } = parseKeyName(chord.key);
    const tonicClass = (STEP_CLASS[tonic.step]! + tonic.alter + 120) % 12;
    const before = lastBefore(slices.onset, point);
    const degrees = (line: readonly number[]) => lastTwo(line, before).map((midi) => (((midi - tonicClass) % 12) + 12) % 12);
    return {
      mode,
      pointBeat: beatName(at(point).beat),
      chordBeat: beatName(at(chord.offset).beat),
      duration: Math.round((point - chord.offset) * 1000) / 1000,
      fermata: chord.fermata,
      soprano: degrees(slices.high),
      bass: degrees(slices.low),
    };
  };
}

const STEP_CLASS: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** beatName(1) → "1", beatName(2.5) → "2+", beatName(7) → "4": beats past the fourth read as "4" */
function beatName(beat: number): string {
  const whole = Math.min(4, Math.floor(beat + 1e-6));
  return Number.isInteger(Math.round(beat * 1e6) / 1e6) ? `${whole}` : `${whole}+`;
}

/** at each onset of any note, the highest and lowest pitch sounding (a sweep over the notes by start) */
function outerLines(score: Score): { onset: number[]; high: number[]; low: number[] } {
  const notes = score.parts
    .flatMap((part) => heardNotes(part))
    .filter((note) => !note.unpitched)
    .map((note) => ({ start: toNumber(note.start), end: toNumber(note.end), midi: note.pitch.midi }))
    .filter((note) => note.end > note.start)
    .sort((a, b) => a.start - b.start);
  const lines = { onset: [] as number[], high: [] as number[], low: [] as number[] };
  let active: typeof notes = [];
  for (let index = 0; index < notes.length; ) {
    const time = notes[index]!.start;
    while (index < notes.length && notes[index]!.start === time) active.push(notes[index++]!);
    active = active.filter((note) => note.end > time);
    lines.onset.push(time);
    lines.high.push(Math.max(...active.map((note) => note.midi)));
    lines.low.push(Math.min(...active.map((note) => note.midi)));
  }
  return lines;
}

/** the index of the last onset before a time, −1 when none */
function lastBefore(onsets: readonly number[], time: number): number {
  let low = -1;
  let high = onsets.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (onsets[middle]! < time) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** the last pitch of a line up to an index and the different one before it, earlier first */
function lastTwo(line: readonly number[], upTo: number): number[] {
  if (upTo < 0) return [];
  const last = line[upTo]!;
  for (let index = upTo - 1; index >= 0; index--) if (line[index] !== last) return [line[index]!, last];
  return [last];
}
