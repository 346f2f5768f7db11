import { describe, expect, it } from 'vitest';
import { beatAccents, findMeter, positionEffect, type BeatNote } from '../../src/transcribe/meter.js';

/**
 * Twelve bars of 3/4 in four voices, as a chorale moves: a half note and a quarter in the soprano, quarters
 * below, the bass moving on every beat, and each fourth bar a chord held through the bar (a phrase end).
 * The phrase end recurs every twelve beats, which a four-beat grouping also takes up.
 */
function chorale34(): BeatNote[] {
  const notes: BeatNote[] = [];
  const bassLine = [48, 43, 45, 41, 43, 48, 50, 47, 48, 45, 43, 48];
  bassLine.forEach((bass, bar) => {
    const at = bar * 3;
    if (bar % 4 === 3) {
      for (const midi of [bass, 55, 64, 72]) notes.push({ start: at, end: at + 3, midi });
      return;
    }
    notes.push({ start: at, end: at + 2, midi: 72 }, { start: at + 2, end: at + 3, midi: 74 });
    for (let beat = 0; beat < 3; beat++) {
      notes.push({ start: at + beat, end: at + beat + 1, midi: 64 + ((bar + beat) % 3) });
      notes.push({ start: at + beat, end: at + beat + 1, midi: 57 + ((bar * 2 + beat) % 4) });
      notes.push({ start: at + beat, end: at + beat + 1, midi: bass - [0, 5, 3][beat]! });
    }
  });
  return notes;
}

/** accents from a list of per-beat values */
const series = (values: number[]) => Float64Array.from(values);

describe('positionEffect', () => {
  it('is large for the bar length the accents recur at, and near or under 1 for another', () => {
    const everyThird = series(Array.from({ length: 48 }, (_, beat) => (beat % 3 === 0 ? 2 : 0) + 0.1 * Math.sin(beat * 7.3)));
    expect(positionEffect(everyThird, 3)).toBeGreaterThan(100);
    expect(positionEffect(everyThird, 4)).toBeLessThan(1.5);
    expect(positionEffect(everyThird, 2)).toBeLessThan(1.5);
  });

  it('is 0 where every beat is alike', () => {
    expect(positionEffect(series(new Array(24).fill(1)), 3)).toBe(0);
    expect(positionEffect(series([1, 2]), 3)).toBe(0);
  });

  it('takes up an accent once every twelve beats about alike for three and for four positions (per degree of freedom)', () => {
    const phraseEnds = series(Array.from({ length: 48 }, (_, beat) => (beat % 12 === 0 ? 1 : 0)));
    const [three, four] = [positionEffect(phraseEnds, 3), positionEffect(phraseEnds, 4)];
    expect(Math.abs(three - four) / four).toBeLessThan(0.15);
  });
});

describe('beatAccents', () => {
  it('accents a beat where a long note starts and the bass moves above a beat held over', () => {
    const accents = beatAccents([
      { start: 0, end: 1, midi: 48 },
      { start: 1, end: 3, midi: 43 },
      { start: 1, end: 3, midi: 67 },
      { start: 3, end: 4, midi: 48 },
    ]);
    expect(accents).toHaveLength(4);
    expect(accents[1]).toBeGreaterThan(accents[0]!);
    expect(accents[1]).toBeGreaterThan(accents[2]!);
    expect(accents[2]).toBe(Math.min(...accents));
  });
});

describe('findMeter', () => {
  it('hears a chorale in 3/4 whose phrases of four bars recur every twelve beats', () => {
    expect(findMeter(chorale34())).toEqual({ beatsPerBar: 3, pickupBeats: 0 });
  });

  it('hears the same chorale after a one-beat pickup in 3/4, the pickup counted', () => {
    const pickup = chorale34().map((note) => ({ ...note, start: note.start + 1, end: note.end + 1 }));
    expect(findMeter([{ start: 0, end: 1, midi: 72 }, ...pickup])).toEqual({ beatsPerBar: 3, pickupBeats: 1 });
  });

  it('hears four beats where a half note starts each bar of four over a bass moving on every beat', () => {
    const notes: BeatNote[] = [];
    for (let bar = 0; bar < 8; bar++) {
      const at = bar * 4;
      notes.push({ start: at, end: at + 2, midi: 72 + (bar % 2) }, { start: at + 2, end: at + 3, midi: 74 }, { start: at + 3, end: at + 4, midi: 71 });
      for (let beat = 0; beat < 4; beat++) notes.push({ start: at + beat, end: at + beat + 1, midi: [48, 43, 45, 41][(bar + beat) % 4]! });
    }
    expect(findMeter(notes).beatsPerBar).toBe(4);
  });

  it('falls back to 4/4 without a pickup when there are too few beats to compare', () => {
    expect(findMeter([{ start: 0, end: 3, midi: 60 }])).toEqual({ beatsPerBar: 4, pickupBeats: 0 });
    expect(findMeter([])).toEqual({ beatsPerBar: 4, pickupBeats: 0 });
  });
});
