/**
 * Notes from Basic Pitch's frame and onset likelihoods, after its own post-processing (basic_pitch/
 * note_creation.py, `output_to_notes_polyphonic`; Apache-2.0), written again over flat arrays: each onset
 * peak above a threshold starts a note that lasts while the frame likelihood stays up. Two of its steps
 * are left out, and the thresholds differ, as measured on a tuning fold of chorales (bench/results.md,
 * "Transcription"): onsets inferred from jumps in the frame likelihood, and notes grown from leftover
 * energy without an onset ("melodia trick"), which there added mostly overtones an octave or a twelfth
 * above the notes sung.
 */
import { LOWEST_MIDI, PITCHES, type Posteriorgram } from './pitch-model.js';

export interface DetectedNote {
  /** seconds */
  readonly start: number;
  readonly end: number;
  readonly midi: number;
  /** the mean frame likelihood over the note, 0…1 */
  readonly amplitude: number;
}

export interface NoteThresholds {
  /** an onset peak at least this likely starts a note (Basic Pitch's default 0.5) */
  readonly onset: number;
  /** a note lasts while its frame likelihood is at least this (default 0.3) */
  readonly frame: number;
  /** notes of this many frames or fewer are dropped (Basic Pitch: 11 frames ≈ 128 ms) */
  readonly minFrames: number;
}

/** tuned on chorales 5, 15, … 55 of the corpus in name order (F1 0.831 with Basic Pitch's defaults, 0.877 so) */
export const DEFAULT_THRESHOLDS: NoteThresholds = { onset: 0.65, frame: 0.3, minFrames: 8 };
/** frames below the threshold a note may cross before it is taken to have ended */
const ENERGY_TOLERANCE = 11;

/** detectNotes(posteriorgram of a C major chord) → three notes, C E G, with their times */
export function detectNotes(gram: Posteriorgram, thresholds: NoteThresholds = DEFAULT_THRESHOLDS): DetectedNote[] {
  const count = gram.frameCount;
  const energy = gram.frames.slice();
  const notes: DetectedNote[] = [];
  // onset peaks, latest first as Basic Pitch takes them: an earlier note may not claim a later one's frames
  for (const [first, pitch] of onsetPeaks(gram.onsets, count, thresholds.onset).reverse()) {
    if (first >= count - 1) continue;
    let frame = first + 1;
    let below = 0;
    for (; frame < count - 1 && below < ENERGY_TOLERANCE; frame++) below = energy[frame * PITCHES + pitch]! < thresholds.frame ? below + 1 : 0;
    const end = frame - below;
    if (end - first <= thresholds.minFrames) continue;
    let sum = 0;
    for (let at = first; at < end; at++) {
      sum += gram.frames[at * PITCHES + pitch]!;
      // the frames used, and their neighbours a semitone away, start no other note
      for (let neighbour = Math.max(0, pitch - 1); neighbour <= Math.min(PITCHES - 1, pitch + 1); neighbour++) energy[at * PITCHES + neighbour] = 0;
    }
    notes.push({ start: gram.times[first]!, end: gram.times[end]!, midi: pitch + LOWEST_MIDI, amplitude: sum / (end - first) });
  }
  return notes.sort((a, b) => a.start - b.start || a.midi - b.midi);
}

/** [frame, pitch] of every local maximum in time above the threshold, in time order */
function onsetPeaks(onsets: Float32Array, count: number, threshold: number): [number, number][] {
  const peaks: [number, number][] = [];
  for (let frame = 0; frame < count; frame++) {
    for (let pitch = 0; pitch < PITCHES; pitch++) {
      const value = onsets[frame * PITCHES + pitch]!;
      if (value <= threshold) continue;
      const before = frame > 0 ? onsets[(frame - 1) * PITCHES + pitch]! : -Infinity;
      const after = frame < count - 1 ? onsets[(frame + 1) * PITCHES + pitch]! : -Infinity;
      if (value > before && value > after) peaks.push([frame, pitch]);
    }
  }
  return peaks;
}
