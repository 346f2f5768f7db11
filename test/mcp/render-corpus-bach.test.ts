/** The engraving of every Bach chorale of the corpus (MusicXML) checked as a musician reads it (see render-corpus.ts). */
import { describe, it } from 'vitest';
import { CORPUS_PATHS, DRAWING_TIMEOUT, expectDrawnAsWritten } from './render-corpus.js';

describe('the engraving of every Bach chorale of the corpus', () => {
  it.each(CORPUS_PATHS.filter((path) => path.startsWith('scores/bach/')))('%s is drawn with its notes, accidentals, values and stems', expectDrawnAsWritten, DRAWING_TIMEOUT);
});
