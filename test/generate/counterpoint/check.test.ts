import { describe, expect, it } from 'vitest';
import { checkCounterpoint } from '../../../src/generate/counterpoint/check.js';
import type { Exercise, LineNote, Placement, Species } from '../../../src/generate/counterpoint/exercise.js';
import { modalKey } from '../../../src/generate/counterpoint/modes.js';
import { parsePitchNames } from '../../../src/generate/counterpoint/pitch-names.js';
import { D_DORIAN, FUX_DORIAN, inBars, syncopations, wholeNotes } from './examples.js';

function rules(species: Species, placement: Placement, counterpoint: LineNote[], cantus = FUX_DORIAN, key = D_DORIAN): string[] {
  const exercise: Exercise = { key, species, placement, cantus, counterpoint };
  return checkCounterpoint(exercise).map((found) => found.rule);
}

/** the fourth-species line below, tied notes then a cadence that breaks the species for one bar */
const FOURTH_TIED = 'A4 D5 C5 B4 E5 D5 C5 B4';
const FOURTH_CADENCE = [['A4', 68, 4], ['B4', 72, 4], ['C#5', 76, 4], ['D5', 80, 8]] as const;

describe('checkCounterpoint on examples that follow the rules', () => {
  it("passes Fux's first-species counterpoint above the dorian cantus (Gradus, fig. 5)", () => {
    expect(rules(1, 'above', wholeNotes('A4 A4 G4 A4 B4 C5 C5 B4 D5 C#5 D5'))).toEqual([]);
  });

  // The following are written for these tests in the textbook manner and checked by hand, rule by rule.
  it('passes a first-species line below the dorian cantus, closing C#–D into the unison', () => {
    expect(rules(1, 'below', wholeNotes('D3 A3 G3 F3 E3 D3 F3 G3 A3 C#4 D4'))).toEqual([]);
  });

  it('passes a second-species line with passing dissonances on weak beats', () => {
    expect(rules(2, 'above', inBars('D5|C5 A4|G4 A4|B4 A4|B4 D5|A4 B4|C5 E5|G5 E5|D5 A4|B4 C#5|D5', 4))).toEqual([]);
  });

  it('passes a third-species line with passing tones and a neighbour in the cadence', () => {
    const line = inBars('A4 B4 C5 D5|A4 B4 C5 A4|G4 A4 B4 C5|D5 C5 B4 A4|B4 C5 D5 E5|D5 C5 B4 A4|C5 A4 B4 C5|D5 C5 B4 G4|A4 C5 B4 A4|B4 C#5 D5 C#5|D5');
    expect(rules(3, 'above', line)).toEqual([]);
  });

  it('passes a fourth-species chain of 7–6 and 4–3 suspensions', () => {
    expect(rules(4, 'above', syncopations(FOURTH_TIED, FOURTH_CADENCE))).toEqual([]);
  });

  it('passes a counterpoint in a mode whose half step lies above the final (phrygian, no ficta)', () => {
    // cantus: Fux's phrygian; E–F–E needs no raised note: the cantus has the half step
    const cantus = parsePitchNames('E4 C4 D4 C4 A3 A4 G4 E4 F4 E4');
    const line = wholeNotes('B4 C5 B4 A4 C5 C5 E5 G5 D5 E5');
    expect(rules(1, 'above', line, cantus, modalKey('E', 'phrygian'))).toEqual([]);
  });
});

