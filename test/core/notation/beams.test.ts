import { describe, expect, it } from 'vitest';
import { beamVoice, beatGroups } from '../../../src/core/notation/beams.js';
import { beamCount, noteValue } from '../../../src/core/notation/note-values.js';
import { rational } from '../../../src/core/rational.js';
import type { Event, TimeSignature } from '../../../src/core/score.js';
import { eventsOf, part } from './parts.js';

const countOf = (event: Event) => (event.kind === 'rest' ? 0 : beamCount(noteValue(event.duration)?.type ?? 'quarter'));

/** per event its beam states joined by "/", "-" when unbeamed */
function beams(bar: string, time: TimeSignature = { beats: '4', beatType: 4 }, shift = rational(0)): string[] {
  const events = eventsOf(part([bar], { time }));
  const states = beamVoice(events, time, countOf, shift);
  return events.map((event) => states.get(event)?.join('/') ?? '-');
}

describe('beams', () => {
  it('groups by the beat of the meter: quarters in 4/4, a half in 2/2, dotted quarters in 6/8, the bar in 3/8, written groups in 3+2/8', () => {
    expect(beatGroups({ beats: '4', beatType: 4 })).toEqual([1, 1, 1, 1].map((n) => rational(n)));
    expect(beatGroups({ beats: '2', beatType: 2 })).toEqual([rational(2), rational(2)]);
    expect(beatGroups({ beats: '6', beatType: 8 })).toEqual([rational(3, 2), rational(3, 2)]);
    expect(beatGroups({ beats: '3', beatType: 8 })).toEqual([rational(3, 2)]);
    expect(beatGroups({ beats: '3+2', beatType: 8 })).toEqual([rational(3, 2), rational(1)]);
  });

  it('beams eighths in pairs in 4/4 and leaves quarters alone', () => {
    expect(beams('C4:1/2 D4:1/2 E4:1/2 F4:1/2 G4:1 A4:1')).toEqual(['begin', 'end', 'begin', 'end', '-', '-']);
  });

  it('beams six eighths of 6/8 in two threes', () => {
    expect(beams('C4:1/2 D4:1/2 E4:1/2 F4:1/2 G4:1/2 A4:1/2', { beats: '6', beatType: 8 })).toEqual(['begin', 'continue', 'end', 'begin', 'continue', 'end']);
  });

  it('joins sixteenths with a second beam and hooks a lone one (dotted eighth and sixteenth)', () => {
    expect(beams('C4:1/4 D4:1/4 E4:1/2 F4:3/4 G4:1/4 A4:2')).toEqual(['begin/begin', 'continue/end', 'end', 'begin', 'end/backward hook', '-']);
  });

  it('breaks the beam at a rest and does not beam a lone eighth', () => {
    expect(beams('C4:1/2 r:1/2 D4:1/2 E4:1/2 F4:2')).toEqual(['-', '-', 'begin', 'end', '-']);
  });

  it('counts a pickup’s beats from the end of the bar', () => {
    // a pickup of three eighths in 4/4 starts half a beat in: the first eighth ends a beat, the other two make one
    expect(beams('C4:1/2 D4:1/2 E4:1/2', { beats: '4', beatType: 4 }, rational(5, 2))).toEqual(['-', 'begin', 'end']);
  });
});
