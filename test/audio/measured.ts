/** What the audio tests measure in a rendering: the score's notes in seconds, and a 16-bit WAV read back into floats. */
import { playbackNotes } from '../../src/core/playback.js';
import type { Score } from '../../src/core/score.js';
import { chroma } from '../../src/audio/analysis.js';

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

/** readWav(bytes) → the left and right channels of a 16-bit stereo WAV, and its sample rate */
export function readWav(bytes: Uint8Array): { left: Float32Array; right: Float32Array; sampleRate: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let sampleRate = 0;
  while (at + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') sampleRate = view.getUint32(at + 12, true);
    if (id === 'data') {
      const frames = Math.floor(Math.min(size, bytes.length - at - 8) / 4);
      const left = new Float32Array(frames);
      const right = new Float32Array(frames);
      for (let frame = 0; frame < frames; frame++) {
        left[frame] = view.getInt16(at + 8 + 4 * frame, true) / 32768;
        right[frame] = view.getInt16(at + 8 + 4 * frame + 2, true) / 32768;
      }
      return { left, right, sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
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
