/**
 * Everything a writer needs to engrave a part that its source may not say: per event its written value
 * (type, dots, tuplet), tuplet brackets, beams, stem direction and the accidentals it shows; per staff a
 * clef where the part names none. Writers (MusicXML, MEI) consult it so every source engraves alike.
 */
import { equals, mul, rational, ZERO, type Rational } from '../rational.js';
import type { Clef, Event, Measure, Part, TimeSignature, Tuplet } from '../score.js';
import { displayAccidentals, type ShownAccidental } from './accidentals.js';
import { beamVoice, pickupShift, type BeamState } from './beams.js';
import { inferredClefs } from './clefs.js';
import { beamCount, impliedTuplet, noteValue, noteValueLength, type NoteValue } from './note-values.js';
import { tupletBrackets, type TupletBracket } from './tuplets.js';

export interface EventEngraving {
  /** the written value; undefined when no value with up to two dots lasts the event's time */
  readonly value?: NoteValue;
  readonly tuplet?: Tuplet;
  readonly tupletBracket?: TupletBracket;
  /** per beam level, level 1 first; empty when unbeamed */
  readonly beams: readonly BeamState[];
  /** set where voices share a staff: the first voice stems up, the others down */
  readonly stem?: 'up' | 'down';
  /** per pitch (one for a note, one per chord member) */
  readonly accidentals: readonly (ShownAccidental | undefined)[];
  /** a rest that fills its bar alone: written as a whole-bar rest whatever the meter */
  readonly measureRest: boolean;
}

export interface PartEngraving {
  readonly events: ReadonlyMap<Event, EventEngraving>;
  /** per staff (index 0 is staff 1), a clef to write at the start where the part names none */
  readonly clefs: readonly (Clef | undefined)[];
}

const NO_ENGRAVING: EventEngraving = { beams: [], accidentals: [], measureRest: false };

/** eventEngraving(engraving, event) → what engravePart decided, or nothing for an event it never saw */
export function eventEngraving(engraving: PartEngraving, event: Event): EventEngraving {
  return engraving.events.get(event) ?? NO_ENGRAVING;
}

/** meterLength(3/4) → 3 quarters; "3+2"/8 → 5/2 */
export function meterLength(time: TimeSignature): Rational {
  const beats = time.beats.split('+').reduce((sum, count) => sum + (Number(count) || 0), 0);
  return mul(rational(beats || 4), rational(4, time.beatType || 4));
}

/** engravePart(part) → its engraving: for a part read from ABC, every event gets a type, beams and a clef */
export function engravePart(part: Part): PartEngraving {
  const accidentals = displayAccidentals(part);
  const events = new Map<Event, EventEngraving>();
  let time: TimeSignature = { beats: '4', beatType: 4 };
  for (const measure of part.measures) {
    time = (measure.times ?? []).find((entry) => entry.offset.n === 0)?.value ?? time;
    const bar = meterLength(time);
    const shift = measure.index === 0 ? pickupShift(measure.duration, bar) : ZERO;
    const stems = stemDirections(measure);
    for (const voice of measure.voices) {
      const written = new Map(voice.events.map((event) => [event, writtenValue(event)] as const));
      const tupletOf = (event: Event) => written.get(event)!.tuplet;
      const countOf = (event: Event) => (event.kind === 'rest' || event.grace ? 0 : beamCount(written.get(event)!.value?.type ?? 'quarter'));
      const beams = beamVoice(voice.events, time, countOf, shift);
      const brackets = tupletBrackets(voice.events, tupletOf);
      const alone = voice.events.length === 1;
      for (const event of voice.events) {
        const { value, tuplet } = written.get(event)!;
        const measureRest = event.kind === 'rest' && alone && event.offset.n === 0 && (event.measureRest === true || (equals(event.duration, measure.duration) && equals(event.duration, bar)));
        events.set(event, {
          ...(value ? { value } : {}),
          ...(tuplet ? { tuplet } : {}),
          ...(brackets.has(event) ? { tupletBracket: brackets.get(event)! } : {}),
          beams: beams.get(event) ?? [],
          ...(stems.has(voice.id) && event.kind !== 'rest' ? { stem: stems.get(voice.id)! } : {}),
          accidentals: accidentals.get(event) ?? [],
          measureRest,
        });
      }
    }
  }
  return { events, clefs: inferredClefs(part) };
}

/** the value as the source wrote it when that lasts the event's time, else the one that does */
function writtenValue(event: Event): { value?: NoteValue; tuplet?: Tuplet } {
  const declared = event.tuplet && event.tuplet.actual > 0 && event.tuplet.normal > 0 ? event.tuplet : undefined;
  const tuplet = declared ?? impliedTuplet(event.duration);
  if (event.kind !== 'rest' && event.grace) return { value: { type: event.noteType ?? 'eighth', dots: event.dots ?? 0 } };
  if (event.noteType) {
    const value = { type: event.noteType, dots: event.dots ?? 0 };
    if (equals(noteValueLength(value, tuplet), event.duration)) return { value, ...(tuplet ? { tuplet } : {}) };
  }
  const value = noteValue(event.duration, tuplet);
  return { ...(value ? { value } : {}), ...(tuplet ? { tuplet } : {}) };
}

/** voices sharing a staff in this measure: the first stems up, the others down */
function stemDirections(measure: Measure): Map<string, 'up' | 'down'> {
  const byStaff = new Map<number, string[]>();
  for (const voice of measure.voices) {
    const sounding = voice.events.filter((event) => event.kind !== 'rest' || !event.hidden);
    if (sounding.length === 0 || sounding.every((event) => event.kind === 'rest')) continue;
    const staff = voice.events.find((event) => event.staff !== undefined)?.staff ?? 1;
    byStaff.set(staff, [...(byStaff.get(staff) ?? []), voice.id]);
  }
  const stems = new Map<string, 'up' | 'down'>();
  for (const ids of byStaff.values()) if (ids.length > 1) ids.forEach((id, index) => stems.set(id, index === 0 ? 'up' : 'down'));
  return stems;
}

