/**
 * Key finding. Every expected key, ranking and correlation below came from music21 10.3, run on the
 * equivalent music21 stream (notes, chords, rests, grace notes, ties and triplets built one for one) with
 * s.analyze('key'), 'key.krumhanslschmuckler', 'key.aardenessen', 'key.temperleykostkapayne',
 * 'key.bellmanbudge' and 'key.simple'; names are kept in music21's spelling ("B- minor").
 */
import { describe, expect, it } from 'vitest';
import { analyzeKey, findKey, KEY_WEIGHTINGS, pitchClassDurations, PROFILES, type KeyResult, type KeyWeighting } from '../../src/analysis/key.js';
import { CadenzaError } from '../../src/core/errors.js';
import { rational } from '../../src/core/rational.js';
import type { Score } from '../../src/core/score.js';
import { onePartScore, type EventSpec } from './one-part-score.js';

/** music21's "B- minor" → Cadenza's "Bb minor" */
const fromMusic21 = (name: string) => name.replace(/^([A-G])-/, '$1b');
const repeated = (spec: EventSpec, times: number): EventSpec[] => new Array<EventSpec>(times).fill(spec);
const allKeys = (key: KeyResult) => [key, ...key.alternatives];

const C_MAJOR_SCALE = onePartScore([['C4', 2], ['D4', 1], ['E4', 1], ['F4', 1], ['G4', 2], ['A4', 1], ['B4', 1], ['C5', 2]]);
/** a grace note, a chord, a rest, a triplet, a tied note */
const F_SHARP_MINOR_FRAGMENT = onePartScore([
  ['F#4', 1], ['E#4', 0, { grace: true }], [['A3', 'C#4', 'F#4'], 2], [null, 1],
  ['G#4', rational(1, 3)], ['A4', rational(1, 3)], ['B4', rational(1, 3)],
  ['C#5', 2, { tie: 'start' }], ['C#5', 1, { tie: 'stop' }], ['E#4', 0.5], ['F#4', 1.5],
]);
/** music21's own testKeyAnalysisLikelyKeys: six Cs, four Gs, two As */
const C_G_A = onePartScore([...repeated(['C4', 1], 6), ...repeated(['G4', 1], 4), ...repeated(['A4', 1], 2)]);
const C_AND_C_SHARP = onePartScore([['C4', 1], ['C4', 1], ['C#4', 1], ['C#4', 1]]);
const CHROMATIC = onePartScore(['C4', 'C#4', 'D4', 'Eb4', 'E4', 'F4', 'F#4', 'G4', 'G#4', 'A4', 'Bb4', 'B4'].map((name): EventSpec => [name, 1]));

describe('the pitch-class distribution', () => {
  it('adds up quarter lengths per pitch class: chord members each count, grace notes and rests do not, tied notes count each piece', () => {
    // music21: [0.0, 5.0, 0.0, 0.0, 0.0, 0.5, 4.5, 0.0, 0.3333333333333333, 2.3333333333333335, 0.0, 0.3333333333333333]
    expect(pitchClassDurations(F_SHARP_MINOR_FRAGMENT)).toEqual([0, 5, 0, 0, 0, 0.5, 4.5, 0, 1 / 3, 7 / 3, 0, 1 / 3]);
  });

  it('counts every part', () => {
    const twoParts: Score = { ...C_MAJOR_SCALE, parts: [...C_MAJOR_SCALE.parts, ...onePartScore([['F#3', 3]]).parts] };
    expect(pitchClassDurations(twoParts)).toEqual([4, 0, 1, 0, 1, 1, 3, 2, 0, 1, 0, 1]);
  });
});

describe('key finding agrees with music21 10.3', () => {
  const cases: [string, Score, Record<KeyWeighting, [string, number]>][] = [
    ['a C major scale', C_MAJOR_SCALE, {
      krumhansl: ['C major', 0.9445467078551378], aarden: ['C major', 0.7551822385120903], temperley: ['C major', 0.8463813857445627],
      bellman: ['C major', 0.8168622413672807], simple: ['C major', 0.9062168892044165],
    }],
    ['an F# minor fragment with a chord, grace note, triplet and tie', F_SHARP_MINOR_FRAGMENT, {
      krumhansl: ['F# minor', 0.8415821681399146], aarden: ['F# minor', 0.7690133609774525], temperley: ['F# minor', 0.8258733028536837],
      bellman: ['F# minor', 0.839899682612843], simple: ['F# minor', 0.8560255122231707],
    }],
    ['two Cs and two C#s', C_AND_C_SHARP, {
      krumhansl: ['C# minor', 0.4030237105807253], aarden: ['B- minor', 0.44290663977471767], temperley: ['F minor', 0.40870825493454105],
      bellman: ['F minor', 0.3830345459584703], simple: ['F minor', 0.48454371185234907],
    }],
  ];
  for (const [description, score, expected] of cases) {
    it.each(KEY_WEIGHTINGS)(`names the key of ${description} with %s profiles, with the same correlation`, (method) => {
      const key = analyzeKey(score, { method });
      const [name, correlation] = expected[method];
      expect(key).toMatchObject({ name: fromMusic21(name), method });
      expect(key.correlation).toBeCloseTo(correlation, 14);
    });
  }

  it('uses the Aarden–Essen profiles by default, as score.analyze("key") does', () => {
    expect(analyzeKey(C_G_A)).toMatchObject({ name: 'F major', method: 'aarden' });
    expect(analyzeKey(onePartScore([['Bb4', 1]])).name).toBe('Eb major'); // music21: E- major
    expect(analyzeKey(onePartScore([['Bb4', 1]]), { method: 'krumhansl' }).name).toBe('Bb major');
  });

  it('ranks all 23 alternatives in music21\'s order (its own test for six Cs, four Gs, two As)', () => {
    const krumhansl = 'c G a F g e f E- A- B- d D A b b- c# f# C# E g# F# e- B';
    const aarden = 'C c g f a G d A- B- E- e b- D A f# C# b E c# e- F# B g#';
    // music21's tonicPitchNameWithCase: upper case major, lower case minor
    const withCase = (key: KeyResult) =>
      key.alternatives.map(({ tonic, mode }) => (mode === 'major' ? tonic : tonic.toLowerCase()).replace(/(.)b$/, '$1-')).join(' ');
    expect(withCase(analyzeKey(C_G_A, { method: 'krumhansl' }))).toBe(krumhansl);
    expect(withCase(analyzeKey(C_G_A, { method: 'aarden' }))).toBe(aarden);
  });
});

