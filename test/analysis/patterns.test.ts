import { describe, expect, it } from 'vitest';
import { findPatterns } from '../../src/analysis/patterns.js';
import type { Line } from '../../src/analysis/voice-leading.js';
import { pitch, STEPS } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';

/** a line of quarter notes from MIDI numbers (spelled with sharps; only numbers matter here) */
function line(midis: number[], name = 'Voice'): Line {
  const names = ['C', 'C', 'D', 'D', 'E', 'F', 'F', 'G', 'G', 'A', 'A', 'B'] as const;
  return {
    name,
    notes: midis.map((midi, index) => {
      const step = names[midi % 12]!;
      const alter = midi % 12 - [0, 2, 4, 5, 7, 9, 11][STEPS.indexOf(step)]!;
      return { start: rational(index), end: rational(index + 1), pitch: pitch(step, alter, Math.floor(midi / 12) - 1) };
    }),
  };
}

const MOTIF = [60, 62, 64, 60];

describe('findPatterns', () => {
  it('finds an exact repeat and its transposition', () => {
    const { patterns } = findPatterns([line([...MOTIF, 50, ...MOTIF, 51, ...MOTIF.map((midi) => midi + 7)])], { minLength: 4, maxLength: 4 });
    const exact = patterns.find((pattern) => pattern.kind === 'exact')!;
    expect(exact.occurrences.map((occurrence) => occurrence.offsetQuarters)).toEqual([0, 5]);
    const transposed = patterns.find((pattern) => pattern.kind === 'transposed')!;
    expect(transposed.occurrences.map((occurrence) => occurrence.transposition)).toEqual([0, 0, 7]);
    expect(transposed.intervals).toEqual([2, 2, -4]);
  });

  it('finds an inversion and a retrograde, marking the mirrored form', () => {
    const inverted = MOTIF.map((midi) => 120 - midi - 48);
    const { patterns } = findPatterns([line([...MOTIF, 40, ...inverted, 41, ...[...MOTIF].reverse().map((midi) => midi + 12)])], { minLength: 4, maxLength: 4, kinds: ['inverted', 'retrograde'] });
    const inversion = patterns.find((pattern) => pattern.kind === 'inverted')!;
    expect(inversion.occurrences.map((occurrence) => occurrence.form).sort()).toEqual(['inverted', 'original']);
    const retrograde = patterns.find((pattern) => pattern.kind === 'retrograde')!;
    expect(retrograde.occurrences.map((occurrence) => [occurrence.offsetQuarters, occurrence.form])).toEqual([
      [0, 'original'],
      [10, 'retrograde'],
    ]);
  });

  it('hides shorter motifs inside longer ones, and finds rhythmic repeats', () => {
    const { patterns } = findPatterns([line([...MOTIF, 70, 71, ...MOTIF, 72, 73])], { minLength: 3, maxLength: 6, kinds: ['exact'] });
    expect(patterns.map((pattern) => pattern.length)).toEqual([4]);
    const rhythm = findPatterns([line([60, 61, 62, 63, 64, 65, 66, 67])], { minLength: 4, maxLength: 4, kinds: ['rhythm'] });
    expect(rhythm.patterns[0]!.occurrences).toHaveLength(2);
  });

  it('reports a sequence: a motif repeated step by step at one interval', () => {
    const { sequences } = findPatterns([line([...MOTIF, ...MOTIF.map((midi) => midi + 2), ...MOTIF.map((midi) => midi + 4), 50])], { minLength: 4 });
    expect(sequences).toContainEqual(expect.objectContaining({ voice: 'Voice', offsetQuarters: 0, length: 4, steps: 3, interval: 2 }));
  });
});

describe('findPatterns ranks by salience', () => {
  /** a line from [midi, quarters] pairs */
  function rhythmicLine(notes: readonly (readonly [number, number])[], name = 'Voice'): Line {
    const names = ['C', 'C', 'D', 'D', 'E', 'F', 'F', 'G', 'G', 'A', 'A', 'B'] as const;
    let at = rational(0);
    return {
      name,
      notes: notes.map(([midi, quarters]) => {
        const step = names[midi % 12]!;
        const alter = midi % 12 - [0, 2, 4, 5, 7, 9, 11][STEPS.indexOf(step)]!;
        const start = at;
        at = rational(start.n * 4 + start.d * quarters * 4, start.d * 4);
        return { start, end: at, pitch: pitch(step, alter, Math.floor(midi / 12) - 1) };
      }),
    };
  }

  it('puts a dotted figure with a leap, heard three times, before a run of plain quarter steps heard more often', () => {
    const motif: [number, number][] = [[67, 1.5], [64, 0.5], [72, 1], [71, 0.5], [69, 0.5]];
    const run = (from: number): [number, number][] => [0, 2, 4, 5, 7].map((step) => [from + step, 1]);
    const tune = [...motif, ...run(60), ...run(62), ...motif, ...run(60), ...run(62), ...motif, ...run(60)];
    const found = findPatterns([rhythmicLine(tune)], { minLength: 5, maxLength: 5 });
    expect(found.patterns[0]).toMatchObject({ kind: 'exact', intervals: [-3, 8, -1, -2], rhythm: ['3/2', '1/2', '1', '1/2', '1/2'] });
    expect(found.patterns[0]!.occurrences).toHaveLength(3);
    const plain = found.patterns.findIndex((pattern) => pattern.rhythm.every((value) => value === '1'));
    expect(plain).toBeGreaterThan(0);
  });

  it('does not report exact repeats a second time as transpositions by nothing', () => {
    const found = findPatterns([line([...MOTIF, 70, ...MOTIF])], { minLength: 4, maxLength: 4 });
    expect(found.patterns.filter((pattern) => pattern.kind === 'transposed' && pattern.occurrences.every((occurrence) => occurrence.transposition === 0))).toHaveLength(0);
  });
});
