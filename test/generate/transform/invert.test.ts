import { describe, expect, it } from 'vitest';
import { parsePitchName } from '../../../src/core/interval.js';
import { heardNotes } from '../../../src/core/notes.js';
import { pitchName } from '../../../src/core/pitch.js';
import { firstNote, invertScore } from '../../../src/generate/transform/invert.js';
import { chorale, noteList } from './chorales.js';

const bwv66 = chorale('bwv66.6');
const sopranoNames = (score: typeof bwv66) => heardNotes(score.parts[0]!).slice(0, 6).map((note) => pitchName(note.pitch));

describe('inversion', () => {
  it('mirrors exact intervals around the axis, spelling each mirrored interval', () => {
    // the soprano of bwv66.6 (F# minor) opens C#5 B4 A4 B4 C#5 E5
    expect(sopranoNames(bwv66)).toEqual(['C#5', 'B4', 'A4', 'B4', 'C#5', 'E5']);
    const inverted = invertScore(bwv66, { axis: parsePitchName('C#5')! });
    // M2 below → M2 above (D#5), M3 below → M3 above (E#5, not F5), m3 above → m3 below (A#4, not Bb4)
    expect(sopranoNames(inverted)).toEqual(['C#5', 'D#5', 'E#5', 'D#5', 'C#5', 'A#4']);
  });

  it('keeps the rhythm: every note starts and ends where it did', () => {
    const inverted = invertScore(bwv66);
    const times = (score: typeof bwv66) => noteList(score).map((part) => part.map((entry) => entry.split(':')[0]));
    expect(times(inverted)).toEqual(times(bwv66));
  });

  it('mirrors around the first note by default, which therefore stays put', () => {
    expect(pitchName(firstNote(bwv66)!)).toBe('C#5');
    const inverted = invertScore(bwv66);
    expect(pitchName(firstNote(inverted)!)).toBe('C#5');
    expect(inverted.metadata.title).toMatch(/\(inverted around C#5\)$/);
  });

  it('gives the original back when inverted twice, chromatically or diatonically', () => {
    expect(noteList(invertScore(invertScore(bwv66)))).toEqual(noteList(bwv66));
    const axis = parsePitchName('F#4')!;
    expect(noteList(invertScore(invertScore(bwv66, { axis, diatonic: true }), { axis, diatonic: true }))).toEqual(noteList(bwv66));
    expect(invertScore(invertScore(bwv66, { axis }), { axis }).parts.map((part) => part.measures[0]!.keys)).toEqual(bwv66.parts.map((part) => part.measures[0]!.keys));
  });

  it('mirrors letter steps within the key in diatonic inversion, keeping the signature', () => {
    const inverted = invertScore(bwv66, { axis: parsePitchName('C#5')!, diatonic: true });
    // in F# minor's signature: a step below C#5 (B4) mirrors to a step above (D5), A4 to E5, E5 to A4
    expect(sopranoNames(inverted)).toEqual(['C#5', 'D5', 'E5', 'D5', 'C#5', 'A4']);
    expect(inverted.parts[0]!.measures[0]!.keys).toEqual(bwv66.parts[0]!.measures[0]!.keys);
  });

  it('mirrors the key signature in chromatic inversion (three sharps around C become seven flats)', () => {
    const inverted = invertScore(bwv66, { axis: parsePitchName('C4')! });
    // three sharps around C: 2·0 − 3 − 4 = −7
    expect(inverted.parts[0]!.measures[0]!.keys?.[0]?.value.fifths).toBe(-7);
  });
});
