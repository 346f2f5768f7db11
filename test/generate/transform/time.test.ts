import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { add, equals, formatRational, rational, ZERO } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { augmentScore } from '../../../src/generate/transform/augment.js';
import { retrogradeScore } from '../../../src/generate/transform/retrograde.js';
import { writeMusicXml } from '../../../src/formats/musicxml/write.js';
import { readScore } from '../../../src/formats/read-score.js';
import { chorale, noteList, soundingTotals } from './chorales.js';

const bwv66 = chorale('bwv66.6');
const bwv153 = chorale('bwv153.1');

const lengths = (score: Score) => score.parts[0]!.measures.map((measure) => formatRational(measure.duration));

/** every voice of every measure fills the measure exactly, events back to back */
function expectWellFormed(score: Score): void {
  for (const part of score.parts) {
    part.measures.forEach((measure, index) => {
      expect(measure.index).toBe(index);
      for (const voice of measure.voices) {
        let cursor = ZERO;
        for (const event of voice.events) {
          expect(equals(event.offset, cursor)).toBe(true);
          cursor = add(cursor, event.duration);
        }
        expect(formatRational(cursor)).toBe(formatRational(measure.duration));
      }
    });
  }
}

describe('retrograde', () => {
  it('plays every part backwards: the last soprano note comes first', () => {
    const reversed = retrogradeScore(bwv66);
    const original = heardNotes(bwv66.parts[0]!);
    const backwards = heardNotes(reversed.parts[0]!);
    expect(backwards.map((note) => note.pitch.midi)).toEqual(original.map((note) => note.pitch.midi).reverse());
    expect(reversed.metadata.title).toMatch(/\(retrograde\)$/);
  });

  it('mirrors the barlines: the short last bar becomes the pickup and the pickup the short last bar', () => {
    const reversed = retrogradeScore(bwv66);
    expect(lengths(bwv66)).toEqual(['1', '4', '4', '4', '4', '4', '4', '4', '4', '3']);
    expect(lengths(reversed)).toEqual(['3', '4', '4', '4', '4', '4', '4', '4', '4', '1']);
    expect(reversed.parts[0]!.measures[0]!.implicit).toBe(true);
    expectWellFormed(reversed);
  });

  it('gives the original notes back when applied twice, and keeps every sounding duration', () => {
    for (const score of [bwv66, bwv153]) {
      const twice = retrogradeScore(retrogradeScore(score));
      expect(noteList(twice)).toEqual(noteList(score));
      expect(soundingTotals(retrogradeScore(score))).toEqual(soundingTotals(score));
    }
  });
});

describe('augmentation and diminution', () => {
  it('doubles every onset and length, keeps the meter and redraws the measures', () => {
    const doubled = augmentScore(bwv66, rational(2));
    expect(soundingTotals(doubled)).toEqual(soundingTotals(bwv66).map((total) => total * 2));
    expect(doubled.parts[0]!.measures[0]!.times?.[0]?.value).toMatchObject({ beats: '4', beatType: 4 });
    // a one-beat pickup becomes two beats; 36 quarters become 72: a pickup, 17 bars and a 2-beat end
    expect(lengths(doubled)[0]).toBe('2');
    expect(doubled.parts[0]!.measures.length).toBe(19);
    expectWellFormed(doubled);
    expect(doubled.metadata.title).toMatch(/\(augmented by 2\)$/);
  });

  it('gives the original notes back after ×2 then ×1/2, and after ×3/2 then ×2/3', () => {
    expect(noteList(augmentScore(augmentScore(bwv66, rational(2)), rational(1, 2)))).toEqual(noteList(bwv66));
    const back = augmentScore(augmentScore(bwv153, rational(3, 2)), rational(2, 3));
    expect(noteList(back)).toEqual(noteList(bwv153));
    // bwv153.1 splits a bar at a fermata (3 + 1 beats); rebuilt bars are regular, so that split is gone
    expect(lengths(bwv153).slice(4, 6)).toEqual(['3', '1']);
    expect(lengths(back).slice(4, 6)).toEqual(['4', '4']);
  });

  it('writes dotted values for a 3/2 augmentation', () => {
    const stretched = augmentScore(bwv66, rational(3, 2));
    const first = stretched.parts[0]!.measures.flatMap((measure) => measure.voices[0]!.events).find((event) => event.kind === 'note')!;
    expect(formatRational(first.duration)).toBe('3/4');
    expect(first.noteType).toBe('eighth');
    expect(first.dots).toBe(1);
    expectWellFormed(stretched);
  });

  it('splits and ties notes that the stretch carries across a barline, heard as one note', () => {
    const stretched = augmentScore(bwv66, rational(3, 2));
    const soprano = stretched.parts[0]!.measures.flatMap((measure) => measure.voices[0]!.events);
    const starts = soprano.filter((event) => event.kind === 'note' && event.tie === 'start').length;
    const stops = soprano.filter((event) => event.kind === 'note' && event.tie === 'stop').length;
    expect(starts).toBeGreaterThan(0);
    expect(stops).toBe(starts);
    expect(heardNotes(stretched.parts[0]!).length).toBe(heardNotes(bwv66.parts[0]!).length);
  });

  it('writes rebuilt scores that read back as the same notes and bars', () => {
    for (const rebuilt of [retrogradeScore(bwv66), augmentScore(bwv153, rational(3, 2))]) {
      const again = readScore(new TextEncoder().encode(writeMusicXml(rebuilt)), 'musicxml').score;
      expect(noteList(again)).toEqual(noteList(rebuilt));
      expect(lengths(again)).toEqual(lengths(rebuilt));
    }
  });
});
