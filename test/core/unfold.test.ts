import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../src/core/notes.js';
import { pitch } from '../../src/core/pitch.js';
import { rational, toNumber } from '../../src/core/rational.js';
import type { Barline, Measure, Navigation, NavigationKind } from '../../src/core/score.js';
import { playOrder, unfoldRepeats } from '../../src/core/unfold.js';

function measure(index: number, barlines: Barline[] = [], navigation: Navigation[] = []): Measure {
  return {
    number: String(index + 1),
    index,
    offset: rational(index),
    duration: rational(1),
    voices: [{ id: '1', events: [{ kind: 'note', offset: rational(0), duration: rational(1), pitch: pitch('C', 0, 4) }] }],
    ...(barlines.length ? { barlines } : {}),
    ...(navigation.length ? { navigation } : {}),
  };
}

/** a measure with navigation marks and no barlines: marked(3, 'daCapo') */
function marked(index: number, ...kinds: (NavigationKind | Navigation)[]): Measure {
  return measure(index, [], kinds.map((kind) => (typeof kind === 'string' ? { kind, offset: rational(1) } : kind)));
}

describe('playOrder', () => {
  it('plays a repeated section twice, or as often as written', () => {
    expect(playOrder([measure(0), measure(1, [{ location: 'right', repeat: 'backward' }]), measure(2)])).toEqual([0, 1, 0, 1, 2]);
    expect(playOrder([measure(0, [{ location: 'left', repeat: 'forward' }]), measure(1, [{ location: 'right', repeat: 'backward', times: 3 }])])).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('counts passes afresh after a group of endings, so a second section with endings and no forward repeat repeats too', () => {
    const start = (numbers: number[]): Barline => ({ location: 'left', ending: { numbers, type: 'start' } });
    const measures = [
      measure(0),
      measure(1, [start([1]), { location: 'right', repeat: 'backward', ending: { numbers: [1], type: 'stop' } }]),
      measure(2, [start([2]), { location: 'right', ending: { numbers: [2], type: 'stop' } }]),
      measure(3),
      measure(4, [start([1]), { location: 'right', repeat: 'backward', ending: { numbers: [1], type: 'stop' } }]),
      measure(5, [start([2]), { location: 'right', ending: { numbers: [2], type: 'discontinue' } }]),
    ];
    expect(playOrder(measures)).toEqual([0, 1, 0, 2, 3, 4, 3, 5]);
  });

  it('plays endings numbered for several passes as often as their numbers say ([1,3 … :| [2 … :| [4)', () => {
    const measures = [
      measure(0, [{ location: 'left', repeat: 'forward' }]),
      measure(1, [{ location: 'left', ending: { numbers: [1, 3], type: 'start' } }, { location: 'right', repeat: 'backward', ending: { numbers: [1, 3], type: 'stop' } }]),
      measure(2, [{ location: 'left', ending: { numbers: [2], type: 'start' } }, { location: 'right', repeat: 'backward', ending: { numbers: [2], type: 'stop' } }]),
      measure(3, [{ location: 'left', ending: { numbers: [4], type: 'start' } }, { location: 'right', ending: { numbers: [4], type: 'discontinue' } }]),
    ];
    expect(playOrder(measures)).toEqual([0, 1, 0, 2, 0, 1, 0, 3]);
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

describe('playOrder with da capo, dal segno, fine and coda', () => {
  it('plays D.C. al Fine: back to the start, stopping at the end of the Fine measure', () => {
    expect(playOrder([measure(0), marked(1, 'fine'), measure(2), marked(3, 'daCapo')])).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it('plays D.S. al Coda: back to the segno, then from To Coda to the coda and on to the end', () => {
    const measures = [measure(0), marked(1, 'segno'), marked(2, 'toCoda'), marked(3, 'dalSegno'), marked(4, 'coda'), measure(5)];
    expect(playOrder(measures)).toEqual([0, 1, 2, 3, 1, 2, 4, 5]);
  });

  it('takes the repeats the first time only: after the D.C. a repeat is played once and endings take the last', () => {
    const repeated = [measure(0, [{ location: 'left', repeat: 'forward' }]), measure(1, [{ location: 'right', repeat: 'backward' }], [{ kind: 'fine', offset: rational(1) }]), measure(2), marked(3, 'daCapo')];
    expect(playOrder(repeated)).toEqual([0, 1, 0, 1, 2, 3, 0, 1]);
    const voltas = [
      measure(0, [{ location: 'left', repeat: 'forward' }]),
      measure(1, [{ location: 'left', ending: { numbers: [1], type: 'start' } }, { location: 'right', repeat: 'backward', ending: { numbers: [1], type: 'stop' } }]),
      measure(2, [{ location: 'left', ending: { numbers: [2], type: 'start' } }, { location: 'right', ending: { numbers: [2], type: 'discontinue' } }]),
      marked(3, 'daCapo'),
    ];
    expect(playOrder(voltas)).toEqual([0, 1, 0, 2, 3, 0, 2, 3]);
  });

  it('goes to the segno and coda whose labels match', () => {
    const measures = [
      marked(0, { kind: 'segno', offset: rational(0), label: 'A' }),
      marked(1, { kind: 'segno', offset: rational(0), label: 'B' }),
      marked(2, { kind: 'toCoda', offset: rational(1), label: 'Y' }),
      marked(3, { kind: 'dalSegno', offset: rational(1), label: 'B' }),
      marked(4, { kind: 'coda', offset: rational(0), label: 'X' }),
      marked(5, { kind: 'coda', offset: rational(0), label: 'Y' }),
    ];
    expect(playOrder(measures)).toEqual([0, 1, 2, 3, 1, 2, 5]);
  });

  it('takes the first of two coda signs as the To Coda when none is written', () => {
    const measures = [measure(0), marked(1, 'coda'), marked(2, 'daCapo'), marked(3, 'coda'), measure(4)];
    expect(playOrder(measures)).toEqual([0, 1, 2, 0, 1, 3, 4]);
  });

  it('plays a score whose marks ask for no jump straight through, as without marks', () => {
    expect(playOrder([marked(0, 'segno'), marked(1, 'fine'), marked(2, 'toCoda'), marked(3, 'coda')])).toEqual([0, 1, 2, 3]);
    expect(playOrder([measure(0), marked(1, 'dalSegno'), marked(2, 'segno')])).toEqual([0, 1, 2]);
  });

  it('follows each D.C. once, so jumps cannot loop', () => {
    expect(playOrder([measure(0), marked(1, 'daCapo'), marked(2, 'daCapo')])).toEqual([0, 1, 0, 1, 2, 0, 1, 2]);
  });

  it('unfolds every part by the marks of any part and leaves the followed marks out', () => {
    const plain = { id: 'P1', staffCount: 1, measures: [measure(0), measure(1)] };
    const marks = { id: 'P2', staffCount: 1, measures: [measure(0), marked(1, 'daCapo')] };
    const unfolded = unfoldRepeats({ metadata: { sourceFormat: 'generated' }, parts: [plain, marks] });
    expect(unfolded.parts.map((part) => part.measures.map((m) => m.number))).toEqual([['1', '2', '1', '2'], ['1', '2', '1', '2']]);
    expect(unfolded.parts[1]!.measures.some((m) => m.navigation)).toBe(false);
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
