import { describe, expect, it } from 'vitest';
import { nextChords, trainChordNgram } from '../../src/suggest/chord-ngram.js';

const cadences = [
  ['I', 'IV', 'V', 'I'],
  ['I', 'ii6', 'V', 'I'],
  ['I', 'vi', 'ii6', 'V', 'I'],
  ['I', 'IV', 'V', 'vi'],
];

describe('chord n-gram model', () => {
  it('ranks the chord that most often followed the context first', () => {
    const model = trainChordNgram(cadences, 3);
    const [first, second] = nextChords(model, ['IV', 'V']);
    expect(first!.figure).toBe('I');
    expect(second!.figure).toBe('vi');
    expect(first!.probability).toBeGreaterThan(second!.probability);
  });

  it('gives a probability to every chord it knows, summing to 1', () => {
    const model = trainChordNgram(cadences, 3);
    const all = nextChords(model, ['ii6'], 100);
    expect(all).toHaveLength(model.vocabulary.length);
    expect(all.reduce((sum, entry) => sum + entry.probability, 0)).toBeCloseTo(1, 9);
  });

  it('falls back to shorter contexts and to chord frequencies for an unknown chord', () => {
    const model = trainChordNgram(cadences, 3);
    expect(nextChords(model, ['Ger65', 'V'], 1)[0]!.figure).toBe('I');
    expect(nextChords(model, ['Ger65'], 1)[0]!.figure).toBe('I');
  });

  it('drops contexts seen fewer times than the minimum, keeping every chord', () => {
    const model = trainChordNgram(cadences, 3, 2);
    expect(model.followers['']!.length).toBe(model.vocabulary.length);
    expect(Object.values(model.followers).every((followers) => followers.length > 0)).toBe(true);
  });
});
