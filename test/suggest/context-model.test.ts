import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readScore } from '../../src/formats/read-score.js';
import { nextChords, trainChordNgram } from '../../src/suggest/chord-ngram.js';
import { classProbabilities, contextFeatures, decodeContextModel, fromBase64, nextChordsInContext, type ContextChordModel } from '../../src/suggest/context-model.js';
import { CONTEXT_MODEL_PROVENANCE, contextModels } from '../../src/suggest/context-models.js';
import { rankedChords } from '../../src/suggest/continuation.js';
import { contextBefore, type ScoreContext } from '../../src/suggest/score-context.js';

const downbeat: ScoreContext = { mode: 'major', pointBeat: '1', chordBeat: '3', duration: 2, fermata: false, soprano: [4, 2], bass: [2, 7] };
const ngram = trainChordNgram([['I', 'IV', 'V', 'I'], ['I', 'ii6', 'V', 'vi'], ['I', 'V', 'I', 'IV']], 3);
const base64 = (values: number[]) => Buffer.from(Int8Array.from(values).buffer).toString('base64');

/**
 * A hand-made network of one hidden unit: the feature "1:V" drives it to tanh(2), which votes for "vi"
 * (the first class) through a weight of 3; "I" and "any other" have none. Weights are int8 times the row's scale.
 */
const tiny: ContextChordModel = {
  features: ['bias', '1:V'],
  classes: ['vi', 'I', ''],
  hidden: 1,
  embedding: base64([0, 100]),
  embeddingScale: [1, 0.02],
  output: base64([100, 0, 0, 0, 0, 0]),
  outputScale: [0.03, 1],
  mix: 1,
};

describe('context chord model', () => {
  it('decodes base64 as Node does', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => (index * 37) % 256);
    for (const length of [0, 1, 2, 3, 4, 255, 256]) expect([...fromBase64(Buffer.from(bytes.subarray(0, length)).toString('base64'))]).toEqual([...bytes.subarray(0, length)]);
  });

  it('describes a point by its chords and the score around them, and adds the style only when given', () => {
    const features = contextFeatures(['ii6', 'V'], downbeat);
    expect(features).toContain('1:V');
    expect(features).toContain('12:ii6 V');
    expect(features).toContain('1s:V|2');
    expect(features).toContain('point:1');
    expect(features.some((feature) => feature.startsWith('style:'))).toBe(false);
    expect(contextFeatures(['ii6', 'V'], downbeat, 'bach')).toContain('1style:V|bach');
  });

  it('computes the softmax of its int8 weights and ignores features it does not know', () => {
    const network = decodeContextModel(tiny);
    const vote = 3 * Math.tanh(2);
    const expected = [Math.exp(vote), 1, 1].map((value) => value / (Math.exp(vote) + 2));
    const found = classProbabilities(network, ['bias', '1:V', 'never-seen']);
    expected.forEach((value, label) => expect(found[label]).toBeCloseTo(value, 2));
  });

  it('mixes with the n-gram: all network, all n-gram, and a distribution summing to 1 between', () => {
    const network = decodeContextModel(tiny);
    expect(nextChordsInContext(network, ngram, ['ii6', 'V'], downbeat, undefined, 1)[0]!.figure).toBe('vi');
    const ngramOnly = nextChordsInContext({ ...network, mix: 0 }, ngram, ['IV', 'V'], downbeat, undefined, 10);
    expect(ngramOnly.map((entry) => entry.figure)).toEqual(nextChords(ngram, ['IV', 'V'], 10).map((entry) => entry.figure));
    const half = nextChordsInContext({ ...network, mix: 0.5 }, ngram, ['IV', 'V'], downbeat, undefined, 100);
    expect(half.reduce((sum, entry) => sum + entry.probability, 0)).toBeCloseTo(1, 6);
  });

  it('ships a model whose weights fit its feature and class tables, with the mixing weight its provenance records', () => {
    const shipped = contextModels().any;
    expect(shipped.classes.at(-1)).toBe('');
    expect(shipped.classes).toContain('I');
    expect(fromBase64(shipped.embedding).length).toBe(shipped.features.length * shipped.hidden);
    expect(fromBase64(shipped.output).length).toBe((shipped.hidden + 1) * shipped.classes.length);
    expect(CONTEXT_MODEL_PROVENANCE.choice.mix).toBe(shipped.mix);
  });

  it('ranks the tonic first after a cadential dominant on a downbeat in a chorale, when the score is known', () => {
    const chorale = readScore(readFileSync('test/fixtures/corpus/scores/bach/bwv269.mxl'), 'mxl').score;
    const { figures, context } = contextBefore(chorale, Infinity);
    // the end of a chorale: the context names the final chords, and the model should know a phrase ends there
    expect(context!.fermata).toBe(true);
    const ranked = rankedChords(['ii6', 'V'], 'bach', 3, downbeat);
    expect(ranked[0]!.figure).toBe('I');
    expect(rankedChords(figures, 'any', 5, context)).toHaveLength(5);
  });
});
