import { describe, expect, it } from 'vitest';
import { chordify } from '../../src/analysis/chordify.js';
import { pitch, pitchName } from '../../src/core/pitch.js';
import { formatRational, rational } from '../../src/core/rational.js';
import type { Event, Measure, Score } from '../../src/core/score.js';

const note = (step: 'C' | 'E' | 'G' | 'B', octave: number, at: number, length: number, grace = false): Event => ({
  kind: 'note',
  pitch: pitch(step, 0, octave),
  offset: rational(at),
  duration: rational(grace ? 0 : length),
  ...(grace ? { grace: { slash: false } } : {}),
});
const rest = (at: number, length: number): Event => ({ kind: 'rest', offset: rational(at), duration: rational(length) });

function twoParts(upper: Event[], lower: Event[]): Score {
  const measure = (events: Event[]): Measure => ({ number: '1', index: 0, offset: rational(0), duration: rational(4), voices: [{ id: '1', events }] });
  return {
    metadata: { sourceFormat: 'generated' },
    parts: [
      { id: 'S', staffCount: 1, measures: [measure(upper)] },
      { id: 'B', staffCount: 1, measures: [measure(lower)] },
    ],
  };
}

describe('chordify', () => {
  it('makes a vertical wherever a note starts, holding what still sounds', () => {
    const verticals = chordify(twoParts([note('E', 4, 0, 2), note('G', 4, 2, 2)], [note('C', 3, 0, 4)]));
    expect(verticals.map((vertical) => [formatRational(vertical.offset), formatRational(vertical.duration), vertical.pitches.map(pitchName).join(' ')])).toEqual([
      ['0', '2', 'C3 E4'],
      ['2', '2', 'C3 G4'],
    ]);
  });

  it('splits where a rest begins elsewhere, as music21 does, and leaves silence out', () => {
    const verticals = chordify(twoParts([note('E', 4, 0, 1), rest(1, 3)], [note('C', 3, 0, 2), rest(2, 2)]));
    expect(verticals.map((vertical) => vertical.pitches.map(pitchName).join(' '))).toEqual(['C3 E4', 'C3']);
  });

  it('leaves grace notes out of the harmony', () => {
    const verticals = chordify(twoParts([note('B', 4, 0, 0, true), note('C', 5, 0, 4)], [note('C', 3, 0, 4)]));
    expect(verticals.map((vertical) => vertical.pitches.map(pitchName).join(' '))).toEqual(['C3 C5']);
  });

  it('places each vertical in its measure', () => {
    const [first] = chordify(twoParts([note('E', 4, 1, 3)], [note('C', 3, 1, 3)]));
    expect(first).toMatchObject({ measure: '1', measureIndex: 0, measureOffset: { n: 1, d: 1 } });
  });
});
