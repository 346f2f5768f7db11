import { describe, expect, it } from 'vitest';
import { findRoot } from '../../src/analysis/chord-steps.js';
import { parseKeyName, romanFigure } from '../../src/analysis/roman.js';
import { pitch, pitchName, type Step } from '../../src/core/pitch.js';

/** "F#4" → the pitch; "B-3" and "Bb3" both flat */
function parse(name: string) {
  const match = /^([A-G])(#*|b*|-*)(\d)$/.exec(name)!;
  const alter = match[2]!.startsWith('#') ? match[2]!.length : -match[2]!.length;
  return pitch(match[1] as Step, alter, Number(match[3]));
}
const chord = (names: string) => names.split(' ').map(parse);

// Expected figures are music21 10.3's romanNumeralFromChord for the same pitches and key.
const CASES: [string, string, string][] = [
  ['C4 E4 G4', 'C major', 'I'],
  ['E3 G3 C4', 'C major', 'I6'],
  ['G3 C4 E4', 'C major', 'I64'],
  ['G3 B3 D4 F4', 'C major', 'V7'],
  ['B3 D4 F4 G4', 'C major', 'V65'],
  ['D4 F4 G4 B4', 'C major', 'V43'],
  ['F3 G3 B3 D4', 'C major', 'V42'],
  ['B3 D4 F4', 'C major', 'viio'],
  ['B3 D4 F4 A4', 'C major', 'viiø7'],
  ['D4 F4 A4 C5', 'C major', 'ii7'],
  ['G#3 B3 D4 F4', 'A minor', 'viio7'],
  ['E3 G#3 B3', 'A minor', 'V'],
  ['F3 A3 C4', 'A minor', 'bVI'],
  ['G3 B3 D4', 'A minor', 'bVII'],
  ['C3 Eb3 G3', 'C major', 'i'],
  ['Ab3 C4 Eb4', 'C major', 'bVI'],
  ['D3 F#3 A3 C4', 'C major', 'II75#3'],
  ['C#4 E4 G4 Bb4', 'C major', '#io7'],
  ['Ab3 C4 F#4', 'C major', 'It6'],
  ['C4 E4 G#4', 'C major', 'I+'],
  ['D4 F4 A4 C#5', 'D minor', 'i#7'],
  ['C3 B3 D4 G4', 'G major', 'I752'],
  ['B2 C4 E4 G4', 'G major', 'IV42'],
];

describe('romanFigure', () => {
  it.each(CASES)('names %s in %s as music21 does: %s', (pitches, key, figure) => {
    expect(romanFigure(chord(pitches), parseKeyName(key))).toBe(figure);
  });

  it('gives no figure for silence', () => {
    expect(romanFigure([], parseKeyName('C major'))).toBe('');
  });

  it('reads key names with sharps and flats either way', () => {
    expect(parseKeyName('B- minor')).toEqual({ tonic: { step: 'B', alter: -1 }, mode: 'minor' });
    expect(parseKeyName('F# major')).toEqual({ tonic: { step: 'F', alter: 1 }, mode: 'major' });
    expect(() => parseKeyName('H dur')).toThrow(RangeError);
  });
});

describe('findRoot', () => {
  it('finds the root of a stack of thirds in any inversion and doubling', () => {
    expect(pitchName(findRoot(chord('E3 G3 C4 E4')))).toBe('C4');
    expect(pitchName(findRoot(chord('F3 G3 B3 D4')))).toBe('G3');
  });

  it('weighs thirds and fifths when the letters are no stack of thirds (music21 10.3 gives the same)', () => {
    expect(pitchName(findRoot(chord('C4 D4 G4')))).toBe('C4');
    expect(pitchName(findRoot(chord('C4 F4 G4')))).toBe('F4');
    expect(pitchName(findRoot(chord('D4 E4 A4 B4')))).toBe('B4');
  });
});
