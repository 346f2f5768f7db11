import { describe, expect, it } from 'vitest';
import { engravePart, eventEngraving } from '../../../src/core/notation/engrave.js';
import type { Part } from '../../../src/core/score.js';
import { eventsOf, part } from './parts.js';

describe('engravePart', () => {
  it('gives a source without notation (as ABC, **kern and MIDI arrive) types, dots, tuplets, beams, accidentals and a clef', () => {
    const written = part(['C#5:3/2 D5:1/2 E5:1/3 F5:1/3 G5:1/3 A5:1']);
    const engraving = engravePart(written);
    const events = eventsOf(written).map((event) => eventEngraving(engraving, event));
    expect(events.map((event) => `${event.value?.type}${'.'.repeat(event.value?.dots ?? 0)}`)).toEqual(['quarter.', 'eighth', 'eighth', 'eighth', 'eighth', 'quarter']);
    expect(events.map((event) => event.tuplet?.actual ?? 0)).toEqual([0, 0, 3, 3, 3, 0]);
    expect(events.map((event) => event.beams.join('/'))).toEqual(['', '', 'begin', 'continue', 'end', '']);
    expect(events[0]!.accidentals).toEqual([{ sign: 'sharp', cautionary: false }]);
    expect(engraving.clefs).toEqual([{ sign: 'G', line: 2 }]);
  });

  it('keeps a written type that lasts the event’s time and replaces one that does not', () => {
    const written = part(['C4:2 D4:2']);
    const [first, second] = written.measures[0]!.voices[0]!.events;
    const typed: Part = { ...written, measures: [{ ...written.measures[0]!, voices: [{ id: '1', events: [{ ...first!, noteType: 'half' }, { ...second!, noteType: 'quarter' }] }] }] };
    const engraving = engravePart(typed);
    expect(eventsOf(typed).map((event) => eventEngraving(engraving, event).value)).toEqual([{ type: 'half', dots: 0 }, { type: 'half', dots: 0 }]);
  });

  it('writes a rest alone in a full bar as a whole-bar rest, whatever the meter', () => {
    const written = part(['r:9/2'], { time: { beats: '9', beatType: 8 } });
    expect(eventEngraving(engravePart(written), eventsOf(written)[0]!).measureRest).toBe(true);
  });

  it('stems the first of two voices on a staff up and the second down', () => {
    const upper = part(['E5:4']);
    const lower = part(['C4:4']);
    const both: Part = { ...upper, measures: [{ ...upper.measures[0]!, voices: [upper.measures[0]!.voices[0]!, { id: '2', events: lower.measures[0]!.voices[0]!.events }] }] };
    const engraving = engravePart(both);
    expect(eventsOf(both).map((event) => eventEngraving(engraving, event).stem)).toEqual(['up', 'down']);
  });
});
