import { describe, expect, it } from 'vitest';
import { meanProfile, profileCloseness, styleDistances } from '../../../src/generate/style/closeness.js';
import { imitateStyle } from '../../../src/generate/style/imitate.js';
import { learnStyle } from '../../../src/generate/style/learn.js';
import { bachChorales, irishTunes } from './corpus-sources.js';

const chorales = bachChorales(10);
const tunes = irishTunes(10);
/** sources the models never see, to check the style generalises and is not only copied */
const unseenChorales = bachChorales(10, 20);
const unseenTunes = irishTunes(10, 15);
/** twenty pieces each: with ten, the unseen-chorale margin moved by a third between seed sets */
const SEEDS = Array.from({ length: 20 }, (_, seed) => seed);

function piecesFrom(sources: typeof chorales) {
  const model = learnStyle(sources.map((score) => ({ score })), { order: 2 });
  return SEEDS.map((seed) => imitateStyle(model, { measures: 16, seed }).score);
}

describe('style closeness', () => {
  const fromBach = piecesFrom(chorales);
  const fromIrish = piecesFrom(tunes);
  const corpora = { bach: chorales, irish: tunes, unseenBach: unseenChorales, unseenIrish: unseenTunes };

  it('puts pieces learned from Bach chorales nearer the chorales than the Irish tunes, by pitch classes and by intervals', () => {
    const distances = styleDistances(fromBach, corpora);
    expect(distances.bach!.pitchClass).toBeLessThan(distances.irish!.pitchClass);
    expect(distances.bach!.interval).toBeLessThan(distances.irish!.interval);
    // intervals separate the styles clearly, even against chorales the model never saw (1.6–2.3× apart over seed sets)
    expect(distances.unseenBach!.interval * 1.5).toBeLessThan(distances.unseenIrish!.interval);
  });

  it('puts pieces learned from Irish tunes nearer the tunes than the chorales, by pitch classes and by intervals', () => {
    const distances = styleDistances(fromIrish, corpora);
    expect(distances.irish!.pitchClass).toBeLessThan(distances.bach!.pitchClass);
    expect(distances.irish!.interval).toBeLessThan(distances.bach!.interval);
    expect(distances.unseenIrish!.interval * 1.5).toBeLessThan(distances.unseenBach!.interval);
  });

  it('measures a corpus as identical to its own mean only when it is one piece', () => {
    const alone = profileCloseness(chorales[0]!, meanProfile([chorales[0]!]));
    expect(alone.pitchClassSimilarity).toBeCloseTo(1, 3);
    expect(alone.intervalSimilarity).toBeCloseTo(1, 3);
    const tune = profileCloseness(tunes[0]!, meanProfile(chorales));
    expect(tune.intervalSimilarity).toBeLessThan(0.99);
  });
});
