import { describe, expect, it } from 'vitest';
import { chordSymbolFromText, chordSymbolText } from '../../src/core/chord-symbol-text.js';
import { pitchName } from '../../src/core/pitch.js';

describe('chordSymbolFromText', () => {
  it.each([
    ['G', 'major', 'G3 B3 D4'],
    ['F#m', 'minor', 'F#3 A3 C#4'],
    ['D7', 'dominant-seventh', 'D3 F#3 A3 C4'],
    ['Bbmaj7', 'major-seventh', 'Bb2 D3 F3 A3'],
    ['Em', 'minor', 'E3 G3 B3'],
  ])('reads "%s" as a %s chord sounding %s, as music21 realizes it', (text, kind, pitches) => {
    const symbol = chordSymbolFromText(text)!;
    expect(symbol.kind).toBe(kind);
    expect(symbol.pitches.map(pitchName).join(' ')).toBe(pitches);
  });

  it('reads a slash bass', () => {
    expect(chordSymbolFromText('C/E')).toMatchObject({ root: { step: 'C', alter: 0 }, bass: { step: 'E', alter: 0 }, figure: 'C/E' });
  });

  it('leaves annotations and words alone', () => {
    for (const text of ['^Allegro', '_fine', '<left', 'Fine', 'D.C.', 'Gxyz', '']) expect(chordSymbolFromText(text)).toBeUndefined();
  });

  it('writes back what it reads', () => {
    for (const text of ['G', 'F#m', 'D7', 'Bbmaj7', 'Cm7b5', 'Ebdim7', 'Asus', 'C/E', 'Dm7/C']) expect(chordSymbolText(chordSymbolFromText(text)!)).toBe(text);
  });
});
