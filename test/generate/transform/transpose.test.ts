import { describe, expect, it } from 'vitest';
import { analyzeKey } from '../../../src/analysis/key.js';
import { parseInterval } from '../../../src/core/interval.js';
import { heardNotes } from '../../../src/core/notes.js';
import { buildScore } from '../../../src/core/build-score.js';
import { chordSymbolFigure, realizeChordSymbol } from '../../../src/core/chord-symbol.js';
import { pitch, pitchName } from '../../../src/core/pitch.js';
import { rational, ZERO } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { writeMusicXml } from '../../../src/formats/musicxml/write.js';
import { readScore } from '../../../src/formats/read-score.js';
import { transposeBySemitones, transposeScore, transposeToKey } from '../../../src/generate/transform/transpose.js';
import { chorale, noteList } from './chorales.js';

const bwv66 = chorale('bwv66.6');

function firstKey(score: typeof bwv66): number | undefined {
  return score.parts[0]!.measures[0]!.keys?.[0]?.value.fifths;
}

describe('transposition', () => {
  it('moves a chorale up a major second with correct spelling and key signature, and back down to the original', () => {
    const up = transposeScore(bwv66, parseInterval('M2'));
    expect(firstKey(bwv66)).toBe(3);
    expect(firstKey(up)).toBe(5);
    const firstSoprano = heardNotes(bwv66.parts[0]!)[0]!.pitch;
    const movedSoprano = heardNotes(up.parts[0]!)[0]!.pitch;
    expect(pitchName(firstSoprano)).toBe('C#5');
    expect(pitchName(movedSoprano)).toBe('D#5');
    const back = transposeScore(up, parseInterval('-M2'));
    expect(noteList(back)).toEqual(noteList(bwv66));
    expect(back.parts).toEqual(bwv66.parts);
  });

  it('moves the detected key with the music', () => {
    expect(analyzeKey(bwv66).name).toBe('F# minor');
    expect(analyzeKey(transposeScore(bwv66, parseInterval('M2'))).name).toBe('G# minor');
    expect(analyzeKey(transposeScore(bwv66, parseInterval('-P4'))).name).toBe('C# minor');
  });

  it('turns a one-sharp score into three sharps up a major second, and moves signatures by the interval', () => {
    const inE = transposeScore(bwv66, parseInterval('-M2'));
    expect(firstKey(inE)).toBe(1);
    expect(firstKey(transposeScore(inE, parseInterval('M2')))).toBe(3);
    expect(firstKey(transposeScore(bwv66, parseInterval('-M3')))).toBe(-1);
    expect(firstKey(transposeScore(bwv66, parseInterval('-M6')))).toBe(0);
    expect(firstKey(transposeScore(bwv66, parseInterval('-m3')))).toBe(6);
  });

  it('titles the result after what was done', () => {
    const up = transposeScore(bwv66, parseInterval('M2'));
    expect(up.metadata.title).toMatch(/\(transposed up a major second\)$/);
    expect(up.metadata.sourceFormat).toBe('generated');
  });

  it('spells a semitone transposition in the key signature with the fewest accidentals', () => {
    const up1 = transposeBySemitones(bwv66, 1);
    // F# minor (3 sharps) up a semitone: G minor (2 flats), not F## minor
    expect(firstKey(up1)).toBe(-2);
    expect(analyzeKey(up1).name).toBe('G minor');
    const down4 = transposeBySemitones(bwv66, -4);
    expect(firstKey(down4)).toBe(-1);
    const octave = transposeBySemitones(bwv66, 12);
    expect(firstKey(octave)).toBe(3);
    expect(heardNotes(octave.parts[3]!)[0]!.pitch.midi).toBe(heardNotes(bwv66.parts[3]!)[0]!.pitch.midi + 12);
  });

  it('transposes to a named key by the nearer direction', () => {
    const { score, interval } = transposeToKey(bwv66, 'G minor');
    expect(interval).toEqual({ steps: 1, semitones: 1 });
    expect(analyzeKey(score).name).toBe('G minor');
    expect(transposeToKey(bwv66, 'D minor').interval).toEqual({ steps: -2, semitones: -4 });
    expect(firstKey(transposeToKey(bwv66, 'Eb minor').score)).toBe(-6);
  });

  it('spells the source key as its signature does when the detected key agrees (Db major, not C# major)', () => {
    const major = chorale('bwv177.4');
    const detected = analyzeKey(major).name;
    expect(detected).toMatch(/major$/);
    const inDb = transposeToKey(major, 'Db major').score;
    expect(firstKey(inDb)).toBe(-5);
    // the detector names this key "C# major"; the five-flat signature says Db
    expect(analyzeKey(inDb).name).toBe('C# major');
    const { interval, from } = transposeToKey(inDb, 'Eb major');
    expect(from).toBe('Db major');
    expect(interval).toEqual({ steps: 1, semitones: 2 });
    expect(firstKey(transposeToKey(inDb, 'Eb major').score)).toBe(-3);
  });

  it('refuses a key of the other mode, or one that is not a key, with a typed error', () => {
    expect(() => transposeToKey(bwv66, 'Eb major')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => transposeToKey(bwv66, 'H minor')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('transposes chord symbols with the music, root and bass spelled by the interval', () => {
    const written = buildScore({ key: { fifths: 1 }, time: { beats: '4', beatType: 4 }, parts: [{ name: 'Lead', notes: [{ pitches: [pitch('B', 0, 4)], start: ZERO, duration: rational(4) }] }] });
    const spec = { root: { step: 'E' as const, alter: 0 }, kind: 'minor-seventh', bass: { step: 'G' as const, alter: 0 } };
    const first = written.parts[0]!.measures[0]!;
    const withChord: Score = { ...written, parts: [{ ...written.parts[0]!, measures: [{ ...first, harmonies: [{ offset: ZERO, value: { ...spec, figure: chordSymbolFigure(spec), pitches: realizeChordSymbol(spec) } }] }] }] };
    const moved = transposeScore(withChord, parseInterval('M2'));
    const symbol = moved.parts[0]!.measures[0]!.harmonies![0]!.value;
    expect(symbol.figure).toBe('F#m7/A');
    expect(symbol.root).toEqual({ step: 'F', alter: 1 });
    expect(symbol.pitches.map(pitchName)).toEqual(realizeChordSymbol({ ...spec, root: { step: 'F', alter: 1 }, bass: { step: 'A', alter: 0 } }).map(pitchName));
    expect(moved.parts[0]!.measures[0]!.keys?.[0]?.value.fifths).toBe(3);
  });

  it('writes a transposed chorale that reads back as the same notes', () => {
    const up = transposeScore(bwv66, parseInterval('m3'));
    const again = readScore(new TextEncoder().encode(writeMusicXml(up)), 'musicxml').score;
    expect(noteList(again)).toEqual(noteList(up));
  });
});
