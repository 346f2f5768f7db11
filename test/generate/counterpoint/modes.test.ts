import { describe, expect, it } from 'vitest';
import { pitchName } from '../../../src/core/pitch.js';
import { interval, intervalName, isConsonant, melodicFault } from '../../../src/generate/counterpoint/intervals.js';
import { inferModalKey, keyFifths, modalKey, scalePitch } from '../../../src/generate/counterpoint/modes.js';
import { parsePitchName, parsePitchNames } from '../../../src/generate/counterpoint/pitch-names.js';

const p = parsePitchName;

describe('modes', () => {
  it.each([
    ['D', 'dorian', 0],
    ['E', 'phrygian', 0],
    ['G', 'mixolydian', 0],
    ['Bb', 'dorian', -4],
    ['F#', 'minor', 3],
    ['F', 'lydian', 0],
    ['Eb', 'major', -3],
  ] as const)('gives %s %s a key signature of %i fifths', (tonic, mode, fifths) => {
    expect(keyFifths(modalKey(tonic, mode))).toBe(fifths);
  });

  it('spells the scale of G dorian with B flat and natural E', () => {
    const key = modalKey('G', 'dorian');
    const g4 = 4 * 7 + 4;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((step) => pitchName(scalePitch(key, g4 + step)))).toEqual(['G4', 'A4', 'Bb4', 'C5', 'D5', 'E5', 'F5', 'G5']);
  });

  it('infers the mode of a cantus firmus from its final and its notes', () => {
    expect(inferModalKey(parsePitchNames('D4 F4 E4 D4 G4 F4 A4 G4 F4 E4 D4'))).toMatchObject({ tonic: 'D', mode: 'dorian' });
    expect(inferModalKey(parsePitchNames('E4 C4 D4 C4 A3 A4 G4 E4 F4 E4'))).toMatchObject({ tonic: 'E', mode: 'phrygian' });
  });

  it('rejects a tonic it cannot read', () => {
    expect(() => modalKey('H', 'dorian')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('intervals', () => {
  it('counts intervals on the staff, so F–G# is an augmented second and F–Ab a minor third', () => {
    expect(intervalName(interval(p('F4'), p('G#4')))).toBe('A2');
    expect(intervalName(interval(p('F4'), p('Ab4')))).toBe('m3');
    expect(intervalName(interval(p('D4'), p('F#5')))).toBe('M10');
    expect(intervalName(interval(p('B4'), p('F4')))).toBe('A4');
  });

  it('treats the fourth as a dissonance and thirds, sixths and perfect fifths as consonances', () => {
    expect(isConsonant(interval(p('D4'), p('G4')))).toBe(false);
    expect(isConsonant(interval(p('D4'), p('B4')))).toBe(true);
    expect(isConsonant(interval(p('B3'), p('F4')))).toBe(false);
    expect(isConsonant(interval(p('D3'), p('A4')))).toBe(true);
  });

  it('allows the rising minor sixth but not the falling one, sevenths or tritones', () => {
    expect(melodicFault(p('E4'), p('C5'))).toBeUndefined();
    expect(melodicFault(p('C5'), p('E4'))).toMatch(/descending sixth/);
    expect(melodicFault(p('D4'), p('C5'))).toMatch(/seventh/);
    expect(melodicFault(p('F4'), p('B4'))).toMatch(/augmented/);
    expect(melodicFault(p('D4'), p('E5'))).toMatch(/more than an octave/);
  });

  it('reads pitch names with accidentals and refuses nonsense', () => {
    expect(p('Bb3').midi).toBe(58);
    expect(p('c#5').midi).toBe(73);
    expect(() => p('X4')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
