import { describe, expect, it } from 'vitest';
import { beamCount, impliedTuplet, noteValue, noteValueLength } from '../../../src/core/notation/note-values.js';
import { rational } from '../../../src/core/rational.js';

describe('note values', () => {
  it('finds the written value of a length: plain, dotted, double-dotted', () => {
    expect(noteValue(rational(1))).toEqual({ type: 'quarter', dots: 0 });
    expect(noteValue(rational(3, 2))).toEqual({ type: 'quarter', dots: 1 });
    expect(noteValue(rational(7, 2))).toEqual({ type: 'half', dots: 2 });
    expect(noteValue(rational(8))).toEqual({ type: 'breve', dots: 0 });
    expect(noteValue(rational(1, 4))).toEqual({ type: '16th', dots: 0 });
  });

  it('finds it inside a tuplet, and infers the tuplet a length implies', () => {
    expect(noteValue(rational(1, 3), { actual: 3, normal: 2 })).toEqual({ type: 'eighth', dots: 0 });
    expect(impliedTuplet(rational(1, 3))).toEqual({ actual: 3, normal: 2 });
    expect(impliedTuplet(rational(2, 3))).toEqual({ actual: 3, normal: 2 });
    expect(impliedTuplet(rational(1, 5))).toEqual({ actual: 5, normal: 4 });
    expect(impliedTuplet(rational(1, 2))).toBeUndefined();
  });

  it('has no single value for a length that needs a tie (five eighths)', () => {
    expect(noteValue(rational(5, 2))).toBeUndefined();
    expect(noteValue(rational(0))).toBeUndefined();
  });

  it('measures a value back, tuplet included, and counts its beams', () => {
    expect(noteValueLength({ type: 'quarter', dots: 1 })).toEqual(rational(3, 2));
    expect(noteValueLength({ type: 'quarter', dots: 0 }, { actual: 3, normal: 2 })).toEqual(rational(2, 3));
    expect(['quarter', 'eighth', '16th', '32nd', 'whole'].map(beamCount)).toEqual([0, 1, 2, 3, 0]);
  });
});
