import { describe, expect, it } from 'vitest';
import { readingsOf, tempered, type ReadingEvidence } from '../../src/analysis/chord-alternatives.js';
import { analyzeHarmony } from '../../src/analysis/harmony.js';
import { analyzeHarmonyReadings } from '../../src/analysis/harmony-readings.js';
import { chorale } from './chorale-score.js';

const CALIBRATION = { chordTemperature: 1, lengthExponent: 0, keyTemperature: 1, chosenKeyBonus: 0, labelShare: 1 };
const FIGURES = ['I', 'V', 'V', 'vi'];

/** evidence for a harmony whose chords 0 … 3 score `scores` (the rest far below), in one sure key; chords 1 and 2 both name "V" */
function evidence(scores: readonly number[]): ReadingEvidence {
  const chordScores = new Float64Array(96).fill(-50);
  scores.forEach((score, chord) => (chordScores[chord] = score));
  const keyScores = new Float64Array(24).fill(-50);
  keyScores[0] = 0;
  const name = (chord: number) => ({ key: 'C major', figure: FIGURES[chord] ?? '?', root: 'C', quality: 'major', bass: 'C' });
  return { chordScores, slotCount: 2, chosenChord: 0, keyScores, chosenKey: 0, name };
}

describe('tempered', () => {
  it('makes probabilities that sum to one, flatter as the temperature rises', () => {
    const scores = Float64Array.from([2, 1, 0]);
    const cold = tempered(scores, 1);
    const warm = tempered(scores, 4);
    expect(cold.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 10);
    expect(warm[0]!).toBeLessThan(cold[0]!);
    expect(warm[2]!).toBeGreaterThan(cold[2]!);
  });
});

describe('readingsOf', () => {
  it('gives the chosen reading its probability and lists the others, most likely first', () => {
    const { confidence, alternatives } = readingsOf(evidence([2, -10, -10, 1]), { key: 'C major', figure: 'I', root: 'C', quality: 'major', bass: 'C' }, CALIBRATION);
    expect(confidence).toBeCloseTo(Math.exp(2) / (Math.exp(2) + Math.exp(1)), 3);
    expect(alternatives.map((reading) => reading.figure)).toEqual(['vi']);
  });

  it('adds up chords that name the same label', () => {
    const { confidence, alternatives } = readingsOf(evidence([1, 0, 0, -10]), { key: 'C major', figure: 'I', root: 'C', quality: 'major', bass: 'C' }, CALIBRATION);
    const total = Math.exp(1) + 2 + Math.exp(-10);
    expect(confidence).toBeCloseTo(Math.exp(1) / total, 3);
    expect(alternatives).toHaveLength(1);
    expect(alternatives[0]).toMatchObject({ figure: 'V' });
    expect(alternatives[0]!.confidence).toBeCloseTo(2 / total, 3);
  });

  it('keeps only the label share of each reading', () => {
    const sure = readingsOf(evidence([20, 0, 0, 0]), { key: 'C major', figure: 'I', root: 'C', quality: 'major', bass: 'C' }, { ...CALIBRATION, labelShare: 0.8 });
    expect(sure.confidence).toBeCloseTo(0.8, 3);
  });
});

describe('analyzeHarmonyReadings', () => {
  // I – IV – V7 – I in C, then a bare third (E–G over nothing else) that could be I or iii
  const cadence = chorale([
    [['E5', 2], ['F5', 2], ['D5', 2], ['E5', 2]],
    [['C5', 2], ['C5', 2], ['B4', 2], ['C5', 2]],
    [['G4', 2], ['A4', 2], ['F4', 2], ['G4', 2]],
    [['C3', 2], ['F3', 2], ['G3', 2], ['C3', 2]],
  ]);

  it('names the same harmonies as analyzeHarmony, each with a confidence and at most two other labels', () => {
    const plain = analyzeHarmony(cadence);
    const read = analyzeHarmonyReadings(cadence);
    expect(read.map((harmony) => [harmony.key, harmony.figure])).toEqual(plain.map((harmony) => [harmony.key, harmony.figure]));
    for (const harmony of read) {
      expect(harmony.confidence).toBeGreaterThan(0);
      expect(harmony.confidence).toBeLessThanOrEqual(1);
      expect(harmony.alternatives.length).toBeLessThanOrEqual(2);
      const labels = harmony.alternatives.map((reading) => `${reading.key} ${reading.figure}`);
      expect(labels).not.toContain(`${harmony.key} ${harmony.figure}`);
      expect(new Set(labels).size).toBe(labels.length);
      expect(harmony.confidence + harmony.alternatives.reduce((sum, reading) => sum + reading.confidence, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('is surer of a full closing tonic triad than of a bare third', () => {
    const bare = chorale([[['G4', 8]], [['E4', 8]]]);
    const closing = analyzeHarmonyReadings(cadence).at(-1)!;
    const third = analyzeHarmonyReadings(bare)[0]!;
    expect(closing.figure).toBe('I');
    expect(third.confidence).toBeLessThan(closing.confidence);
    expect(third.alternatives.length).toBeGreaterThan(0);
  });
});
