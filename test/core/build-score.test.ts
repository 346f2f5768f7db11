import { describe, expect, it } from 'vitest';
import { buildScore, measureLength } from '../../src/core/build-score.js';
import { pitch } from '../../src/core/pitch.js';
import { rational } from '../../src/core/rational.js';
import type { Event } from '../../src/core/score.js';

const C4 = pitch('C', 0, 4);
const E4 = pitch('E', 0, 4);
const describeEvent = (event: Event) =>
  `${event.kind}:${event.offset.n}/${event.offset.d}+${event.duration.n}/${event.duration.d}:${event.noteType ?? '-'}${'.'.repeat(event.dots ?? 0)}${event.kind === 'note' && event.tie ? `:${event.tie}` : ''}`;

describe('buildScore', () => {
  it('measures a meter in quarter notes, additive meters included', () => {
    expect(measureLength({ beats: '3', beatType: 4 })).toEqual(rational(3));
    expect(measureLength({ beats: '6', beatType: 8 })).toEqual(rational(3));
    expect(measureLength({ beats: '3+2', beatType: 8 })).toEqual(rational(5, 2));
  });

  it('splits a note across the barline into tied notes and fills silence with rests', () => {
    const score = buildScore({
      key: { fifths: 0 },
      time: { beats: '4', beatType: 4 },
      parts: [{ name: 'Melody', notes: [{ pitches: [C4], start: rational(3), duration: rational(2) }] }],
    });
    const [first, second] = score.parts[0]!.measures;
    expect(first!.voices[0]!.events.map(describeEvent)).toEqual(['rest:0/1+3/1:half.', 'note:3/1+1/1:quarter:start']);
    expect(second!.voices[0]!.events.map(describeEvent)).toEqual(['note:0/1+1/1:quarter:stop', 'rest:1/1+3/1:half.']);
    expect(second!.offset).toEqual(rational(4));
  });

  it('writes a length no single value has as tied values (five eighths: a half tied to an eighth)', () => {
    const score = buildScore({
      key: { fifths: 0 },
      time: { beats: '4', beatType: 4 },
      parts: [{ name: 'Melody', notes: [{ pitches: [C4], start: rational(0), duration: rational(5, 2) }] }],
    });
    expect(score.parts[0]!.measures[0]!.voices[0]!.events.map(describeEvent).slice(0, 2)).toEqual(['note:0/1+2/1:half:start', 'note:2/1+1/2:eighth:stop']);
  });

  it('opens with a pickup measure, numbered 0, and keeps chords, fermatas, key, meter and clef', () => {
    const score = buildScore({
      title: 'Test',
      key: { fifths: 1 },
      time: { beats: '3', beatType: 4 },
      pickup: rational(1),
      parts: [{ name: 'Piano', clef: { sign: 'F', line: 4 }, notes: [{ pitches: [C4, E4], start: rational(0), duration: rational(1), fermata: true }] }],
    });
    const pickup = score.parts[0]!.measures[0]!;
    expect(score.metadata).toMatchObject({ title: 'Test', sourceFormat: 'generated' });
    expect(pickup).toMatchObject({ number: '0', implicit: true, duration: rational(1), keys: [{ value: { fifths: 1 } }], clefs: [{ value: { sign: 'F' } }] });
    expect(pickup.voices[0]!.events[0]).toMatchObject({ kind: 'chord', fermata: true, noteType: 'quarter' });
  });

  it('leaves a tuplet length it cannot name as one event without a note type', () => {
    const score = buildScore({
      key: { fifths: 0 },
      time: { beats: '2', beatType: 4 },
      parts: [{ name: 'Melody', notes: [{ pitches: [C4], start: rational(0), duration: rational(1, 3) }] }],
    });
    expect(score.parts[0]!.measures[0]!.voices[0]!.events[0]).toMatchObject({ duration: rational(1, 3) });
    expect(score.parts[0]!.measures[0]!.voices[0]!.events[0]!.noteType).toBeUndefined();
  });
});