describe('checkCounterpoint names the one rule an example breaks', () => {
  it.each([
    ['parallel-fifths', 1, 'above', wholeNotes('A4 C5 G4 A4 B4 C5 C5 B4 D5 C#5 D5')],
    ['parallel-fifths', 2, 'above', inBars('A4|D5 C5|B4 G4|F4 A4|B4 D5|A4 B4|C5 E5|G5 E5|D5 A4|B4 C#5|D5', 4)],
    ['parallel-octaves', 1, 'below', wholeNotes('D3 F3 G3 F3 E3 D3 F3 G3 A3 C#4 D4')],
    ['hidden-octaves', 1, 'below', wholeNotes('D3 A3 G3 D3 E3 D3 F3 G3 A3 C#4 D4')],
    ['hidden-fifths', 1, 'above', wholeNotes('A4 A4 C5 A4 B4 C5 C5 B4 D5 C#5 D5')],
    ['dissonant-downbeat', 1, 'above', wholeNotes('A4 G4 G4 A4 B4 C5 C5 B4 D5 C#5 D5')],
    ['dissonant-downbeat', 2, 'above', inBars('D5|C5 A4|G4 A4|B4 A4|B4 D5|A4 B4|C5 E5|F5 E5|D5 A4|B4 C#5|D5', 4)],
    ['dissonance-not-passing', 2, 'above', inBars('D5|C5 B4|G4 A4|B4 A4|B4 D5|A4 B4|C5 E5|G5 E5|D5 A4|B4 C#5|D5', 4)],
    ['accent-parallels', 3, 'above', inBars('A4 B4 C5 D5|C5 B4 C5 A4|G4 A4 B4 C5|D5 C5 B4 A4|B4 C5 D5 E5|D5 C5 B4 A4|C5 A4 B4 C5|D5 C5 B4 G4|A4 C5 B4 A4|B4 C#5 D5 C#5|D5')],
    ['voice-crossing', 3, 'above', inBars('A4 B4 C5 D5|A4 B4 C5 A4|G4 A4 B4 C5|D5 C5 B4 A4|B4 C5 D5 E5|D5 C5 B4 A4|F4 A4 B4 C5|D5 C5 B4 G4|A4 C5 B4 A4|B4 C#5 D5 C#5|D5')],
    ['unresolved-suspension', 4, 'above', syncopations('A4 F4 C5 B4 E5 D5 C5 B4', FOURTH_CADENCE)],
    ['unprepared-suspension', 4, 'above', syncopations('A4 G4 C5 B4 E5 D5 C5 B4', FOURTH_CADENCE)],
    ['forbidden-leap', 1, 'above', wholeNotes('A4 A4 G4 A4 B4 C5 C5 B4 C5 C#5 D5')],
    ['leap-not-recovered', 1, 'above', wholeNotes('A5 A4 G4 A4 B4 C5 C5 B4 D5 C#5 D5')],
    ['repeated-note', 2, 'above', inBars('D5|C5 C5|G4 A4|B4 A4|B4 D5|A4 B4|C5 E5|G5 E5|D5 A4|B4 C#5|D5', 4)],
    ['climax-repeated', 1, 'above', wholeNotes('A4 A4 G4 A4 B4 D5 C5 B4 D5 C#5 D5')],
    ['climax-coincides', 2, 'above', inBars('D5|C5 A4|G4 A4|B4 A4|B4 D5|A4 B4|C5 E5|B4 C5|D5 A4|B4 C#5|D5', 4)],
    ['unison-in-middle', 1, 'above', wholeNotes('A4 F4 G4 A4 B4 C5 C5 B4 D5 C#5 D5')],
    ['parallel-thirds-sixths', 1, 'above', wholeNotes('A4 A4 G4 A4 B4 A4 C5 B4 D5 C#5 D5')],
    ['start-interval', 1, 'above', wholeNotes('F4 A4 G4 A4 B4 C5 C5 B4 D5 C#5 D5')],
    ['end-interval', 1, 'above', wholeNotes('A4 A4 G4 A4 B4 C5 C5 B4 D5 E5 F5')],
    ['final-approach', 1, 'below', wholeNotes('D3 A3 G3 F3 E3 D3 F3 G3 A3 G3 D4')],
    ['leading-tone', 1, 'above', wholeNotes('A4 A4 G4 A4 B4 C5 C5 B4 D5 C5 D5')],
    ['foreign-note', 1, 'above', wholeNotes('D4 A4 G#4 A4 B4 C5 C5 B4 D5 C#5 D5')],
  ] as const)('reports %s (species %i, %s)', (rule, species, placement, line) => {
    expect(rules(species, placement, [...line])).toEqual([rule]);
  });

  it('places a finding at the bar and note where the fault is', () => {
    const exercise: Exercise = { key: D_DORIAN, species: 1, placement: 'above', cantus: FUX_DORIAN, counterpoint: wholeNotes('A4 C5 G4 A4 B4 C5 C5 B4 D5 C#5 D5') };
    const [found] = checkCounterpoint(exercise);
    expect(found).toMatchObject({ rule: 'parallel-fifths', measure: 2, note: 1 });
    expect(found!.message).toMatch(/fifths/);
  });

  it('calls a suspension of a second resolving into the unison weak (2–1 above)', () => {
    const cantus = parsePitchNames('C4 D4 C4 B3 C4');
    const line = syncopations('G4 D4 C4', [['C4', 28, 4], ['C4', 32, 8]]);
    expect(rules(4, 'above', line, cantus, modalKey('C', 'major'))).toContain('bad-suspension');
  });

  it('does not pass an empty counterpoint', () => {
    expect(rules(1, 'above', [])).toEqual(['rhythm']);
  });

  it('wants fifth-species eighth notes approached and left by step', () => {
    const [d5, c5, b4, g4, a4] = parsePitchNames('D5 C5 B4 G4 A4');
    const bar = (pitch: typeof d5, start: number, duration: number) => ({ pitch: pitch!, start, duration });
    const line = [bar(d5, 4, 4), bar(c5, 8, 4), bar(b4, 12, 2), bar(a4, 14, 1), bar(g4, 15, 1)];
    const fine = checkCounterpoint({ key: D_DORIAN, species: 5, placement: 'above', cantus: FUX_DORIAN, counterpoint: line }, { partial: true });
    expect(fine.map((found) => found.rule)).not.toContain('eighth-notes');
    const leaping = [...line.slice(0, 4), bar(d5, 15, 1)];
    const wrong = checkCounterpoint({ key: D_DORIAN, species: 5, placement: 'above', cantus: FUX_DORIAN, counterpoint: leaping }, { partial: true });
    expect(wrong.map((found) => found.rule)).toContain('eighth-notes');
  });

  it('leaves the ending unjudged while a line is still being written (partial)', () => {
    const exercise: Exercise = { key: D_DORIAN, species: 1, placement: 'above', cantus: FUX_DORIAN, counterpoint: wholeNotes('A4 A4 G4 A4') };
    expect(checkCounterpoint(exercise, { partial: true })).toEqual([]);
    expect(checkCounterpoint(exercise).map((found) => found.rule)).toContain('end-interval');
  });
});
