import { describe, expect, it } from 'vitest';
import {
  describeInterval,
  fifthsOfInterval,
  intervalBetween,
  intervalFromFifths,
  intervalName,
  parseInterval,
  parsePitchName,
  transposePitch,
} from '../../src/core/interval.js';
import { pitch, pitchName } from '../../src/core/pitch.js';

const named = (name: string) => parsePitchName(name)!;
const up = (from: string, interval: string) => pitchName(transposePitch(named(from), parseInterval(interval)));

describe('intervals', () => {
  it('parses names into letter steps and semitones, with a minus for descending', () => {
    expect(parseInterval('M3')).toEqual({ steps: 2, semitones: 4 });
    expect(parseInterval('P5')).toEqual({ steps: 4, semitones: 7 });
    expect(parseInterval('m-2')).toEqual({ steps: -1, semitones: -1 });
    expect(parseInterval('-P4')).toEqual({ steps: -3, semitones: -5 });
    expect(parseInterval('A4')).toEqual({ steps: 3, semitones: 6 });
    expect(parseInterval('d5')).toEqual({ steps: 4, semitones: 6 });
    expect(parseInterval('M9')).toEqual({ steps: 8, semitones: 14 });
    expect(parseInterval('P8')).toEqual({ steps: 7, semitones: 12 });
    expect(parseInterval('d1')).toEqual({ steps: 0, semitones: -1 });
  });

  it('rejects names that are not intervals', () => {
    for (const bad of ['M5', 'P3', 'X2', '3', 'M0', '--M2', '-M-2', '']) expect(() => parseInterval(bad), bad).toThrow(RangeError);
  });

  it('names intervals back, so parsing and naming round-trip', () => {
    for (const name of ['P1', 'm2', 'M2', 'm3', 'M3', 'P4', 'A4', 'd5', 'P5', 'm6', 'M6', 'm7', 'M7', 'P8', 'M9', 'm-2', 'P-5', 'A-4', 'M-10']) {
      expect(intervalName(parseInterval(name))).toBe(name);
    }
    expect(describeInterval(parseInterval('M2'))).toBe('up a major second');
    expect(describeInterval(parseInterval('-P4'))).toBe('down a perfect fourth');
    expect(describeInterval(parseInterval('A4'))).toBe('up an augmented fourth');
  });

  it('transposes pitches keeping the spelling the interval implies', () => {
    expect(up('E4', 'M3')).toBe('G#4');
    expect(up('Bb3', 'A4')).toBe('E4');
    expect(up('C4', 'm-2')).toBe('B3');
    expect(up('B3', 'm2')).toBe('C4');
    expect(up('F#4', 'd5')).toBe('C5');
    expect(up('G4', 'M9')).toBe('A5');
    expect(up('C#4', 'A6')).toBe('A##4');
    expect(up('Db4', '-M3')).toBe('Bbb3');
    expect(transposePitch(named('E4'), parseInterval('M3')).midi).toBe(68);
  });

  it('measures the interval between two pitches, letters and semitones apart', () => {
    expect(intervalName(intervalBetween(named('E4'), named('G#4')))).toBe('M3');
    expect(intervalName(intervalBetween(named('E4'), named('Ab4')))).toBe('d4');
    expect(intervalName(intervalBetween(named('C5'), named('F4')))).toBe('P-5');
    expect(intervalName(intervalBetween(named('B#3'), named('C4')))).toBe('d2');
  });

  it('gives back the starting pitch after transposing up and down by the same interval', () => {
    for (const from of ['C4', 'F#3', 'Bb2', 'E5', 'Cb4', 'G##4']) {
      for (const interval of ['M2', 'A4', 'm6', 'd7', 'M10']) {
        const there = transposePitch(named(from), parseInterval(interval));
        const back = transposePitch(there, parseInterval(`-${interval}`));
        expect(pitchName(back)).toBe(pitchName(named(from)));
      }
    }
  });

  it('moves key signatures along the line of fifths', () => {
    expect(fifthsOfInterval(parseInterval('M2'))).toBe(2);
    expect(fifthsOfInterval(parseInterval('-P4'))).toBe(1);
    expect(fifthsOfInterval(parseInterval('m2'))).toBe(-5);
    expect(intervalFromFifths(2, 2)).toEqual({ steps: 1, semitones: 2 });
    expect(intervalFromFifths(-5, 1)).toEqual({ steps: 1, semitones: 1 });
    expect(intervalFromFifths(7, -11)).toEqual({ steps: -7, semitones: -11 });
    expect(() => intervalFromFifths(2, 3)).toThrow(RangeError);
  });

  it('reads pitch names with sharps, flats and music21 minus signs', () => {
    expect(parsePitchName('F#4')).toEqual(pitch('F', 1, 4));
    expect(parsePitchName('E-3')).toEqual(pitch('E', -1, 3));
    expect(parsePitchName('bb2')).toEqual(pitch('B', -1, 2));
    expect(parsePitchName('H4')).toBeUndefined();
  });
});
