import { describe, expect, it } from 'vitest';
import { keySpellings, spellKey } from '../../src/analysis/key-spelling.js';
import { pitch, type Step } from '../../src/core/pitch.js';

const spelled = (names: string) =>
  names.split(' ').map((name) => pitch(name[0] as Step, name.slice(1) === '#' ? 1 : name.slice(1) === 'b' ? -1 : 0, 4));

describe('key spelling', () => {
  it('offers every spelling of a key with at most seven sharps or flats', () => {
    expect(keySpellings(1, 'major').map((key) => [key.name, key.fifths])).toEqual([['Db major', -5], ['C# major', 7]]);
    expect(keySpellings(11, 'major').map((key) => key.name)).toEqual(['Cb major', 'B major']);
    expect(keySpellings(8, 'major').map((key) => key.name)).toEqual(['Ab major']);
    expect(keySpellings(8, 'minor').map((key) => key.name)).toEqual(['Ab minor', 'G# minor']);
    expect(keySpellings(3, 'minor').map((key) => key.name)).toEqual(['Eb minor', 'D# minor']);
    expect(keySpellings(10, 'minor').map((key) => key.name)).toEqual(['Bb minor', 'A# minor']);
  });

  it('spells D♭ major from notes written with flats, C♯ major from notes written with sharps', () => {
    expect(spellKey(1, 'major', spelled('Db F Ab Gb Bb Eb C Db')).name).toBe('Db major');
    expect(spellKey(1, 'major', spelled('C# E# G# F# A# D# B# C#')).name).toBe('C# major');
    expect(spellKey(6, 'major', spelled('Gb Bb Db Cb Eb Ab F')).name).toBe('Gb major');
    expect(spellKey(8, 'minor', spelled('G# B D# C# E F## G#')).name).toBe('G# minor');
  });

  it('falls back on the key signature when there are no notes, then on fewer accidentals', () => {
    expect(spellKey(6, 'major', [], 6).name).toBe('F# major');
    expect(spellKey(6, 'major', [], -6).name).toBe('Gb major');
    expect(spellKey(1, 'major', []).name).toBe('Db major');
  });
});
