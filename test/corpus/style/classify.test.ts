import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyStyle } from '../../../src/corpus/style/classify.js';
import { STYLE_FEATURE_NAMES, styleFeatures } from '../../../src/corpus/style/features.js';
import { STYLE_MODELS } from '../../../src/corpus/style/style-models.js';
import { readScore } from '../../../src/formats/read-score.js';

const fixture = (path: string, format: 'mxl' | 'kern' | 'abc' | 'musicxml') => readScore(readFileSync(`test/fixtures/corpus/scores/${path}`), format).score;

describe('style features', () => {
  it('describe a chorale by one finite number per named feature, shares within 0…1', () => {
    const features = styleFeatures(fixture('bach/bwv269.mxl', 'mxl'));
    expect(features).toHaveLength(STYLE_FEATURE_NAMES.length);
    expect(features.every(Number.isFinite)).toBe(true);
    const degrees = features.slice(0, 12);
    expect(degrees.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 6);
    expect(features[STYLE_FEATURE_NAMES.indexOf('texture: 4 parts')]).toBe(1);
    expect(features[STYLE_FEATURE_NAMES.indexOf('harmony: analysed')]).toBe(1);
  });

  it('leave harmony out of a single melody', () => {
    const tune = fixture('oneills1850/0951-0981.abc', 'abc');
    const features = styleFeatures(tune);
    expect(features[STYLE_FEATURE_NAMES.indexOf('texture: 1 part')]).toBe(1);
    expect(features[STYLE_FEATURE_NAMES.indexOf('harmony: analysed')]).toBe(0);
  });

  it('are the features the shipped models were trained on', () => {
    for (const model of Object.values(STYLE_MODELS)) expect(model.featureNames).toEqual(STYLE_FEATURE_NAMES);
  });
});

describe('classifyStyle', () => {
  it('answers a probability for every class of each task, summing to 1, most probable first', () => {
    const answers = classifyStyle(fixture('bach/bwv153.1.mxl', 'mxl'));
    for (const task of ['composer', 'era', 'genre'] as const) {
      const probabilities = answers[task].guesses.map((guess) => guess.probability);
      expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 3);
      expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
      expect(answers[task].guesses.map((guess) => guess.label).sort()).toEqual([...STYLE_MODELS[task].classes].sort());
    }
  });

  it('tells a chorale, a Palestrina mass movement and a trecento song apart', () => {
    const chorale = classifyStyle(fixture('bach/bwv281.mxl', 'mxl'));
    expect(chorale.composer.guesses[0]!.label).toBe('Bach');
    expect(chorale.genre.guesses[0]!.label).toBe('chorale');
    const mass = classifyStyle(fixture('palestrina/Kyrie_96.krn', 'kern'));
    expect(mass.composer.guesses[0]!.label).toBe('Palestrina');
    expect(mass.era.guesses[0]!.label).toBe('Renaissance');
    const trecento = classifyStyle(fixture('trecento/PMFC_06_Giovanni-07_In_Sulla_Ripa.xml', 'musicxml'));
    expect(trecento.era.guesses[0]!.label).toBe('Medieval');
  });

  it('explains the top answer by named features, strongest first', () => {
    const { composer } = classifyStyle(fixture('bach/bwv281.mxl', 'mxl'));
    expect(composer.explanation.length).toBeGreaterThan(0);
    const weights = composer.explanation.map((entry) => Math.abs(entry.weight));
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    for (const entry of composer.explanation) expect(STYLE_FEATURE_NAMES).toContain(entry.feature);
  });
});
