import { describe, expect, it } from 'vitest';
import { sameFigure } from '../../src/analysis/analysis-comparison.js';

describe('sameFigure', () => {
  it.each([
    ['V6/5', 'V65'],
    ['V4/2', 'V2'],
    ['V42', 'V2'],
    ['vii/o7', 'viiø7'],
    ['i[no3][no5]', 'i'],
    ['V6/5/V', 'V65/V'],
  ])('reads %s and %s as one figure', (a, b) => expect(sameFigure(a, b)).toBe(true));

  it('keeps different chords apart', () => {
    expect(sameFigure('V6', 'V')).toBe(false);
    expect(sameFigure('V7/V', 'V7')).toBe(false);
    expect(sameFigure('viio7', 'viiø7')).toBe(false);
  });
});
