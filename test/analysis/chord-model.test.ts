import { describe, expect, it } from 'vitest';
import { chordLogProbabilities, FEATURES_PER_ROOT, rootFeatures } from '../../src/analysis/chord-model.js';
import { CHORD_QUALITIES } from '../../src/analysis/chord-match.js';
import type { Slot } from '../../src/analysis/harmony-slots.js';
import { pitch, type Pitch, type Step } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';

const parse = (name: string): Pitch => pitch(name[0] as Step, name.includes('#') ? 1 : name.includes('b') ? -1 : 0, Number(name.at(-1)));

/** a half-beat slot sounding the notes given, lowest first */
function slot(index: number, names: string): Slot {
  const pitches = names.split(' ').map(parse);
  const weights = new Array<number>(12).fill(0);
  for (const sounding of pitches) weights[sounding.pitchClass]! += 1;
  return { start: rational(index, 2), end: rational(index + 1, 2), strength: index % 2 === 0 ? 2 : 1, measureIndex: 0, measure: '1', beat: 1 + index / 2, weights, bass: pitches[0]!, pitches, fermata: false };
}

/** the most likely chord at the middle slot, as "root quality" */
function best(...slots: Slot[]): string {
  const scores = chordLogProbabilities(slots)[Math.floor(slots.length / 2)]!;
  const top = scores.indexOf(Math.max(...scores));
  return `${['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'][top % 12]} ${CHORD_QUALITIES[Math.floor(top / 12)]!.name}`;
}

describe('the learned chord model', () => {
  it('reads each slot relative to each root: a chord moved up a tone has its features moved by one root', () => {
    const c = rootFeatures([slot(0, 'C3 E4 G4 C5')], 0);
    const d = rootFeatures([slot(0, 'D3 F#4 A4 D5')], 0);
    expect(Array.from(d.subarray(2 * FEATURES_PER_ROOT, 3 * FEATURES_PER_ROOT))).toEqual(Array.from(c.subarray(0, FEATURES_PER_ROOT)));
  });

  it('gives probabilities over the 96 chords', () => {
    const [scores] = chordLogProbabilities([slot(0, 'C3 E4 G4 C5')]);
    expect(scores).toHaveLength(96);
    expect(Array.from(scores!).reduce((sum, value) => sum + Math.exp(value), 0)).toBeCloseTo(1, 6);
  });

  it('hears plain triads and a full dominant seventh, and a triad over its third as that triad (I6, not iii)', () => {
    expect(best(slot(0, 'C3 E4 G4 C5'), slot(1, 'C3 E4 G4 C5'), slot(2, 'C3 E4 G4 C5'))).toBe('C major');
    expect(best(slot(0, 'A2 E4 A4 C5'), slot(1, 'A2 E4 A4 C5'), slot(2, 'A2 E4 A4 C5'))).toBe('A minor');
    expect(best(slot(0, 'G2 F4 B4 D5'), slot(1, 'G2 F4 B4 D5'), slot(2, 'G2 F4 B4 D5'))).toBe('G dominant seventh');
    expect(best(slot(0, 'E3 G4 C5 E5'), slot(1, 'E3 G4 C5 E5'), slot(2, 'E3 G4 C5 E5'))).toBe('C major');
  });
});
