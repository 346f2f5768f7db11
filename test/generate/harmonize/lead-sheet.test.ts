import { describe, expect, it } from 'vitest';
import { buildScore } from '../../../src/core/build-score.js';
import { heardNotes } from '../../../src/core/notes.js';
import { rational } from '../../../src/core/rational.js';
import { harmonizeMelody } from '../../../src/generate/harmonize/harmonize.js';
import { MAX_MELODY_NOTES } from '../../../src/generate/harmonize/melody.js';
import { parsePitch } from '../../analysis/one-part-score.js';
import { twinkle } from './tunes.js';

describe('popular-style harmonization', () => {
  it('harmonizes pop with triads that hold the melody note on each half bar, from I to I', () => {
    const result = harmonizeMelody(twinkle(), { style: 'pop' });
    expect(result.chords[0]!.figure).toBe('I');
    expect(result.chords[result.chords.length - 1]!.figure).toBe('I');
    const melody = heardNotes(result.score.parts[0]!);
    for (const chord of result.chords) {
      const onset = melody.find((note) => note.start.n / note.start.d === chord.start.n / chord.start.d)!;
      const symbol = result.score.parts[0]!.measures.flatMap((measure) => (measure.harmonies ?? []).map((harmony) => ({ at: measure.offset.n / measure.offset.d + harmony.offset.n / harmony.offset.d, harmony: harmony.value })));
      const sounding = symbol.filter((entry) => entry.at <= chord.start.n / chord.start.d).pop()!;
      expect(sounding.harmony.pitches.map((pitch) => pitch.pitchClass)).toContain(onset.pitch.pitchClass);
    }
  });

  it('harmonizes jazz with seventh chords, a dominant before the last tonic, and guide tones that move by step or stay', () => {
    const result = harmonizeMelody(twinkle(), { style: 'jazz' });
    expect(result.chords.every((chord) => /7/.test(chord.symbol))).toBe(true);
    expect(result.chords.map((chord) => chord.figure).slice(-2)).toEqual([expect.stringMatching(/^(V7|bII7)$/), 'Imaj7']);
    const piano = heardNotes(result.score.parts[1]!);
    const guides = result.chords.map((chord) => piano.filter((note) => note.start.n / note.start.d === chord.start.n / chord.start.d).slice(1).map((note) => note.pitch.midi));
    const moves = guides.slice(1).flatMap((pair, index) => pair.map((midi, voice) => Math.abs(midi - guides[index]![voice]!)));
    expect(Math.max(...moves)).toBeLessThanOrEqual(4);
    expect(result.score.parts.map((part) => part.name)).toEqual(['Melody', 'Piano']);
  });

  it('refuses a melody beyond its bound with a typed error instead of running on', () => {
    const notes = Array.from({ length: MAX_MELODY_NOTES + 1 }, (_, index) => ({ pitches: [parsePitch(index % 2 ? 'E4' : 'C4')], start: rational(index), duration: rational(1) }));
    const long = buildScore({ key: { fifths: 0 }, time: { beats: '4', beatType: 4 }, parts: [{ name: 'Melody', notes }] });
    expect(() => harmonizeMelody(long)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
  });

  it('writes a lead sheet: the melody alone with a chord symbol at each change', () => {
    const result = harmonizeMelody(twinkle(), { style: 'pop', output: 'lead-sheet' });
    expect(result.score.parts).toHaveLength(1);
    const symbols = result.score.parts[0]!.measures.flatMap((measure) => measure.harmonies ?? []);
    expect(symbols.length).toBeGreaterThan(0);
    expect(symbols.length).toBeLessThanOrEqual(result.chords.length);
  });
});
