import { describe, expect, it } from 'vitest';
import { scoreIdFor } from '../../src/mcp/score-ids.js';

describe('scoreIdFor', () => {
  it('makes a readable, URI-safe id from a title and a suffix', () => {
    expect(scoreIdFor('Bach: BWV 66.6', '3f9a1c2e')).toBe('bach-bwv-66-6-3f9a1c2e');
  });

  it('falls back to "score" when the title has nothing usable', () => {
    expect(scoreIdFor('???', 'abcd')).toBe('score-abcd');
    expect(scoreIdFor('Ünïcödé Fugue', 'ab')).toBe('unicode-fugue-ab');
  });

  it('keeps long titles short', () => {
    expect(scoreIdFor('a'.repeat(100), 'x').length).toBeLessThanOrEqual(42);
  });
});
