/** Melodies the four-part harmonizer cannot voice are refused with a clear error, never a crash. */
import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../../src/core/errors.js';
import { readAbc } from '../../../src/formats/abc/read.js';
import { harmonizeMelody } from '../../../src/generate/harmonize/harmonize.js';

function failureOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('harmonize_melody on a melody outside the voices', () => {
  it('refuses a melody below every voice range (C,,4 in ABC) with INVALID_ARGUMENT naming the range', () => {
    const { score } = readAbc('X:1\nT:Low\nM:4/4\nL:1/4\nK:C\nC,,4|C,,4|]\n');
    const error = failureOf(() => harmonizeMelody(score));
    expect(isCadenzaError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toMatch(/C2 .*four-part chorale/);
  });
});
