/** Cadences where no fermata marks the phrase end: found from the top voice's rests and long notes. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closingCadence, findCadences, phraseEndTimes } from '../../src/analysis/cadence.js';
import { analyzeHarmony, type Harmony } from '../../src/analysis/harmony.js';
import { rational, toNumber } from '../../src/core/rational.js';
import { readScore } from '../../src/formats/read-score.js';
import { TEST_SCORES } from '../support/corpus.js';
import { parsePitch } from './one-part-score.js';

const read = (path: string) => readScore(new Uint8Array(readFileSync(`${TEST_SCORES}${path}`)), 'mxl').score;

describe('cadences at phrase ends without fermatas', () => {
  it('finds the eight-bar phrases of a Mozart minuet (K. 80, iii): PACs at bars 8, 28, 36 and 52, a half cadence at 44, a cadence closing bar 16', () => {
    const score = read('mozart/k80/movement3.mxl');
    const harmonies = analyzeHarmony(score);
    expect(findCadences(harmonies)).toHaveLength(1); // the end only: the score has no fermatas
    const found = findCadences(harmonies, phraseEndTimes(score)).map((cadence) => `${cadence.type}@${cadence.measure}`);
    expect(found).toEqual(expect.arrayContaining(['PAC@8', 'PAC@28', 'PAC@36', 'HC@44', 'PAC@52']));
    // bar 16 closes the second phrase; the learned chord model hears its A7–D as V7/V–V in G (a half cadence), not as V7–I in D
    expect(found.filter((cadence) => cadence.endsWith('@16'))).toHaveLength(1);
    // a cadence needs a phrase end: far fewer cadences than dominant-tonic progressions
    expect(found.length).toBeLessThan(harmonies.length / 10);
  });

  it('adds nothing where fermatas already mark every phrase end (a chorale)', () => {
    const score = read('bach/bwv66.6.mxl');
    const harmonies = analyzeHarmony(score);
    expect(findCadences(harmonies, phraseEndTimes(score))).toEqual(findCadences(harmonies));
  });
});

describe('the cadence that closes a phrase', () => {
  it('is one arriving under the last note, or one whose arrival chord still sounds when the last note begins; else none', () => {
    const harmonies = analyzeHarmony(read('bach/bwv66.6.mxl'));
    const cadences = findCadences(harmonies);
    expect(cadences.length).toBeGreaterThan(3);
    for (const cadence of cadences) {
      const arrival = harmonies.find((harmony) => toNumber(harmony.offset) === cadence.offsetQuarters)!;
      const [start, end] = [toNumber(arrival.offset), toNumber(arrival.offset) + toNumber(arrival.duration)];
      expect(closingCadence(harmonies, cadences, start, start + 0.5)).toBe(cadence);
      expect(closingCadence(harmonies, cadences, (start + end) / 2, end)).toBe(cadence);
    }
    const arrivals = new Set(cadences.map((cadence) => cadence.offsetQuarters));
    const elsewhere = harmonies.filter((harmony, index) => !arrivals.has(toNumber(harmony.offset)) && !arrivals.has(toNumber(harmonies[index + 1]?.offset ?? { n: -1, d: 1 })));
    expect(elsewhere.length).toBeGreaterThan(10);
    for (const harmony of elsewhere) expect(closingCadence(harmonies, cadences, toNumber(harmony.offset), toNumber(harmony.offset) + toNumber(harmony.duration))).toBeUndefined();
  });
});

/** a harmony as analyze_harmony reports it, from its figure, root and pitches (lowest first) */
function harmony(offset: number, key: string, figure: string, pitches: string[], fermata = false): Harmony {
  const sounding = pitches.map(parsePitch);
  return {
    offset: rational(offset), duration: rational(1), measureIndex: 0, measure: '1', beat: offset + 1, key, figure,
    root: sounding[0]!.step, quality: '', bass: sounding[0]!.step, pitches: sounding, soprano: sounding[sounding.length - 1]!, fermata, function: 'D',
  };
}

describe('deceptive cadences of applied dominants', () => {
  it('hears V7/V → iii in G major as a deceptive cadence in D major and V/vi → IV as one in E minor, but V7/V → vi as none', () => {
    const inG = (figure: string, pitches: string[], offset: number, fermata = false) => harmony(offset, 'G major', figure, pitches, fermata);
    const toIii = findCadences([inG('I', ['G3', 'B3', 'D4', 'G4'], 0), inG('V7/V', ['A2', 'E3', 'G3', 'C#4'], 1), inG('iii', ['B2', 'F#3', 'B3', 'D4'], 2, true)]);
    expect(toIii.map(({ type, key }) => `${type} in ${key}`)).toEqual(['deceptive in D major']);
    const toIV = findCadences([inG('I', ['G3', 'B3', 'D4', 'G4'], 0), inG('V/vi', ['B2', 'F#3', 'B3', 'D#4'], 1), inG('IV', ['C3', 'G3', 'C4', 'E4'], 2, true)]);
    expect(toIV.map(({ type, key }) => `${type} in ${key}`)).toEqual(['deceptive in E minor']);
    const elsewhere = findCadences([inG('I', ['G3', 'B3', 'D4', 'G4'], 0), inG('V7/V', ['A2', 'E3', 'G3', 'C#4'], 1), inG('vi', ['E3', 'G3', 'B3', 'E4'], 2, true)]);
    expect(elsewhere).toEqual([]);
  });
});
