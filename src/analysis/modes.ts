/**
 * The mode of a piece of modal polyphony (Renaissance and earlier), as its theory names it: a final and
 * a diatonic species. The final is the last note of the bass part (Zarlino, "Le istitutioni
 * harmoniche" IV: a mode is known by its final, and a polyphonic piece closes on it in the bass; the
 * parts' last notes often differ in length, so the last sonority alone may lack the bass); the
 * species is where that final sits in the diatonic collection the piece is written in: the collection of
 * its key signature (cantus durus, mollis …) unless the notes themselves keep to another one clearly
 * better, since musica ficta (the raised leading tones of cadences) adds a few accidentals to any mode
 * and should not move it. D in the natural collection is Dorian; G with one flat is Dorian transposed.
 * Authentic or plagal is read from the tenor's range about the final (the part named tenor, else the
 * second part from the bottom): an authentic tenor lies mostly in the octave above its final, a plagal one
 * about the final, a fourth below to a fifth above.
 */
import { stepName, type Pitch } from '../core/pitch.js';
import type { Part, Score } from '../core/score.js';
import { forEachEvent, pitchedNotes } from '../core/events.js';
import { toNumber } from '../core/rational.js';
import { pitchClassDurations } from './key.js';

export const MODE_NAMES = ['ionian', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'aeolian'] as const;
export type ModeName = (typeof MODE_NAMES)[number];

export interface ModalKey {
  /** the final, spelled as written: "D", "Bb" */
  readonly final: string;
  readonly mode: ModeName;
  /** "D dorian" */
  readonly name: string;
  /** the final at the bottom of the tenor's range (authentic) or in its middle (plagal, "hypodorian"); absent without a tenor */
  readonly ambitus?: 'authentic' | 'plagal';
  /** the key signature most parts write, in fifths (flats negative) */
  readonly signature: number;
  /** the diatonic collection the mode is read in, as the signature that writes it */
  readonly collection: number;
  /** the share of the notes' duration within that collection, 0 … 1 */
  readonly fit: number;
}

/** semitones from the collection's Ionian tonic to the final, for each mode (Locrian, 11, is left out: no piece ends there) */
const MODE_OFFSETS: Readonly<Record<number, ModeName>> = { 0: 'ionian', 2: 'dorian', 4: 'phrygian', 5: 'lydian', 7: 'mixolydian', 9: 'aeolian' };
/** the written signature's collection is kept unless another explains this much more of the notes' duration */
const SIGNATURE_MARGIN = 0.05;

/** the pitch classes of the diatonic collection a signature writes: fifths −1 … +5 around it */
function collectionPitchClasses(fifths: number): number[] {
  return Array.from({ length: 7 }, (_, index) => ((((fifths - 1 + index) * 7) % 12) + 12) % 12);
}

const fitOf = (weights: readonly number[], fifths: number) => {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return total > 0 ? collectionPitchClasses(fifths).reduce((sum, pitchClass) => sum + weights[pitchClass]!, 0) / total : 0;
};

const modeOf = (finalPitchClass: number, fifths: number): ModeName | undefined => MODE_OFFSETS[(((finalPitchClass - fifths * 7) % 12) + 12) % 12];

/** findMode(a madrigal ending on D, no signature) → { final: "D", mode: "dorian", name: "D dorian", … }; undefined when nothing sounds */
export function findMode(score: Score): ModalKey | undefined {
  const bass = lastBassNote(score);
  if (!bass) return undefined;
  const weights = pitchClassDurations(score);
  const signature = writtenSignature(score);
  const candidates = Array.from({ length: 15 }, (_, index) => index - 7).filter((fifths) => modeOf(bass.pitchClass, fifths) !== undefined);
  const best = candidates.reduce((found, fifths) => (fitOf(weights, fifths) > fitOf(weights, found) ? fifths : found));
  const collection = candidates.includes(signature) && fitOf(weights, signature) >= fitOf(weights, best) - SIGNATURE_MARGIN ? signature : best;
  const mode = modeOf(bass.pitchClass, collection)!;
  const final = stepName(bass);
  const ambitus = tenorAmbitus(score, bass.pitchClass);
  return { final, mode, name: `${final} ${mode}`, ...(ambitus ? { ambitus } : {}), signature, collection, fit: Math.round(fitOf(weights, collection) * 1000) / 1000 };
}

/**
 * The bass's last note: the last note of the lowest part that sounds (parts are listed top to bottom, as
 * harmony-slots.ts reads them; pitches as written can put an octave-treble tenor below the bass), the
 * lowest of a last chord.
 */
function lastBassNote(score: Score): Pitch | undefined {
  for (const part of [...score.parts].reverse()) {
    let last: { at: number; pitch: Pitch } | undefined;
    for (const measure of part.measures) {
      for (const event of measure.voices.flatMap((voice) => voice.events)) {
        if (event.kind === 'rest' || event.grace) continue;
        const at = toNumber(measure.offset) + toNumber(event.offset);
        const pitch = pitchedNotes(event).reduce<Pitch | undefined>((low, note) => (!low || note.pitch.midi < low.midi ? note.pitch : low), undefined);
        if (pitch && (!last || at > last.at || (at === last.at && pitch.midi < last.pitch.midi))) last = { at, pitch };
      }
    }
    if (last) return last.pitch;
  }
  return undefined;
}

/** the signature written at the start of most parts (Renaissance parts may differ: a flat in the lower voices only); the top part's on a tie */
function writtenSignature(score: Score): number {
  const counts = new Map<number, number>();
  for (const part of score.parts) {
    const fifths = part.measures[0]?.keys?.[0]?.value.fifths ?? 0;
    counts.set(fifths, (counts.get(fifths) ?? 0) + 1);
  }
  const top = score.parts[0]?.measures[0]?.keys?.[0]?.value.fifths ?? 0;
  return [...counts].reduce((found, [fifths, count]) => (count > counts.get(found)! ? fifths : found), top);
}

/**
 * The tenor's duration-weighted median pitch, in semitones above its final (0 … 11): near the fifth above
 * (3 … 8) in an authentic mode, near the final in a plagal one.
 */
function tenorAmbitus(score: Score, finalPitchClass: number): 'authentic' | 'plagal' | undefined {
  const tenor = score.parts.find((part) => /ten/i.test(part.name ?? '')) ?? (score.parts.length >= 3 ? score.parts[score.parts.length - 2] : undefined);
  const median = tenor && medianMidi(tenor);
  if (median === undefined) return undefined;
  const above = (((median - finalPitchClass) % 12) + 12) % 12;
  return above >= 3 && above <= 8 ? 'authentic' : 'plagal';
}

function medianMidi(part: Part): number | undefined {
  const notes: { midi: number; length: number }[] = [];
  forEachEvent(part, (event) => {
    if (event.kind === 'rest' || event.grace) return;
    for (const { pitch } of pitchedNotes(event)) notes.push({ midi: pitch.midi, length: toNumber(event.duration) });
  });
  notes.sort((a, b) => a.midi - b.midi);
  const half = notes.reduce((sum, note) => sum + note.length, 0) / 2;
  let sum = 0;
  return notes.find((note) => (sum += note.length) >= half)?.midi;
}
