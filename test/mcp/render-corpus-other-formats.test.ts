/** The engraving of every **kern, ABC and MIDI corpus score (sources that say nothing of notation) checked as a musician reads it (see render-corpus.ts). */
import { describe, it } from 'vitest';
import { CORPUS_PATHS, DRAWING_TIMEOUT, expectDrawnAsWritten } from './render-corpus.js';

describe('the engraving of every **kern, ABC and MIDI corpus score', () => {
  it.each(CORPUS_PATHS.filter((path) => /\.(krn|abc|mid)$/.test(path)))('%s is drawn with its notes, accidentals, values and stems', expectDrawnAsWritten, DRAWING_TIMEOUT);
});
