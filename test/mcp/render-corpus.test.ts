/** The engraving of every MusicXML corpus score but the Bach chorales (render-corpus-bach.test.ts) checked as a musician reads it (see render-corpus.ts). */
import { describe, expect, it } from 'vitest';
import { CORPUS_PATHS, DRAWING_TIMEOUT, expectDrawnAsWritten } from './render-corpus.js';

describe('the engraving of the MusicXML corpus scores other than the Bach chorales', () => {
  it('covers every source format between this file and the Bach and other formats’ ones', () => {
    const formats = new Set(CORPUS_PATHS.map((path) => path.slice(path.lastIndexOf('.') + 1)));
    expect([...formats].sort()).toEqual(['abc', 'krn', 'mid', 'mxl', 'xml']);
  });

  it.each(CORPUS_PATHS.filter((path) => /\.(xml|mxl)$/.test(path) && !path.startsWith('scores/bach/')))('%s is drawn with its notes, accidentals, values and stems', expectDrawnAsWritten, DRAWING_TIMEOUT);
});
