import { describe, expect, it } from 'vitest';
import { pitchName } from '../../../src/core/pitch.js';
import { checkCantusFirmus, generateCantusFirmus } from '../../../src/generate/counterpoint/cantus-firmus.js';
import { interval } from '../../../src/generate/counterpoint/intervals.js';
import { MODES, modalKey, scaleDegree } from '../../../src/generate/counterpoint/modes.js';
import { parsePitchNames } from '../../../src/generate/counterpoint/pitch-names.js';

const TONICS = ['D', 'E', 'F', 'G', 'A', 'C', 'Bb', 'F#', 'Eb'];

describe('checkCantusFirmus', () => {
  it.each([
    ['D', 'dorian', 'D4 F4 E4 D4 G4 F4 A4 G4 F4 E4 D4'],
    ['E', 'phrygian', 'E4 C4 D4 C4 A3 A4 G4 E4 F4 E4'],
    ['A', 'aeolian', 'A3 C4 B3 D4 C4 E4 F4 E4 D4 C4 B3 A3'],
    ['C', 'ionian', 'C4 E4 F4 G4 E4 A4 G4 E4 F4 E4 D4 C4'],
  ] as const)("passes Fux's %s %s cantus firmus", (tonic, mode, notes) => {
    expect(checkCantusFirmus(modalKey(tonic, mode), parsePitchNames(notes))).toEqual([]);
  });

  it.each([
    ['cf-repeated-note', 'D4 F4 F4 E4 G4 F4 A4 G4 F4 E4 D4'],
    ['cf-forbidden-leap', 'D4 F4 E4 D4 G4 F4 B4 A4 G4 F4 E4 D4'],
    ['cf-leap-not-recovered', 'D4 F4 E4 D4 G4 A4 G4 F4 E4 D4'],
    ['cf-climax', 'D4 F4 E4 D4 A4 G4 A4 G4 F4 E4 D4'],
    ['cf-penultimate', 'D4 F4 E4 D4 G4 F4 A4 G4 F4 E4 C4 D4'],
    ['cf-end', 'D4 F4 E4 D4 G4 F4 A4 G4 F4 E4'],
    ['cf-range', 'D4 F4 E4 D4 G4 F4 A4 C5 B4 G5 F5 E5 D5 C5 B4 A4 G4 F4 E4 D4'],
  ])('reports %s', (rule, notes) => {
    expect(checkCantusFirmus(modalKey('D', 'dorian'), parsePitchNames(notes)).map((found) => found.rule)).toEqual([rule]);
  });
});

describe('generateCantusFirmus', () => {
  it('writes 50 cantus firmi, in every mode and on many tonics, that pass the cantus rules', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const key = modalKey(TONICS[seed % TONICS.length]!, MODES[seed % MODES.length]!);
      const length = 8 + (seed % 9);
      const cantus = generateCantusFirmus(key, length, seed);
      expect(cantus, `seed ${seed}: ${cantus.map(pitchName).join(' ')}`).toHaveLength(length);
      expect(checkCantusFirmus(key, cantus), `seed ${seed}: ${cantus.map(pitchName).join(' ')}`).toEqual([]);
      // the frame, checked here directly rather than through the checker
      expect(scaleDegree(key, cantus[0]!)).toBe(0);
      expect(cantus[length - 1]!.midi).toBe(cantus[0]!.midi);
      expect(interval(cantus[length - 2]!, cantus[length - 1]!).generic).toBe(1);
      const steps = cantus.slice(1).filter((note, index) => interval(cantus[index]!, note).generic === 1).length;
      expect(steps / (length - 1)).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('gives the same cantus for the same seed and different ones for different seeds', () => {
    const key = modalKey('G', 'mixolydian');
    const names = (seed: number) => generateCantusFirmus(key, 12, seed).map(pitchName).join(' ');
    expect(names(9)).toBe(names(9));
    expect(new Set([1, 2, 3, 4, 5].map(names)).size).toBeGreaterThan(1);
  });

  it('refuses lengths outside 8 to 16 notes', () => {
    expect(() => generateCantusFirmus(modalKey('D', 'dorian'), 7, 1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => generateCantusFirmus(modalKey('D', 'dorian'), 17, 1)).toThrow(/8 to 16/);
  });
});
