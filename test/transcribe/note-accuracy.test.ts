import { describe, expect, it } from 'vitest';
import { noteAccuracy } from '../../src/transcribe/note-accuracy.js';

const reference = [
  { start: 0, end: 0.5, midi: 60 },
  { start: 0.5, end: 1, midi: 62 },
  { start: 1, end: 2, midi: 64 },
  { start: 1, end: 2, midi: 48 },
];

describe('noteAccuracy', () => {
  it('scores a perfect transcription 1', () => {
    expect(noteAccuracy(reference, reference)).toMatchObject({ precision: 1, recall: 1, f1: 1, matched: 4 });
  });

  it('matches onsets within 50 ms and the same key only', () => {
    const estimated = [
      { start: 0.04, end: 0.5, midi: 60 }, // 40 ms late: a match
      { start: 0.56, end: 1, midi: 62 }, // 60 ms late: not
      { start: 1, end: 2, midi: 65 }, // wrong key: not
      { start: 1.01, end: 2, midi: 48 },
      { start: 1.02, end: 2, midi: 48 }, // a second match for one note is not counted
    ];
    const accuracy = noteAccuracy(reference, estimated);
    expect(accuracy).toMatchObject({ matched: 2, reference: 4, estimated: 5 });
    expect(accuracy.precision).toBeCloseTo(0.4);
    expect(accuracy.recall).toBeCloseTo(0.5);
    expect(accuracy.f1).toBeCloseTo((2 * 0.4 * 0.5) / 0.9);
  });

  it('with offsets, asks the end within 20% of the length or 50 ms as well', () => {
    const estimated = [
      { start: 0, end: 0.54, midi: 60 }, // 40 ms: within 50 ms
      { start: 0.5, end: 1.2, midi: 62 }, // 200 ms on 500 ms: not
      { start: 1, end: 1.85, midi: 64 }, // 150 ms on a second: within 20%
      { start: 1, end: 1.7, midi: 48 }, // 300 ms on a second: not
    ];
    expect(noteAccuracy(reference, estimated).matched).toBe(4);
    expect(noteAccuracy(reference, estimated, true).matched).toBe(2);
  });

  it('scores an empty transcription 0', () => {
    expect(noteAccuracy(reference, [])).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});
