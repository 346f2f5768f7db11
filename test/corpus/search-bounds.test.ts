/** Searches are bounded: an unselective query stops collecting at MAX_MATCHES instead of holding the thread over the whole corpus. */
import { describe, expect, it } from 'vitest';
import { buildCorpusIndex } from '../../src/corpus/corpus-index.js';
import { searchHarmony } from '../../src/corpus/harmonic-search.js';
import { MAX_MATCHES, searchMelody } from '../../src/corpus/melodic-search.js';
import type { PieceExtract } from '../../src/corpus/piece.js';
import { parseQueryNotes } from '../../src/corpus/query-notes.js';

const LENGTH = 3 * MAX_MATCHES;
// a line that goes C D C D …, under harmonies I V I V …: every two notes and every chord match
const seeSaw: PieceExtract = {
  id: 'see-saw',
  measures: ['1'],
  lines: [
    {
      partId: 'P1',
      midi: Array.from({ length: LENGTH }, (_, i) => (i % 2 ? 62 : 60)),
      fifths: Array.from({ length: LENGTH }, (_, i) => (i % 2 ? 2 : 0)),
      onset: Array.from({ length: LENGTH }, (_, i) => i),
      duration: new Array<number>(LENGTH).fill(1),
      measure: new Array<number>(LENGTH).fill(0),
      beat: new Array<number>(LENGTH).fill(1),
    },
  ],
  harmonies: {
    figure: Array.from({ length: LENGTH }, (_, i) => (i % 2 ? 'V' : 'I')),
    key: new Array<string>(LENGTH).fill('C major'),
    measure: new Array<number>(LENGTH).fill(0),
    beat: new Array<number>(LENGTH).fill(1),
    cadences: [],
  },
};
const index = buildCorpusIndex([seeSaw]);

describe('search bounds', () => {
  it('stops a two-note melodic query at MAX_MATCHES, keeping the first in corpus order', () => {
    const matches = searchMelody(index, { notes: parseQueryNotes('C4 D4'), compare: 'pitch', transposed: true, tolerance: 0 });
    expect(matches).toHaveLength(MAX_MATCHES);
    expect(Math.min(...matches.map((match) => match.start))).toBe(0);
  });

  it('stops a one-chord harmonic query at MAX_MATCHES', () => {
    expect(searchHarmony(index, { progression: ['I'], anyInversion: false })).toHaveLength(MAX_MATCHES);
  });
});
