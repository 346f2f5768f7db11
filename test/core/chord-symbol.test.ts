import { describe, expect, it } from 'vitest';
import { chordSymbolFigure, parseChordSymbolFigure, realizeChordSymbol, type ChordSymbolSpec } from '../../src/core/chord-symbol.js';
import { pitchName, type Step } from '../../src/core/pitch.js';

const root = (name: string) => ({ step: name[0] as Step, alter: name.slice(1) === '#' ? 1 : name.slice(1) === 'b' ? -1 : 0 });

// Expected pitches and figures are music21 10.3's, read from <harmony> elements of
// test/fixtures/corpus/scores/demos/ComprehensiveChordSymbolsTestFile.mxl (flats written "b" here).
const CASES: [string, ChordSymbolSpec, string, string][] = [
  ['a major triad', { root: root('C'), kind: 'major' }, 'C3 E3 G3', 'C'],
  ['a dominant seventh (MusicXML "dominant")', { root: root('G'), kind: 'dominant' }, 'G2 B2 D3 F3', 'G7'],
  ['a diminished seventh', { root: root('D'), kind: 'diminished-seventh' }, 'D3 F3 Ab3 Cb4', 'Do7'],
  ['a half-diminished seventh', { root: root('D'), kind: 'half-diminished' }, 'D3 F3 Ab3 C4', 'Dø7'],
  ['a thirteenth', { root: root('C#'), kind: 'dominant-13th' }, 'C#2 E#2 G#2 B2 D#3 F#3 A#3', 'C#13'],
  ['a first inversion', { root: root('C'), kind: 'major', bass: root('E') }, 'E3 G3 C4', 'C/E'],
  ['a seventh chord in third inversion', { root: root('C'), kind: 'major-seventh', bass: root('B') }, 'B2 C3 E3 G3', 'Cmaj7/B'],
  ['an eleventh over its ninth (fourth inversion)', { root: root('C'), kind: 'major-11th', bass: root('D') }, 'D2 F2 C3 E3 G3 B3', 'CM11/D'],
  ['a bass that is no inversion of a triad, added below', { root: root('C'), kind: 'major', bass: root('F') }, 'F2 C3 E3 G3', 'C/F'],
  ['a seventh over a foreign bass', { root: root('D'), kind: 'dominant', bass: root('B') }, 'B2 D3 F#3 A3 C4', 'D7/B'],
  ['an added second', { root: root('C'), kind: 'major', degrees: [{ value: 2, alter: 0, type: 'add' }] }, 'C3 D3 E3 G3', 'C add 2'],
  ['an omitted third', { root: root('C'), kind: 'dominant', degrees: [{ value: 3, alter: 0, type: 'subtract' }] }, 'C3 G3 Bb3', 'C7 subtract 3'],
  ['a Neapolitan, as music21 spells it', { root: root('C'), kind: 'Neapolitan' }, 'C3 Db3 E3 Gb3', 'CN6'],
  ['a kind music21 does not know: the root alone', { root: root('F'), kind: 'tristan' }, 'F3', 'F'],
];

describe('realizeChordSymbol', () => {
  it.each(CASES)('realizes %s as music21 does', (_, spec, pitches, figure) => {
    expect(realizeChordSymbol(spec).map(pitchName).join(' ')).toBe(pitches);
    expect(chordSymbolFigure(spec)).toBe(figure);
  });

  it('realizes N.C. as no pitches', () => {
    expect(realizeChordSymbol({ root: root('C'), kind: 'none' })).toEqual([]);
    expect(chordSymbolFigure({ root: root('C'), kind: 'none' })).toBe('N.C.');
  });

  it('sounds a written bass that no chord member spells (F𝄫/C has C natural under it, as music21 realizes it)', () => {
    const fDoubleFlatOverC = realizeChordSymbol({ root: { step: 'F', alter: -2 }, kind: 'major', bass: root('C') });
    expect(fDoubleFlatOverC.map(pitchName)).toEqual(['C3', 'Cbb3', 'Fbb3', 'Abb3']);
  });

  it('alters a degree the chord has, and adds one it lacks', () => {
    const sharpFive = realizeChordSymbol({ root: root('C'), kind: 'dominant', degrees: [{ value: 5, alter: 1, type: 'alter' }] });
    expect(sharpFive.map(pitchName)).toEqual(['C3', 'E3', 'G#3', 'Bb3']);
    const flatNine = realizeChordSymbol({ root: root('C'), kind: 'dominant', degrees: [{ value: 9, alter: -1, type: 'alter' }] });
    expect(flatNine.map((p) => p.pitchClass)).toContain(1);
  });
});

describe('parseChordSymbolFigure', () => {
  it.each([
    ['C', { root: { step: 'C', alter: 0 }, kind: 'major' }],
    ['F#m7', { root: { step: 'F', alter: 1 }, kind: 'minor-seventh' }],
    ['Bbmaj7/D', { root: { step: 'B', alter: -1 }, kind: 'major-seventh', bass: { step: 'D', alter: 0 } }],
    ['G7', { root: { step: 'G', alter: 0 }, kind: 'dominant-seventh' }],
    ['Dsus4', { root: { step: 'D', alter: 0 }, kind: 'suspended-fourth' }],
    ['Ebm7b5', { root: { step: 'E', alter: -1 }, kind: 'half-diminished-seventh' }],
  ] as const)('reads %s', (figure, spec) => {
    expect(parseChordSymbolFigure(figure)).toEqual(spec);
  });

  it('gives back the figure chordSymbolFigure writes, for every kind it abbreviates', () => {
    for (const figure of ['C', 'Dm', 'E+', 'Fdim', 'G7', 'Amaj7', 'Bm7', 'Co7', 'Dø7', 'E6', 'Fm6', 'G9', 'Asus2', 'Bbsus']) {
      expect(chordSymbolFigure(parseChordSymbolFigure(figure)!)).toBe(figure);
    }
  });

  it('reads nothing from what is not a chord symbol', () => {
    for (const text of ['H7', 'C7zz', '', '/E']) expect(parseChordSymbolFigure(text)).toBeUndefined();
  });
});