describe('the ranking', () => {
  it.each(KEY_WEIGHTINGS)('with %s profiles lists the 23 other keys best first, without the winner, all correlations in [-1, 1]', (method) => {
    const key = analyzeKey(F_SHARP_MINOR_FRAGMENT, { method });
    expect(key.alternatives).toHaveLength(23);
    expect(new Set(allKeys(key).map((candidate) => candidate.name)).size).toBe(24);
    const correlations = allKeys(key).map((candidate) => candidate.correlation);
    expect(correlations).toEqual([...correlations].sort((a, b) => b - a));
    for (const correlation of correlations) expect(Math.abs(correlation)).toBeLessThanOrEqual(1);
  });

  it('breaks ties as music21 does: the higher tonic pitch class first, then minor before major', () => {
    // twelve equal pitch classes correlate 0 with every key; music21 answers B minor, then:
    const music21Order = ['B minor', 'B major', 'B- minor', 'B- major', 'A minor', 'A major', 'G# minor', 'A- major', 'G minor', 'G major',
      'F# minor', 'F# major', 'F minor', 'F major', 'E minor', 'E major', 'E- minor', 'E- major', 'D minor', 'D major', 'C# minor',
      'C# major', 'C minor', 'C major'];
    const key = analyzeKey(CHROMATIC);
    expect(allKeys(key).map((candidate) => candidate.name)).toEqual(music21Order.map(fromMusic21));
    expect(key.correlation).toBe(0);
  });

  it('puts Bb minor before Eb minor when a lone Bb fits both equally (simple weights)', () => {
    // music21: B- minor 0.5444655064804709, E- minor the same, then B- major and E- major at 0.5222329678670935
    const key = analyzeKey(onePartScore([['Bb4', 1]]), { method: 'simple' });
    expect(allKeys(key).slice(0, 4).map((candidate) => candidate.name)).toEqual(['Bb minor', 'Eb minor', 'Bb major', 'Eb major']);
    expect(key.alternatives[0]!.correlation).toBe(key.correlation);
  });
});

describe('tonic spelling', () => {
  it('spells the 24 tonics as music21 does: A- major but G# minor, C# and F# in both modes, E- and B- in both', () => {
    // music21's _bestKeyEnharmonic(Pitch(pc), mode) for pc 0 … 11
    const music21Major = ['C', 'C#', 'D', 'E-', 'E', 'F', 'F#', 'G', 'A-', 'A', 'B-', 'B'];
    const music21Minor = ['C', 'C#', 'D', 'E-', 'E', 'F', 'F#', 'G', 'G#', 'A', 'B-', 'B'];
    for (const [mode, tonics] of [['major', music21Major], ['minor', music21Minor]] as const) {
      tonics.forEach((tonic, pitchClass) => {
        // the profile itself, turned to this tonic, correlates perfectly with exactly this key
        const weights = PROFILES.krumhansl[mode].map((_, index) => PROFILES.krumhansl[mode][(index - pitchClass + 12) % 12]!);
        const key = findKey(weights, 'krumhansl');
        expect(key).toMatchObject({ tonic: fromMusic21(tonic), mode, name: fromMusic21(`${tonic} ${mode}`) });
        expect(key.correlation).toBeCloseTo(1, 12);
      });
    }
  });
});

describe('refusals', () => {
  const expectInvalidArgument = (run: () => unknown) => {
    expect(run).toThrow(CadenzaError);
    expect(run).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  };

  it('refuses a score without notes with INVALID_ARGUMENT instead of answering NaN', () => {
    expectInvalidArgument(() => analyzeKey({ metadata: { sourceFormat: 'generated' }, parts: [] }));
    expectInvalidArgument(() => analyzeKey(onePartScore([[null, 4]])));
  });

  it('refuses a score whose only notes are grace notes, which sound for no time', () => {
    expectInvalidArgument(() => analyzeKey(onePartScore([['C4', 0, { grace: true }], [null, 1]])));
  });

  it('refuses a distribution that is not 12 finite non-negative numbers', () => {
    expectInvalidArgument(() => findKey([1, 2, 3]));
    expectInvalidArgument(() => findKey([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Number.NaN]));
    expectInvalidArgument(() => findKey([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]));
  });
});
