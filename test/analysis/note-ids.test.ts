import { describe, expect, it } from 'vitest';
import { noteIdsAt } from '../../src/analysis/note-ids.js';
import { rational } from '../../src/core/rational.js';
import type { Score } from '../../src/core/score.js';
import { pitch } from '../../src/core/pitch.js';

/** two parts: a held half note under two quarters, then a chord; a grace note and a rest that name nothing */
const score: Score = {
  metadata: { sourceFormat: 'generated' },
  parts: [
    {
      id: 'P1',
      staffCount: 1,
      measures: [
        {
          id: 'm1',
          number: '1',
          index: 0,
          offset: rational(0),
          duration: rational(4),
          voices: [
            {
              id: '1',
              events: [
                { kind: 'note', id: 'g', pitch: pitch('D', 0, 5), offset: rational(0), duration: rational(0), grace: { slash: true } },
                { kind: 'note', id: 'a', pitch: pitch('E', 0, 5), offset: rational(0), duration: rational(1) },
                { kind: 'note', id: 'b', pitch: pitch('D', 0, 5), offset: rational(1), duration: rational(1) },
                { kind: 'chord', id: 'c', notes: [{ id: 'c1', pitch: pitch('G', 0, 4) }, { id: 'c2', pitch: pitch('C', 0, 5) }], offset: rational(2), duration: rational(1) },
                { kind: 'rest', id: 'r', offset: rational(3), duration: rational(1) },
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'P2',
      staffCount: 1,
      measures: [{ id: 'm1b', number: '1', index: 0, offset: rational(0), duration: rational(4), voices: [{ id: '1', events: [{ kind: 'note', id: 'h', pitch: pitch('C', 0, 3), offset: rational(0), duration: rational(2) }] }] }],
    },
  ],
};

describe('noteIdsAt', () => {
  it('names the notes sounding at each time, lowest first, held notes included, a chord by its members, in the order the times were asked', () => {
    expect(noteIdsAt(score, [rational(2), rational(0), rational(1), rational(3, 2), rational(3), rational(5)])).toEqual([['c1', 'c2'], ['h', 'a'], ['h', 'b'], ['h', 'b'], [], []]);
  });
});
