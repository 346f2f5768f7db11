import { describe, expect, it } from 'vitest';
import { playbackNotes } from '../../src/core/playback.js';
import { onePartScore } from '../analysis/one-part-score.js';

describe('playbackNotes', () => {
  it('lists heard notes as flat rows of onset, duration, key and part, ties merged, with the measure spans and a default tempo', () => {
    const score = onePartScore([['C4', 1], ['E4', 1, { tie: 'start' }], ['E4', 1, { tie: 'stop' }], [null, 1], [['G4', 'B4'], 1]]);
    const notes = playbackNotes(score);
    expect(notes.notes).toEqual([0, 1, 60, 0, 1, 2, 64, 0, 4, 1, 67, 0, 4, 1, 71, 0]);
    expect(notes.measures).toEqual([{ number: '1', offsetQuarters: 0, durationQuarters: 5 }]);
    expect(notes.quarterBpm).toBe(96);
    expect(notes.partNames).toEqual(['P1']);
  });
});
