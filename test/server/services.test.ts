import { describe, expect, it } from 'vitest';
import { checkScoreId, scoreIdFor } from '../../src/mcp/score-ids.js';
import { randomIdSuffix } from '../../src/server/services.js';

describe('score id suffixes', () => {
  it('carry 128 random bits: 26 base32 characters, every position using the whole alphabet', () => {
    const suffixes = Array.from({ length: 5000 }, randomIdSuffix);
    for (const suffix of suffixes) expect(suffix).toMatch(/^[a-z2-7]{26}$/);
    expect(new Set(suffixes).size).toBe(suffixes.length);
    // the last character carries 3 bits (128 = 25 × 5 + 3), so it takes 8 values; the others all 32
    for (let position = 0; position < 26; position++) {
      const seen = new Set(suffixes.map((suffix) => suffix[position]));
      expect(seen.size, `position ${position}`).toBe(position === 25 ? 8 : 32);
    }
  });

  it('make ids of the score-id form', () => {
    expect(checkScoreId(scoreIdFor('Bach: BWV 66.6', randomIdSuffix()))).toMatch(/^bach-bwv-66-6-[a-z2-7]{26}$/);
  });
});
