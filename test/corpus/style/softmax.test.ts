import { describe, expect, it } from 'vitest';
import { contributions, fitTemperature, probabilitiesFor, softmax, standardiser, trainSoftmax } from '../../../src/corpus/style/softmax.js';

// two classes told apart by the first feature only; the second is noise
const rows = Array.from({ length: 40 }, (_, index) => [index < 20 ? 0.1 + index / 400 : 0.9 - (index - 20) / 400, (index * 7) % 5]);
const labels = rows.map((_, index) => (index < 20 ? 0 : 1));

describe('softmax classifier', () => {
  it('learns a feature that separates two classes and gives each side its class', () => {
    const model = trainSoftmax(rows, labels, ['low', 'high'], ['level', 'noise']);
    expect(probabilitiesFor(model, [0.1, 2])[0]).toBeGreaterThan(0.9);
    expect(probabilitiesFor(model, [0.9, 2])[1]).toBeGreaterThan(0.9);
  });

  it('explains a decision by the feature that made it', () => {
    const model = trainSoftmax(rows, labels, ['low', 'high'], ['level', 'noise']);
    const [strongest] = contributions(model, [0.9, 2], 1);
    expect(strongest).toMatchObject({ feature: 'level', value: 0.9 });
    expect(strongest!.weight).toBeGreaterThan(0);
  });

  it('is deterministic: the same rows give the same weights', () => {
    expect(trainSoftmax(rows, labels, ['low', 'high'], ['level', 'noise'])).toEqual(trainSoftmax(rows, labels, ['low', 'high'], ['level', 'noise']));
  });

  it('fits a temperature above 1 to over-confident logits that are often wrong', () => {
    const logits = Array.from({ length: 100 }, (_, index) => (index % 3 === 0 ? [0, 8] : [8, 0]));
    const truth = logits.map(() => 0);
    expect(fitTemperature(logits, truth)).toBeGreaterThan(2);
  });

  it('standardises a constant column without dividing by zero', () => {
    expect(standardiser([[1, 5], [3, 5]])).toEqual({ mean: [2, 5], scale: [1, 1] });
    expect(softmax([0, 0]).map((value) => value.toFixed(2))).toEqual(['0.50', '0.50']);
  });
});
