/**
 * One <part> → a Part. Measures are laid end to end as music21 lays them, so offsets agree with it:
 * a measure advances time by what its voices fill (pickups and short measures stay short), an empty
 * measure is a bar of rest, and a measure overfull by an odd amount (a writer's rounding) by its meter.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { ZERO, add, compare, max, mul, rational, sub, type Rational } from '../../core/rational.js';
import type { Event, Measure, Part, TimeSignature, Unpitched, Voice } from '../../core/score.js';
import type { PartHeader } from './header.js';
import { readMeasure, type MeasureReading, type PartCursor } from './measure.js';
import { attribute, type XmlElement } from './xml-scanner.js';

export interface PartContext {
  readonly source: string;
  /** per part id, its percussion instruments by instrument id */
  readonly kits: ReadonlyMap<string, ReadonlyMap<string, Unpitched>>;
  readonly diagnostics: Diagnostic[];
  readonly forwardIsRest: boolean;
}

const COMMON_TIME: Rational = rational(4);

/** readPart(<part id="P1">…</part>, header, context) → the Part with every measure */
export function readPart(element: XmlElement, header: PartHeader | undefined, context: PartContext): Part {
  const id = attribute(element, 'id') ?? '';
  const cursor: PartCursor = { divisions: 1, divisionsKnown: false, staffCount: 1, forwardIsRest: context.forwardIsRest, said: new Set(), kit: context.kits.get(id) ?? new Map() };
  const measures: Measure[] = [];
  let offset: Rational = ZERO;
  let barLength = COMMON_TIME;
  let lastReading: MeasureReading | undefined;
  for (const measureElement of element.children) {
    if (measureElement.name !== 'measure') continue;
    const reading = readMeasure(measureElement, cursor, { partId: id, index: measures.length, offset, source: context.source, diagnostics: context.diagnostics });
    barLength = barLengthOf(reading.measure, barLength);
    const measure = isEmpty(reading.measure) ? withBarRest(reading.measure, barLength) : reading.measure;
    measures.push(measure);
    offset = add(offset, advance(measure, barLength, context, id));
    lastReading = reading;
  }
  if (lastReading?.forwardRest && measures.length > 0) {
    measures[measures.length - 1] = withoutEndingForwardRest(measures[measures.length - 1]!, lastReading.forwardRest);
  }
  const transposition = measures.find((measure) => measure.transpositions)?.transpositions?.[0]?.value;
  return {
    id,
    ...header,
    ...(transposition ? { transposition } : {}),
    staffCount: cursor.staffCount,
    measures,
  };
}

/** quarter length of a bar in the meter: 3/8 → 3/2; "3+2"/8 → 5/2 */
export function barLength(time: TimeSignature): Rational | undefined {
  const beats = time.beats.split('+').reduce((sum, term) => sum + Number(term), 0);
  return Number.isInteger(beats) && beats > 0 ? mul(rational(beats), rational(4, time.beatType)) : undefined;
}

function barLengthOf(measure: Measure, previous: Rational): Rational {
  const time = measure.times?.find((timed) => timed.offset.n === 0)?.value;
  return (time && barLength(time)) ?? previous;
}

function isEmpty(measure: Measure): boolean {
  return measure.voices.every((voice) => voice.events.length === 0);
}

function withBarRest(measure: Measure, length: Rational): Measure {
  const rest: Event = { kind: 'rest', offset: ZERO, duration: length, measureRest: true };
  return { ...measure, duration: length, voices: [{ id: '1', events: [rest] }] };
}

function advance(measure: Measure, bar: Rational, context: PartContext, partId: string): Rational {
  if (compare(measure.duration, bar) <= 0) return measure.duration;
  const excess = sub(measure.duration, bar);
  const deliberate = compare(excess, rational(1, 2)) > 0 || (16 % excess.d === 0) || (12 % excess.d === 0);
  if (deliberate) return measure.duration;
  context.diagnostics.push({
    severity: 'warning',
    message: `Measure ${measure.number} is overfull by ${excess.n}/${excess.d} quarter; its meter was used to place the next measure.`,
    partId,
    measure: measure.number,
  });
  return bar;
}

/** music21's Finale clean-up: a trailing <forward> in a one-voice last measure is not a rest. */
function withoutEndingForwardRest(measure: Measure, rest: Event): Measure {
  if (measure.voices.length !== 1) return measure;
  const events = measure.voices[0]!.events;
  if (events[events.length - 1] !== rest) return measure;
  const kept = events.slice(0, -1);
  const voice: Voice = { ...measure.voices[0]!, events: kept };
  const duration = kept.reduce((end, event) => max(end, add(event.offset, event.duration)), ZERO);
  return { ...measure, duration, voices: [voice] };
}
