import { describe, expect, it } from 'vitest';
import { splitTuneBook, tuneLabel } from '../../../src/formats/abc/tune-book.js';

const BOOK = '%abc-2.1\nX:1\nT:The Kesh\nM:6/8\nK:G\nGAG|]\n\nX:7\nM:4/4\nK:D\nDEFG|]\nX: 12\nT: Drowsy Maggie\nT:Second title\nK:Edor\nE2BE|]\n';

describe('an ABC tune book', () => {
  it('splits into its tunes at the X: lines, with each reference number and first title', () => {
    const tunes = splitTuneBook(BOOK);
    expect(tunes.map((tune) => [tune.reference, tune.title])).toEqual([['1', 'The Kesh'], ['7', undefined], ['12', 'Drowsy Maggie']]);
    expect(tunes[1]!.text).toBe('X:7\nM:4/4\nK:D\nDEFG|]\n');
    expect(tunes.map(tuneLabel)).toEqual(['X:1 "The Kesh"', 'X:7', 'X:12 "Drowsy Maggie"']);
  });

  it('has no tunes when no line starts with X:', () => {
    expect(splitTuneBook('T:No reference\nK:C\nCDE|]')).toEqual([]);
  });
});
