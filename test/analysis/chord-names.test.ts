import { describe, expect, it } from 'vitest';
import { nameChord } from '../../src/analysis/chord-names.js';
import { pitch, type Step } from '../../src/core/pitch.js';

const chord = (names: string) =>
  names.split(' ').map((name) => pitch(name[0] as Step, name.includes('#') ? 1 : name.includes('b') ? -1 : 0, Number(name.at(-1))));

describe('nameChord', () => {
  it.each([
    ['C4 E4 G4', 'C-major triad', 0],
    ['E3 G3 C4', 'C-major triad', 1],
    ['F#3 A3 D4 C5', 'D-dominant seventh chord', 1],
    ['B3 D4 F4 Ab4', 'B-diminished seventh chord', 0],
    ['D3 F3 A3 C4', 'D-minor seventh chord', 0],
  ] as const)('names %s a %s in inversion %i', (pitches, name, inversion) => {
    expect(nameChord(chord(pitches))).toMatchObject({ pitchedCommonName: name, inversion });
  });

  it('falls back to the pitches for sets without a common name', () => {
    expect(nameChord(chord('C4 C#4 D4'))).toMatchObject({ commonName: 'other', pitchedCommonName: 'C4 C#4 D4' });
  });
});
