import { describe, expect, it } from 'vitest';
import { pitchName } from '../../../src/core/pitch.js';
import { generateCantusFirmus } from '../../../src/generate/counterpoint/cantus-firmus.js';
import { checkCounterpoint } from '../../../src/generate/counterpoint/check.js';
import { BAR, type Placement, type Species } from '../../../src/generate/counterpoint/exercise.js';
import { generateCounterpoint } from '../../../src/generate/counterpoint/generate.js';
import { interval, isConsonant } from '../../../src/generate/counterpoint/intervals.js';
import { MODES, modalKey } from '../../../src/generate/counterpoint/modes.js';
import { harmonicInterval } from '../../../src/generate/counterpoint/verticals.js';
import { D_DORIAN, FUX_DORIAN } from './examples.js';

const TONICS = ['D', 'E', 'F', 'G', 'A', 'C', 'Bb', 'F#', 'Eb'];
const SPECIES: Species[] = [1, 2, 3, 4, 5];

/** the note values each species allows before the final whole note, checked apart from the checker */
const VALUES: Readonly<Record<Species, readonly number[]>> = { 1: [8], 2: [4], 3: [2], 4: [4, 8], 5: [1, 2, 4, 8] };

describe.each(SPECIES)('species %i', (species) => {
  it('writes counterpoints that pass the checker for 50 generated cantus firmi, above and below', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const key = modalKey(TONICS[seed % TONICS.length]!, MODES[(seed * 3) % MODES.length]!);
      const cantus = generateCantusFirmus(key, 8 + (seed % 9), seed);
      const placement: Placement = seed % 2 === 0 ? 'above' : 'below';
      const { exercise } = generateCounterpoint({ key, cantus, placement, species, seed });
      const label = `seed ${seed}, ${placement} ${cantus.map(pitchName).join(' ')}: ${exercise.counterpoint.map((note) => pitchName(note.pitch)).join(' ')}`;
      expect(checkCounterpoint(exercise), label).toEqual([]);

      // a few facts checked without the checker: the line fills the cantus in its species' values …
      const line = exercise.counterpoint;
      const final = line[line.length - 1]!;
      expect(final.start, label).toBe((cantus.length - 1) * BAR);
      expect(final.duration).toBe(BAR);
      for (const note of line.slice(0, -1)) expect(VALUES[species], label).toContain(note.duration);
      line.slice(1).forEach((note, index) => expect(note.start).toBe(line[index]!.start + line[index]!.duration));
      // … ends on the final's pitch class, every note struck on a downbeat is consonant, and it stays on its side
      expect(final.pitch.pitchClass).toBe(cantus[cantus.length - 1]!.pitchClass);
      for (const note of line) {
        const against = cantus[Math.floor(note.start / BAR)]!;
        if (note.start % BAR === 0) expect(isConsonant(harmonicInterval({ placement }, against, note.pitch)), label).toBe(true);
        expect(placement === 'above' ? note.pitch.midi >= against.midi : note.pitch.midi <= against.midi, label).toBe(true);
      }
    }
  });
});

describe('generateCounterpoint', () => {
  it('ties the syncopations of fourth species over the barline most of the time', () => {
    const { exercise } = generateCounterpoint({ key: D_DORIAN, cantus: FUX_DORIAN, placement: 'above', species: 4, seed: 3 });
    const tied = exercise.counterpoint.filter((note) => note.start % BAR === BAR / 2 && note.duration === BAR).length;
    expect(tied).toBeGreaterThanOrEqual(FUX_DORIAN.length / 2);
  });

  it('gives the same line for the same seed, and different lines for different seeds', () => {
    const names = (seed: number) =>
      generateCounterpoint({ key: D_DORIAN, cantus: FUX_DORIAN, placement: 'below', species: 5, seed })
        .exercise.counterpoint.map((note) => `${pitchName(note.pitch)}/${note.duration}`)
        .join(' ');
    expect(names(11)).toBe(names(11));
    expect(new Set([1, 2, 3, 4, 5, 6].map(names)).size).toBeGreaterThan(3);
  });

  it('uses the raised leading tone at a dorian cadence', () => {
    const { exercise } = generateCounterpoint({ key: D_DORIAN, cantus: FUX_DORIAN, placement: 'above', species: 1, seed: 1 });
    const line = exercise.counterpoint;
    const penultimate = line[line.length - 2]!;
    expect(pitchName(penultimate.pitch).startsWith('C#')).toBe(true);
    expect(interval(penultimate.pitch, line[line.length - 1]!.pitch).semitones).toBe(1);
  });

  it('refuses a cantus firmus that is too short or too long, and species outside 1 to 5', () => {
    const call = (cantusLength: number, species = 1) => () =>
      generateCounterpoint({ key: D_DORIAN, cantus: [...Array(cantusLength - 1).fill(FUX_DORIAN[1]!), FUX_DORIAN[0]!], placement: 'above', species: species as Species, seed: 1 });
    expect(call(3)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(call(33)).toThrow(/4 to 32/);
    expect(call(11, 6)).toThrow(/Species is 1 to 5/);
  });

  it('refuses a cantus firmus that does not end on the final of its mode', () => {
    expect(() => generateCounterpoint({ key: D_DORIAN, cantus: FUX_DORIAN.slice(0, -1), placement: 'above', species: 1, seed: 1 })).toThrow(/final/);
  });

  it('gives up with LIMIT_EXCEEDED, not an endless search, when the step bound is too small', () => {
    expect(() => generateCounterpoint({ key: D_DORIAN, cantus: FUX_DORIAN, placement: 'above', species: 3, seed: 1, maxSteps: 10 })).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED' }),
    );
  });
});
