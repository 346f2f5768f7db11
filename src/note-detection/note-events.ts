/**
 * Notes from Basic Pitch's frame and onset likelihoods: its own post-processing (basic_pitch/note_creation.py,
 * `output_to_notes_polyphonic`; Apache-2.0), written again over flat arrays. Onset peaks above a threshold
 * start notes that last while the frame likelihood stays up; then the strongest leftover energy is grown
 * into notes both ways ("melodia trick"), visiting cells in falling order once instead of searching the
 * whole grid for its maximum again after every note.
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
  /** notes of this many frames or fewer are dropped (11 frames ≈ 128 ms, Basic Pitch's default) */
  readonly minFrames: number;
}

export const DEFAULT_THRESHOLDS: NoteThresholds = { onset: 0.5, frame: 0.3, minFrames: 11 };
/** frames below the threshold a note may cross before it is taken to have ended */
const ENERGY_TOLERANCE = 11;

/** detectNotes(posteriorgram of a C major chord) → three notes, C E G, with their times */
export function detectNotes(gram: Posteriorgram, thresholds: NoteThresholds = DEFAULT_THRESHOLDS): DetectedNote[] {
  const count = gram.frameCount;
  const energy = gram.frames.slice();
  const onsets = inferredOnsets(gram);
  const note = (first: number, end: number, pitch: number): DetectedNote => {
    let sum = 0;
    for (let frame = first; frame < end; frame++) sum += gram.frames[frame * PITCHES + pitch]!;
    return { start: gram.times[first]!, end: gram.times[Math.min(end, count - 1)]!, midi: pitch + LOWEST_MIDI, amplitude: sum / (end - first) };
  };
  const clear = (frame: number, pitch: number) => {
    for (let neighbour = Math.max(0, pitch - 1); neighbour <= Math.min(PITCHES - 1, pitch + 1); neighbour++) energy[frame * PITCHES + neighbour] = 0;
  };
  const notes: DetectedNote[] = [];
  // onset peaks, latest first as Basic Pitch takes them
  for (const [first, pitch] of onsetPeaks(onsets, count, thresholds.onset).reverse()) {
    if (first >= count - 1) continue;
    let frame = first + 1;
    let below = 0;
    for (; frame < count - 1 && below < ENERGY_TOLERANCE; frame++) below = energy[frame * PITCHES + pitch]! < thresholds.frame ? below + 1 : 0;
    const end = frame - below;
    if (end - first <= thresholds.minFrames) continue;
    for (let at = first; at < end; at++) clear(at, pitch);
    notes.push(note(first, end, pitch));
  }
  // leftover energy: each strongest cell not yet used grows into a note, forwards and backwards
  const cells = [...energy.keys()].filter((cell) => energy[cell]! > thresholds.frame).sort((a, b) => energy[b]! - energy[a]!);
  for (const cell of cells) {
    if (energy[cell]! <= thresholds.frame) continue;
    const middle = Math.floor(cell / PITCHES);
    const pitch = cell % PITCHES;
    energy[cell] = 0;
    const walk = (from: number, step: 1 | -1, inside: (frame: number) => boolean) => {
      let frame = from;
      let below = 0;
      for (; inside(frame) && below < ENERGY_TOLERANCE; frame += step) {
        below = energy[frame * PITCHES + pitch]! < thresholds.frame ? below + 1 : 0;
        clear(frame, pitch);
      }
      return frame - step * (1 + below);
    };
    const end = walk(middle + 1, 1, (frame) => frame < count - 1);
    const first = walk(middle - 1, -1, (frame) => frame > 0);
    if (end - first <= thresholds.minFrames) continue;
    notes.push(note(first, end, pitch));
  }
  return notes.sort((a, b) => a.start - b.start || a.midi - b.midi);
}

/** the onset likelihoods, raised where the frame likelihood jumps (Basic Pitch's get_infered_onsets, two-frame difference) */
function inferredOnsets(gram: Posteriorgram): Float32Array {
  const { frames, onsets, frameCount } = gram;
  const jumps = new Float32Array(frames.length);
  let largestJump = 0;
  let largestOnset = 0;
  for (let cell = 0; cell < onsets.length; cell++) largestOnset = Math.max(largestOnset, onsets[cell]!);
  for (let frame = 2; frame < frameCount; frame++) {
    for (let pitch = 0; pitch < PITCHES; pitch++) {
      const at = frame * PITCHES + pitch;
      const jump = Math.max(0, Math.min(frames[at]! - frames[at - PITCHES]!, frames[at]! - frames[at - 2 * PITCHES]!));
      jumps[at] = jump;
      largestJump = Math.max(largestJump, jump);
    }
  }
  const scale = largestJump > 0 ? largestOnset / largestJump : 0;
  return onsets.map((onset, cell) => Math.max(onset, jumps[cell]! * scale));
}

/** [frame, pitch] of every local maximum in time above the threshold, pitch by pitch and in time within each */
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
