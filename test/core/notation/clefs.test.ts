import { describe, expect, it } from 'vitest';
import { clefForPitches, inferredClefs } from '../../../src/core/notation/clefs.js';
import { pitch } from '../../../src/core/pitch.js';
import { part } from './parts.js';

describe('clefs for sources that name none', () => {
  it('chooses treble for a soprano line, bass for a bass line, treble-8vb for a tenor line', () => {
    expect(clefForPitches([pitch('E', 0, 4), pitch('G', 0, 5), pitch('C', 0, 5)])).toEqual({ sign: 'G', line: 2 });
    expect(clefForPitches([pitch('F', 0, 2), pitch('C', 0, 3), pitch('A', 0, 3)])).toEqual({ sign: 'F', line: 4 });
    expect(clefForPitches([pitch('C', 0, 3), pitch('G', 0, 3), pitch('E', 0, 4)])).toEqual({ sign: 'G', line: 2, octaveChange: -1 });
    expect(clefForPitches([])).toEqual({ sign: 'G', line: 2 });
  });

  it('infers a clef only for a staff whose first measure names none', () => {
    const bass = part(['C3:2 G2:2']);
    expect(inferredClefs(bass)).toEqual([{ sign: 'F', line: 4 }]);
    const named = { ...bass, measures: [{ ...bass.measures[0]!, clefs: [{ offset: { n: 0, d: 1 }, value: { sign: 'G' as const, line: 2 } }] }] };
    expect(inferredClefs(named)).toEqual([undefined]);
  });
});
