import { describe, expect, it } from 'vitest';
import { parseQueryNotes } from '../../src/corpus/query-notes.js';
import { continueMelody, nextNotes, rangeOf } from '../../src/suggest/melody.js';

const tune = parseQueryNotes('G4:1 A4:1 B4:1 C5:1 D5:2 B4:1 G4:1');

describe('melody suggestions', () => {
  it('offers the likeliest next notes within the range, most probable first, and sets the others aside', () => {
    const { offered, outOfRange } = nextNotes(tune, 'folk', 5, [62, 74]);
    expect(offered.length).toBe(5);
    expect(offered.map((note) => note.probability)).toEqual([...offered.map((note) => note.probability)].sort((a, b) => b - a));
    for (const note of offered) expect(67 + note.interval).toBeGreaterThanOrEqual(62);
    for (const note of outOfRange) expect(67 + note.interval < 62 || 67 + note.interval > 74).toBe(true);
    expect(offered[0]!.pitch).toMatch(/^[A-G][#b]?\d$/);
  });

  it('continues a melody by as many notes as asked, in range, with its rhythm, the same for the same seed', () => {
    const range = rangeOf(tune);
    expect(range).toEqual([62, 79]);
    const continuation = continueMelody(tune, 'folk', 12, range, 3);
    expect(continuation).toHaveLength(12);
    for (const written of continuation) expect(written).toMatch(/^[A-G][#b]?\d:(1|2)$/);
    expect(continueMelody(tune, 'folk', 12, range, 3)).toEqual(continuation);
    expect(continueMelody(tune, 'folk', 12, range, 4)).not.toEqual(continuation);
  });
});
