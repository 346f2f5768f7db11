import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { formatRational, rational } from '../../../src/core/rational.js';
import type { Event, Score } from '../../../src/core/score.js';
import { augmentScore } from '../../../src/generate/transform/augment.js';
import { extractMeasures, extractParts } from '../../../src/generate/transform/extract.js';
import { mergeScores } from '../../../src/generate/transform/merge.js';
import { scoreEnd } from '../../../src/generate/transform/timeline.js';
import { chorale, noteList, soundingTotals } from './chorales.js';

const bwv66 = chorale('bwv66.6');
const bwv153 = chorale('bwv153.1');

const events = (score: Score, part = 0): Event[] => score.parts[part]!.measures.flatMap((measure) => measure.voices.flatMap((voice) => voice.events));

describe('extracting parts', () => {
  it('keeps the parts named or numbered, in the order asked', () => {
    const outer = extractParts(bwv66, [0, 'bass']);
    expect(outer.parts.map((part) => part.name)).toEqual(['Soprano', 'Bass']);
    expect(noteList(outer)).toEqual([noteList(bwv66)[0], noteList(bwv66)[3]]);
  });

  it('refuses a part that is not there with a typed error naming the parameter', () => {
    expect(() => extractParts(bwv66, [7])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('parts') }));
    expect(() => extractParts(bwv66, ['Violin'])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('extracting measures', () => {
  it('keeps measures 3–5 with the key, meter and clef in force written at the start', () => {
    const excerpt = extractMeasures(bwv66, '3', '5');
    for (const part of excerpt.parts) {
      expect(part.measures.map((measure) => measure.number)).toEqual(['3', '4', '5']);
      const first = part.measures[0]!;
      expect(formatRational(first.offset)).toBe('0');
      expect(first.keys?.[0]?.value).toEqual({ fifths: 3, mode: 'minor' });
      expect(first.times?.[0]?.value).toMatchObject({ beats: '4', beatType: 4 });
      expect(first.clefs?.length).toBeGreaterThan(0);
    }
    expect(bwv66.parts[0]!.measures[3]!.keys).toBeUndefined();
    expect(formatRational(scoreEnd(excerpt))).toBe('12');
  });

  it('keeps exactly the notes of those measures, moved to the start', () => {
    const excerpt = extractMeasures(bwv66, '3', '5');
    const window = heardNotes(bwv66.parts[1]!).filter((note) => note.start.n / note.start.d >= 9 && note.start.n / note.start.d < 21);
    expect(heardNotes(excerpt.parts[1]!).map((note) => note.pitch.midi)).toEqual(window.map((note) => note.pitch.midi));
  });

  it('loosens ties that reach outside the range', () => {
    // stretched by 3/2, bwv66.6 has notes tied over barlines; extract from a measure that starts with a tie stop
    const stretched = augmentScore(bwv66, rational(3, 2));
    const tied = stretched.parts.flatMap((part, partIndex) => part.measures.filter((measure) => measure.voices[0]!.events[0]?.kind === 'note' && (measure.voices[0]!.events[0] as { tie?: string }).tie === 'stop').map((measure) => ({ partIndex, number: measure.number })))[0];
    expect(tied).toBeDefined();
    const excerpt = extractMeasures(stretched, tied!.number, tied!.number);
    const opening = excerpt.parts[tied!.partIndex]!.measures[0]!.voices[0]!.events[0]!;
    expect(opening.kind === 'note' ? opening.tie : 'rest').toBeUndefined();
    for (const part of excerpt.parts) {
      const all = events(excerpt, excerpt.parts.indexOf(part));
      const open = all.filter((event) => event.kind === 'note' && (event.tie === 'start' || event.tie === 'continue')).length;
      const closed = all.filter((event) => event.kind === 'note' && (event.tie === 'stop' || event.tie === 'continue')).length;
      expect(open).toBe(closed);
    }
  });

  it('refuses a range that does not exist with a typed error', () => {
    expect(() => extractMeasures(bwv66, '5', '3')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => extractMeasures(bwv66, '3', '40')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('measures') }));
  });
});

describe('merging scores', () => {
  it('stacks scores as more parts, keeping part ids unique and padding the shorter with rests', () => {
    const merged = mergeScores([bwv66, bwv153], 'parts');
    expect(merged.parts.length).toBe(8);
    expect(new Set(merged.parts.map((part) => part.id)).size).toBe(8);
    const counts = merged.parts.map((part) => part.measures.length);
    expect(new Set(counts).size).toBe(1);
    expect(noteList(merged).slice(4)).toEqual(noteList(bwv153));
  });

  it('appends a score after another: twice the length, numbering continued, notes preserved', () => {
    const twice = mergeScores([bwv66, bwv66], 'append');
    expect(twice.parts.length).toBe(4);
    expect(formatRational(scoreEnd(twice))).toBe('72');
    expect(twice.parts[0]!.measures.length).toBe(20);
    expect(soundingTotals(twice)).toEqual(soundingTotals(bwv66).map((total) => total * 2));
    const numbers = twice.parts[0]!.measures.map((measure) => measure.number);
    expect(new Set(numbers).size).toBe(20);
    expect(twice.parts[0]!.measures.map((measure) => measure.index)).toEqual([...Array(20).keys()]);
    const second = heardNotes(twice.parts[0]!).filter((note) => note.start.n / note.start.d >= 36);
    expect(second.map((note) => note.pitch.midi)).toEqual(heardNotes(bwv66.parts[0]!).map((note) => note.pitch.midi));
  });

  it('fills with rests where an appended score lacks a part', () => {
    const merged = mergeScores([bwv66, extractParts(bwv153, [0])], 'append');
    expect(merged.parts.length).toBe(4);
    expect(merged.parts.map((part) => part.measures.length)).toEqual(Array(4).fill(merged.parts[0]!.measures.length));
    expect(soundingTotals(merged).slice(1)).toEqual(soundingTotals(bwv66).slice(1));
  });
});
