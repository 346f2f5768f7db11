import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/generate/random.js';
import { contextCount, countNgram, emptyNgramModel, sampleNgram } from '../../../src/generate/style/ngram.js';

describe('n-gram model', () => {
  const model = emptyNgramModel(2);
  countNgram(model, ['a', 'b'], 'c');
  countNgram(model, ['x', 'b'], 'd');
  countNgram(model, ['x', 'y'], 'e');

  it('counts every continuation under each context length up to its order', () => {
    expect(contextCount(model)).toEqual([1, 2, 3]);
    expect(model[2]!['a,b']).toEqual({ c: 1 });
    expect(model[1]!['b']).toEqual({ c: 1, d: 1 });
    expect(model[0]!['']).toEqual({ c: 1, d: 1, e: 1 });
  });

  it('uses the longest context it knows and backs off when the context is new or everything is ruled out', () => {
    const random = seededRandom(1);
    expect(sampleNgram(model, ['a', 'b'], 2, random)).toBe('c');
    expect(sampleNgram(model, ['q', 'b'], 2, random)).toMatch(/^[cd]$/);
    expect(sampleNgram(model, ['a', 'b'], 2, random, (token) => (token === 'c' ? 0 : 1))).toBe('d');
    expect(sampleNgram(model, ['a', 'b'], 2, random, (token) => (token === 'e' ? 1 : 0))).toBe('e');
    expect(sampleNgram(model, ['a', 'b'], 2, random, () => 0)).toBeUndefined();
  });

  it('draws in proportion to the counts', () => {
    const weighted = emptyNgramModel(1);
    for (let index = 0; index < 3; index++) countNgram(weighted, ['s'], 'often');
    countNgram(weighted, ['s'], 'rarely');
    const random = seededRandom(7);
    const draws = Array.from({ length: 4000 }, () => sampleNgram(weighted, ['s'], 1, random));
    const share = draws.filter((token) => token === 'often').length / draws.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
  });
});
