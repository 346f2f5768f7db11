/**
 * How far a rendering agrees with its score, measured in the audio (analysis.ts): whether each note
 * starts where the score puts it, and whether the pitch classes heard between onsets are those written.
 * The tests and bench/audio.mjs judge renderings by it.
 */
import { playbackNotes } from '../core/playback.js';
import type { Score } from '../core/score.js';
import { chroma, onsetNear, spectralFlux } from './analysis.js';

export interface TimedNote {
  readonly start: number;
  readonly end: number;
  readonly midi: number;
}

/** the score's heard notes in seconds, at a constant tempo (the pieces tested have one) */
export function notesInSeconds(score: Score, quarterBpm: number, offsetSeconds = 0): TimedNote[] {
  const { notes } = playbackNotes(score);
  const perQuarter = 60 / quarterBpm;
  const timed: TimedNote[] = [];
  for (let index = 0; index < notes.length; index += 4) {
    const start = offsetSeconds + notes[index]! * perQuarter;
    timed.push({ start, end: start + notes[index + 1]! * perQuarter, midi: notes[index + 2]! });
  }
  return timed;
}

/** the distinct onset times, ordered */
export function onsets(notes: readonly TimedNote[]): number[] {
  return [...new Set(notes.map((note) => Math.round(note.start * 1e6) / 1e6))].sort((a, b) => a - b);
}

export interface PitchAgreement {
  readonly windows: number;
  /** share of windows whose strongest pitch class is one that sounds */
  readonly strongestSounds: number;
  /** share of the sounding pitch classes found among as many strongest pitch classes */
  readonly soundingFound: number;
}

/**
 * Between each onset and the next (windows of at least 0.2 s, less 30 ms of attack), the chroma of the
 * audio against the pitch classes the score sounds there.
 */
export function pitchAgreement(samples: Float32Array, sampleRate: number, notes: readonly TimedNote[]): PitchAgreement {
  const times = onsets(notes);
  let windows = 0;
  let strongest = 0;
  let found = 0;
  let sounding = 0;
  for (let index = 0; index + 1 < times.length; index++) {
    const from = times[index]! + 0.03;
    const to = times[index + 1]! - 0.01;
    if (to - from < 0.17) continue;
    const classes = new Set(notes.filter((note) => note.start <= from && note.end >= to).map((note) => note.midi % 12));
    if (classes.size === 0) continue;
    const energy = chroma(samples, sampleRate, from, to);
    const ranked = energy.map((value, pitchClass) => ({ value, pitchClass })).sort((a, b) => b.value - a.value);
    windows += 1;
    if (classes.has(ranked[0]!.pitchClass)) strongest += 1;
    found += ranked.slice(0, classes.size).filter((entry) => classes.has(entry.pitchClass)).length;
    sounding += classes.size;
  }
  return { windows, strongestSounds: strongest / windows, soundingFound: found / sounding };
}

/** onsetErrors(samples, 44100, notes) → for each distinct onset of the score, how far (s) the audio's nearest onset is, ascending */
export function onsetErrors(samples: Float32Array, sampleRate: number, notes: readonly TimedNote[]): number[] {
  const flux = spectralFlux(samples);
  return onsets(notes)
    .map((time) => Math.abs(onsetNear(flux, sampleRate, time) - time))
    .sort((a, b) => a - b);
}
