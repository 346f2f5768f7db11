import { describe, expect, it } from 'vitest';
import { chooseChords } from '../../src/analysis/chord-match.js';
import { logSoftmax } from '../../src/analysis/chord-model.js';
import { harmonySlots } from '../../src/analysis/harmony-slots.js';
import { keyFeatures, keyLogits, signaturesByMeasure, tonicFeatures } from '../../src/analysis/key-model.js';
import { readScore } from '../../src/formats/read-score.js';

/** the 24 keys in the model's order: major, then minor, each by tonic C … B */
const KEYS = ['major', 'minor'].flatMap((mode) => ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'].map((tonic) => `${tonic} ${mode}`));

/** the most likely key at each slot of an ABC tune */
function keysOf(abc: string): string[] {
  const score = readScore(new TextEncoder().encode(abc), 'abc').score;
  const slots = harmonySlots(score);
  const signatures = signaturesByMeasure(score);
  return keyFeatures(slots, slots.map((slot) => signatures[slot.measureIndex]), chooseChords(slots)).map((features) => {
    const scores = logSoftmax(keyLogits(features));
    return KEYS[scores.indexOf(Math.max(...scores))]!;
  });
}

describe('the learned key model', () => {
  it('hears a cadence in G major in G major, and one in E minor (same signature, with D♯) in E minor', () => {
    expect(new Set(keysOf('X:1\nM:4/4\nL:1/4\nK:G\n[G,DGB][C,EGc][D,DF^A][G,DGB]|[G,B,DG]4|]\n'))).toEqual(new Set(['G major']));
    expect(keysOf('X:1\nM:4/4\nL:1/4\nK:Em\n[E,B,EG][A,CEA][B,^D^FA][E,B,EG]|[E,B,EG]4|]\n').at(-1)).toBe('E minor');
  });

  it('reads music a step higher, chords and cadences included, as the same features above a tonic a step higher', () => {
    const contexts = (abc: string) => {
      const score = readScore(new TextEncoder().encode(abc), 'abc').score;
      const slots = harmonySlots(score);
      const signatures = signaturesByMeasure(score);
      return keyFeatures(slots, slots.map((slot) => signatures[slot.measureIndex]), chooseChords(slots));
    };
    const inC = contexts('X:1\nM:4/4\nL:1/4\nK:C\n[C,EGc][F,FAc][G,DGB][G,FGB]|[C,EGc]4|]\n');
    const inD = contexts('X:1\nM:4/4\nL:1/4\nK:D\n[D,FAd][G,GBd][A,EAc][A,GAc]|[D,FAd]4|]\n');
    expect(inD).toHaveLength(inC.length);
    // equal up to rounding (pitch-class sums add in another order)
    const rounded = (features: Float64Array) => [...features].map((value) => Math.round(value * 1e9) / 1e9);
    inC.forEach((context, index) => expect(rounded(tonicFeatures(inD[index]!, 2))).toEqual(rounded(tonicFeatures(context, 0))));
    expect(tonicFeatures(inC.at(-1)!, 0)).not.toEqual(tonicFeatures(inC.at(-1)!, 7));
  });

  it('takes the key signature in force in each measure', () => {
    expect(signaturesByMeasure(readScore(new TextEncoder().encode('X:1\nM:4/4\nL:1/4\nK:F\nFGAB|c4|]\n'), 'abc').score)).toEqual([-1, -1]);
  });
});
