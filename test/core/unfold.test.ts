import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../src/core/notes.js';
import { pitch } from '../../src/core/pitch.js';
import { rational, toNumber } from '../../src/core/rational.js';
import type { Barline, Measure } from '../../src/core/score.js';
import { playOrder, unfoldRepeats } from '../../src/core/unfold.js';

function measure(index: number, barlines: Barline[] = []): Measure {
  return {
    number: String(index + 1),
    index,
    offset: rational(index),
    duration: rational(1),
    voices: [{ id: '1', events: [{ kind: 'note', offset: rational(0), duration: rational(1), pitch: pitch('C', 0, 4) }] }],
    ...(barlines.length ? { barlines } : {}),
  };
}

describe('playOrder', () => {
  it('plays a repeated section twice, or as often as written', () => {
    expect(playOrder([measure(0), measure(1, [{ location: 'right', repeat: 'backward' }]), measure(2)])).toEqual([0, 1, 0, 1, 2]);
    expect(playOrder([measure(0, [{ location: 'left', repeat: 'forward' }]), measure(1, [{ location: 'right', repeat: 'backward', times: 3 }])])).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('takes first and second endings in turn', () => {
    const measures = [
      measure(0, [{ location: 'left', repeat: 'forward' }]),
      measure(1, [{ location: 'left', ending: { numbers: [1], type: 'start' } }, { location: 'right', repeat: 'backward', ending: { numbers: [1], type: 'stop' } }]),
      measure(2, [{ location: 'left', ending: { numbers: [2], type: 'start' } }, { location: 'right', ending: { numbers: [2], type: 'discontinue' } }]),
      measure(3),
    ];
    expect(playOrder(measures)).toEqual([0, 1, 0, 2, 3]);
  });

  it('lays the unfolded measures end to end in every part', () => {
    const part = { id: 'P1', staffCount: 1, measures: [measure(0), measure(1, [{ location: 'right', repeat: 'backward' }])] };
    const unfolded = unfoldRepeats({ metadata: { sourceFormat: 'generated' }, parts: [part, { ...part, id: 'P2' }] });
    expect(unfolded.parts.map((each) => each.measures.map((m) => toNumber(m.offset)))).toEqual([[0, 1, 2, 3], [0, 1, 2, 3]]);
    expect(heardNotes(unfolded.parts[0]!)).toHaveLength(4);
  });
});

describe('heardNotes', () => {
  it('merges tied notes into one', () => {
    const tied: Measure[] = [0, 1].map((index) => ({
      number: String(index + 1),
      index,
      offset: rational(index * 2),
      duration: rational(2),
      voices: [{ id: '1', events: [{ kind: 'note', offset: rational(0), duration: rational(2), pitch: pitch('G', 0, 4), tie: index === 0 ? 'start' : 'stop' }] }],
    }));
    const notes = heardNotes({ id: 'P1', staffCount: 1, measures: tied });
    expect(notes.map((note) => [toNumber(note.start), toNumber(note.end)])).toEqual([[0, 4]]);
  });
});
