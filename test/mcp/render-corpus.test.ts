/** The engraving of every MusicXML corpus score checked as a musician reads it (see render-corpus.ts). */
import { describe, expect, it } from 'vitest';
import { CORPUS_PATHS, expectDrawnAsWritten } from './render-corpus.js';

describe('the engraving of every MusicXML corpus score', () => {
  it('covers every source format between this file and the other formats’ one', () => {
    const formats = new Set(CORPUS_PATHS.map((path) => path.slice(path.lastIndexOf('.') + 1)));
    expect([...formats].sort()).toEqual(['abc', 'krn', 'mid', 'mxl', 'xml']);
  });

  it.each(CORPUS_PATHS.filter((path) => /\.(xml|mxl)$/.test(path)))('%s is drawn with its notes, accidentals, values and stems', expectDrawnAsWritten);
});
