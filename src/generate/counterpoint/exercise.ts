/**
 * A two-voice exercise as the rule checker sees it: the cantus firmus in whole notes (one per bar) and the
 * counterpoint as notes on a timeline counted in eighth notes (a bar is 8), so every species — including
 * ties over the barline and fifth-species eighths — is the same kind of data.
 */
import type { Pitch } from '../../core/pitch.js';
import type { ModalKey } from './modes.js';

export type Species = 1 | 2 | 3 | 4 | 5;
export type Placement = 'above' | 'below';

/** eighth notes in a bar of the cantus firmus (one whole note) */
export const BAR = 8;

export interface LineNote {
  readonly pitch: Pitch;
  /** eighths from the start of the exercise */
  readonly start: number;
  /** in eighths; a note tied over a barline is one long note */
  readonly duration: number;
}

export interface Exercise {
  readonly key: ModalKey;
  readonly species: Species;
  readonly placement: Placement;
  readonly cantus: readonly Pitch[];
  readonly counterpoint: readonly LineNote[];
}

export interface Finding {
  /** stable id of the rule, e.g. "parallel-fifths" */
  readonly rule: string;
  /** 1-based bar number */
  readonly measure: number;
  /** 0-based index of the counterpoint note (of the cantus note, for cantus rules) */
  readonly note: number;
  /** what is wrong, in words a student follows */
  readonly message: string;
}

/** finding('parallel-fifths', note, 3, '…') → a Finding placed at the bar where the note starts */
export function finding(rule: string, note: LineNote | undefined, index: number, message: string, at?: number): Finding {
  const time = at ?? note?.start ?? 0;
  return { rule, measure: Math.floor(time / BAR) + 1, note: index, message };
}

/** lineInRhythm([[A4], [C5, B4], …, [D5]], 4) → each bar's notes of equal length; the first bar begins after
 * `rest` eighths (a half rest is 4), and the last bar's note is a whole note */
export function lineInRhythm(bars: readonly (readonly Pitch[])[], rest = 0): LineNote[] {
  const notes: LineNote[] = [];
  bars.forEach((pitches, bar) => {
    const from = bar === 0 ? rest : 0;
    const length = (BAR - from) / pitches.length;
    pitches.forEach((p, index) => notes.push({ pitch: p, start: bar * BAR + from + index * length, duration: length }));
  });
  return notes;
}

/** syncopatedLine([A4, G4, …]) → fourth species: each note enters on the half-bar and is tied over the barline;
 * the last two notes are the resolution (a half) and the final (a whole note) */
export function syncopatedLine(pitches: readonly Pitch[]): LineNote[] {
  const notes: LineNote[] = pitches.slice(0, -2).map((p, index) => ({ pitch: p, start: BAR / 2 + index * BAR, duration: BAR }));
  const tied = pitches.length - 2;
  notes.push({ pitch: pitches[tied]!, start: BAR / 2 + tied * BAR, duration: BAR / 2 });
  notes.push({ pitch: pitches[tied + 1]!, start: (tied + 1) * BAR, duration: BAR });
  return notes;
}
