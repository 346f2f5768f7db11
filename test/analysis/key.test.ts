import { describe, expect, it } from 'vitest';
import { findKey, KEY_WEIGHTINGS, pitchClassDurations, profileCorrelation } from '../../src/analysis/key.js';
import { isCadenzaError } from '../../src/core/errors.js';
import { pitch, type Step } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';
import type { Event, Score } from '../../src/core/score.js';

/** A one-part, one-measure score from [step, alter, quarter lengths] triples played one after another. */
function melody(notes: [Step, number, number][]): Score {
  let onset = 0;
  const events: Event[] = notes.map(([step, alter, length]) => {
    const event: Event = { kind: 'note', pitch: pitch(step, alter, 4), offset: rational(onset), duration: rational(length) };
    onset += length;
    return event;
  });
  const measure = { number: '1', index: 0, offset: rational(0), duration: rational(onset), voices: [{ id: '1', events }] };
  return { metadata: { sourceFormat: 'generated' }, parts: [{ id: 'P1', staffCount: 1, measures: [measure] }] };
}

const C_MAJOR_SCALE: [Step, number, number][] = [['C', 0, 2], ['D', 0, 1], ['E', 0, 1], ['F', 0, 1], ['G', 0, 2], ['A', 0, 1], ['B', 0, 1], ['C', 0, 2]];

describe('key finding', () => {
  it('weights pitch classes by duration, chord members each counting', () => {
    const score = melody([['C', 0, 3], ['F', 1, 2]]);
    expect(pitchClassDurations(score)).toEqual([3, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0]);
  });

  it.each(KEY_WEIGHTINGS)('finds C major in a C major scale with %s profiles', (method) => {
    const key = findKey(pitchClassDurations(melody(C_MAJOR_SCALE)), method);
    expect(key).toMatchObject({ tonic: 'C', mode: 'major', name: 'C major', method });
    expect(key.correlation).toBeGreaterThan(0.5);
    expect(key.correlation).toBeLessThanOrEqual(1);
  });

  it('ranks the other 23 keys best first, without the winner', () => {
    const key = findKey(pitchClassDurations(melody(C_MAJOR_SCALE)));
    expect(key.alternatives).toHaveLength(23);
    expect(key.alternatives.map((alternative) => alternative.name)).not.toContain('C major');
    const correlations = key.alternatives.map((alternative) => alternative.correlation);
    expect(correlations).toEqual([...correlations].sort((a, b) => b - a));
    expect(key.correlation).toBeGreaterThanOrEqual(correlations[0]!);
  });

  it('spells tonics as music21 does: Ab major but G# minor, Eb minor, C# major', () => {
    const names = new Set<string>();
    for (let tonic = 0; tonic < 12; tonic++) {
      const major = [0, 2, 4, 5, 7, 9, 11].map((step) => (step + tonic) % 12);
      const minor = [0, 2, 3, 5, 7, 8, 11].map((step) => (step + tonic) % 12);
      for (const scale of [major, minor]) {
        const weights = new Array<number>(12).fill(0);
        scale.forEach((pitchClass, degree) => (weights[pitchClass] = degree === 0 ? 4 : degree === 4 ? 3 : 1));
        names.add(findKey(weights, 'krumhansl').name);
      }
    }
    expect([...names].sort()).toEqual(
      ['A major', 'A minor', 'Ab major', 'B major', 'B minor', 'Bb major', 'Bb minor', 'C major', 'C minor', 'C# major', 'C# minor', 'D major',
        'D minor', 'E major', 'E minor', 'Eb major', 'Eb minor', 'F major', 'F minor', 'F# major', 'F# minor', 'G major', 'G minor', 'G# minor'],
    );
  });

  it('computes Pearson correlation: a profile correlates perfectly with itself', () => {
    const profile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    expect(profileCorrelation(profile, profile, 0)).toBeCloseTo(1, 12);
    expect(profileCorrelation(new Array(12).fill(1), profile, 0)).toBe(0);
  });

  it('refuses a score without sounding notes instead of answering NaN', () => {
    let caught: unknown;
    try {
      findKey(new Array(12).fill(0));
    } catch (error) {
      caught = error;
    }
    expect(isCadenzaError(caught) && caught.code).toBe('INVALID_ARGUMENT');
  });
});
