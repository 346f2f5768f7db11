import { describe, expect, it } from 'vitest';
import { readRomanLabel } from '../../src/analysis/roman-label.js';

const label = (figure: string, key: string) => {
  const read = readRomanLabel(figure, key);
  return read && [read.primaryDegree, read.secondaryDegree, read.root, read.quality, read.inversion];
};

describe('readRomanLabel', () => {
  it('reads degree, root, quality and inversion of plain numerals', () => {
    expect(label('I', 'C major')).toEqual(['I', 'I', 'C', 'major', 0]);
    expect(label('V65', 'C major')).toEqual(['V', 'I', 'G', 'dominant seventh', 1]);
    expect(label('V6/5', 'C major')).toEqual(label('V65', 'C major'));
    expect(label('ii43', 'Db major')).toEqual(['II', 'I', 'Eb', 'minor seventh', 2]);
    expect(label('IV7', 'F major')).toEqual(['IV', 'I', 'Bb', 'major seventh', 0]);
    expect(label('viiø42', 'C major')).toEqual(['VII', 'I', 'B', 'half-diminished seventh', 3]);
  });

  it('reads minor keys as music21 does: the case of vi and vii picks the raised or natural degree', () => {
    expect(label('viio7', 'A minor')).toEqual(['VII', 'I', 'G#', 'diminished seventh', 0]);
    expect(label('VII', 'A minor')).toEqual(['bVII', 'I', 'G', 'major', 0]);
    expect(label('VI6', 'A minor')).toEqual(['VI', 'I', 'F', 'major', 1]);
    expect(label('V7', 'A minor')).toEqual(['V', 'I', 'E', 'dominant seventh', 0]);
    expect(label('iv64', 'C# minor')).toEqual(['IV', 'I', 'F#', 'minor', 2]);
  });

  it('reads applied chords in the key they tonicize', () => {
    expect(label('V7/V', 'C major')).toEqual(['V', 'V', 'D', 'dominant seventh', 0]);
    expect(label('viio7/ii', 'C major')).toEqual(['VII', 'II', 'C#', 'diminished seventh', 0]);
    expect(label('V/V/V', 'C major')?.[2]).toBe('A');
  });

  it('reads Neapolitan, cadential six-four and augmented sixths by name', () => {
    expect(label('N6', 'C minor')).toEqual(label('bII6', 'C minor'));
    expect(label('N6', 'C minor')).toEqual(['bII', 'I', 'Db', 'major', 1]);
    expect(label('Cad64', 'G major')).toEqual(['I', 'I', 'G', 'major', 2]);
    expect(label('Ger65', 'C major')).toEqual(['Ger', 'I', 'Ab', 'German sixth', 0]);
    expect(label('Fr43', 'A minor')).toEqual(['Fr', 'I', 'F', 'French sixth', 0]);
    expect(label('It6', 'C major')?.[3]).toBe('Italian sixth');
  });

  it('ignores omission marks and refuses what is not a numeral', () => {
    expect(label('V7[no5]', 'C major')).toEqual(label('V7', 'C major'));
    expect(label('vi64m19-20', 'C major')?.[0]).toBe('VI');
    expect(label('xyz', 'C major')).toBeUndefined();
    expect(label('I', 'H major')).toBeUndefined();
  });
});
