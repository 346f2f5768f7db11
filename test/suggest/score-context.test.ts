import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeHarmony } from '../../src/analysis/harmony.js';
import { toNumber } from '../../src/core/rational.js';
import { readScore } from '../../src/formats/read-score.js';
import { contextBefore, harmonicContexts } from '../../src/suggest/score-context.js';

const chorale = readScore(readFileSync('test/fixtures/corpus/scores/bach/bwv269.mxl'), 'mxl').score;

describe('score context at a chord change', () => {
  const { figures, keys, contexts } = harmonicContexts(chorale);
  const harmonies = analyzeHarmony(chorale);

  it('names the numerals as analyze_harmony does, a repeat (same numeral, same key) kept once', () => {
    const merged = harmonies.filter((harmony, index) => index === 0 || harmony.figure !== harmonies[index - 1]!.figure || harmony.key !== harmonies[index - 1]!.key);
    expect(figures).toEqual(merged.map((harmony) => harmony.figure));
    expect(keys).toEqual(merged.map((harmony) => harmony.key));
    expect(contexts[0]).toBeUndefined();
    expect(contexts.slice(1).every((context) => context !== undefined)).toBe(true);
  });

  it('describes each point with degrees of the key, beats, lengths and the fermatas that end phrases', () => {
    for (const context of contexts.slice(1)) {
      for (const degree of [...context!.soprano, ...context!.bass]) expect(degree >= 0 && degree <= 11 && Number.isInteger(degree)).toBe(true);
      expect(context!.pointBeat).toMatch(/^[1-4]\+?$/);
      expect(context!.duration).toBeGreaterThan(0);
    }
    // a chorale's phrases end under fermatas: some points follow one, most do not
    const afterFermata = contexts.filter((context) => context?.fermata).length;
    expect(afterFermata).toBeGreaterThan(1);
    expect(afterFermata).toBeLessThan(contexts.length / 3);
  });

  it('gives the tool, asked at a chord change, the same context the model was trained on', () => {
    const onsets = harmonies.filter((harmony, index) => index === 0 || harmony.figure !== harmonies[index - 1]!.figure || harmony.key !== harmonies[index - 1]!.key).map((harmony) => toNumber(harmony.offset));
    for (const index of [1, 5, 12, figures.length - 1]) {
      const found = contextBefore(chorale, onsets[index]!);
      expect(found.figures).toEqual(figures.slice(0, index));
      expect(found.key).toBe(keys[index - 1]);
      expect(found.context).toEqual(contexts[index]);
    }
  });

  it('ends a chorale with the bass on the tonic and the top line on it or a step away', () => {
    // the chorale ends on its tonic: just before the end the top line has arrived on 1̂ or is a step from it
    const end = contextBefore(chorale, Infinity);
    expect([0, 2, 11]).toContain(end.context!.soprano.at(-1));
    expect(end.context!.bass.at(-1)).toBe(0);
  });
});
