/**
 * Alternative readings of a harmony, each with a confidence: how likely an analyst is to write it. The
 * chord's probability comes from the same scores the chord Viterbi of chord-match.ts weighs (the learned
 * chord model's log probability and the hand fit, plus the key's chord counts), summed over the
 * harmony's slots and tempered; the key's from the learned key model's log probabilities (key-model.ts)
 * averaged over the harmony, tempered, with a bonus for the key the key HMM chose. A reading is a chord
 * named in a key; readings that name the same label (key and figure) add up, and each keeps a share of
 * its chord and key's probability (the rest is lost to chord boundaries and inversions an analyst hears
 * otherwise). The temperatures and the share were fitted
 * on the tuning fold of the When in Rome development set (bench/harmony-alternatives.mjs), so the
 * confidences are calibrated there; bench/results.md reports their calibration on the validation fold.
 */
import { READING_CALIBRATION, type ReadingCalibration } from './chord-alternatives-calibration.js';

/** one reading of a harmony: a chord named in a key */
export interface Reading {
  /** e.g. "G major" */
  readonly key: string;
  /** roman numeral in RomanText spelling: "V65", "viio7", "V7/V" */
  readonly figure: string;
  readonly root: string;
  readonly quality: string;
  readonly bass: string;
  /** how likely an analyst is to write this label (key, numeral and inversion), 0 … 1 */
  readonly confidence: number;
}

/** what a harmony's readings are weighed from, gathered by harmony.ts while it analyses */
export interface ReadingEvidence {
  /** per chord (chord-match.ts's 96, quality-major), the chord Viterbi's score summed over the harmony's slots */
  readonly chordScores: Float64Array;
  /** how many slots the harmony spans */
  readonly slotCount: number;
  /** the chord chosen, as an index into chordScores */
  readonly chosenChord: number;
  /** per key (local-keys.ts's ALL_KEYS), the learned key model's log probability averaged over the harmony; absent with one global key */
  readonly keyScores?: Float64Array;
  /** the key chosen, as an index into ALL_KEYS */
  readonly chosenKey: number;
  /** names chord `chord` (index) in key `key` (index) as the analysis would */
  readonly name: (chord: number, key: number) => Omit<Reading, 'confidence'>;
}

/** readings weighed per harmony: the chosen label's confidence and the other labels, most likely first */
export interface HarmonyReadings {
  readonly confidence: number;
  readonly alternatives: readonly Reading[];
}

/** at most this many alternatives per harmony */
export const MAX_ALTERNATIVES = 2;
/** chords and keys less likely than this are not named (their readings could not make the list) */
const FLOOR = 0.01;
const MAX_CHORDS = 3;
const MAX_KEYS = 2;

/** softmax(scores / temperature) plus a bonus on one entry */
export function tempered(scores: Float64Array, temperature: number, bonusIndex = -1, bonus = 0): Float64Array {
  const scaled = scores.map((score, index) => score / temperature + (index === bonusIndex ? bonus : 0));
  let top = -Infinity;
  for (const value of scaled) top = Math.max(top, value);
  let total = 0;
  for (let index = 0; index < scaled.length; index++) total += scaled[index] = Math.exp(scaled[index]! - top);
  return scaled.map((value) => value / total);
}

/** chordProbabilities(evidence) → the probability of each of the 96 chords */
export function chordProbabilities(evidence: ReadingEvidence, calibration: ReadingCalibration = READING_CALIBRATION): Float64Array {
  return tempered(evidence.chordScores, calibration.chordTemperature * evidence.slotCount ** calibration.lengthExponent);
}

/** keyProbabilities(evidence) → the probability of each of the 24 keys; the chosen key certain with one global key */
export function keyProbabilities(evidence: ReadingEvidence, calibration: ReadingCalibration = READING_CALIBRATION): Float64Array {
  if (!evidence.keyScores) return Float64Array.from({ length: 24 }, (_, key) => (key === evidence.chosenKey ? 1 : 0));
  return tempered(evidence.keyScores, calibration.keyTemperature, evidence.chosenKey, calibration.chosenKeyBonus);
}

/** the likeliest indices, at most `count`, above the floor, with `always` among them */
function likeliest(probabilities: Float64Array, count: number, always: number): number[] {
  const ranked = [...probabilities.keys()].filter((index) => probabilities[index]! >= FLOOR || index === always);
  ranked.sort((a, b) => probabilities[b]! - probabilities[a]!);
  const top = ranked.slice(0, count);
  return top.includes(always) ? top : [...top.slice(0, count - 1), always];
}

/**
 * readingsOf(evidence, chosen) → the chosen label's confidence and up to `limit` other labels: every
 * likely chord in every likely key, named, the same labels added up.
 */
export function readingsOf(
  evidence: ReadingEvidence,
  chosen: Omit<Reading, 'confidence'>,
  calibration: ReadingCalibration = READING_CALIBRATION,
  limit = MAX_ALTERNATIVES,
): HarmonyReadings {
  const chords = chordProbabilities(evidence, calibration);
  const keys = keyProbabilities(evidence, calibration);
  const labels = new Map<string, Reading>();
  const chosenLabel = `${chosen.key}\t${chosen.figure}`;
  for (const chord of likeliest(chords, MAX_CHORDS, evidence.chosenChord)) {
    for (const key of likeliest(keys, MAX_KEYS, evidence.chosenKey)) {
      const probability = calibration.labelShare * chords[chord]! * keys[key]!;
      const isChosen = chord === evidence.chosenChord && key === evidence.chosenKey;
      // a reading this unlikely could not be listed, nor move the chosen one's confidence by a hundredth: not named, for time
      if (probability < FLOOR && !isChosen) continue;
      // the chosen chord in the chosen key is the harmony as named (an augmented sixth, say), whatever the chord model calls it
      const reading = isChosen ? undefined : evidence.name(chord, key);
      const label = reading ? `${reading.key}\t${reading.figure}` : chosenLabel;
      const known = labels.get(label);
      if (known) labels.set(label, { ...known, confidence: known.confidence + probability });
      else labels.set(label, { ...(reading ?? chosen), confidence: probability });
    }
  }
  const confidence = labels.get(chosenLabel)?.confidence ?? 0;
  labels.delete(chosenLabel);
  const alternatives = [...labels.values()].sort((a, b) => b.confidence - a.confidence).slice(0, limit);
  return { confidence, alternatives };
}
