/**
 * Performance marks in MEI: @artic (or <artic> children) and @slur ("i1", "t1") on notes and chords;
 * <dynam>, <hairpin> (@tstamp to @tstamp2 "1m+3") and <pedal> as control events timed by @tstamp, as
 * verovio writes them; <slur startid endid> read as the two ends it joins. Ornaments are not written yet.
 */
import { isDynamicMark, type Articulation, type DynamicMark, type HairpinMark, type PedalMark } from '../../core/marks.js';
import { ZERO, mul, rational, sub, toNumber, type Rational } from '../../core/rational.js';
import type { Event, Measure, Part, Timed } from '../../core/score.js';
import { attribute, type XmlElement } from '../musicxml/xml-scanner.js';
import { decimal } from './tempo.js';

const MEI_ARTICULATIONS: Readonly<Partial<Record<Articulation, string>>> = {
  accent: 'acc', 'strong-accent': 'marc', staccato: 'stacc', tenuto: 'ten', 'detached-legato': 'ten-stacc', staccatissimo: 'stacciss',
  spiccato: 'spicc', scoop: 'scoop', plop: 'plop', doit: 'doit', falloff: 'fall', stress: 'stress', unstress: 'unstress', 'soft-accent': 'acc-soft',
};
const ARTICULATION_OF = new Map(Object.entries(MEI_ARTICULATIONS).map(([name, mei]) => [mei, name as Articulation]));

type Draft = Record<string, unknown>;

/** readEventMarks(<note artic="stacc" slur="i1"/>, event): the event gains articulations ['staccato'] and a slur start */
export function readEventMarks(element: XmlElement, event: Draft): void {
  const names = [...(attribute(element, 'artic') ?? '').split(/\s+/), ...element.children.filter((item) => item.name === 'artic').map((item) => attribute(item, 'artic') ?? '')];
  for (const token of names) {
    const name = ARTICULATION_OF.get(token);
    const held = (event.articulations as Articulation[] | undefined) ?? [];
    if (name && !held.includes(name)) event.articulations = [...held, name];
  }
  for (const token of (attribute(element, 'slur') ?? '').split(/\s+/)) {
    const match = /^([it])([1-6])$/.exec(token);
    if (match) addSlur(event, match[2] === '1' ? { type: match[1] === 'i' ? 'start' : 'stop' } : { type: match[1] === 'i' ? 'start' : 'stop', number: Number(match[2]) });
  }
}

/** adds a slur end to a draft event, once */
export function addSlur(event: Draft, slur: { type: 'start' | 'stop'; number?: number }): void {
  const held = (event.slurs as { type: string; number?: number }[] | undefined) ?? [];
  if (!held.some((old) => old.type === slur.type && old.number === slur.number)) event.slurs = [...held, slur];
}

/** A control event read from a measure: its kind, where it is, and for a hairpin where it stops (measures ahead, offset there). */
export type ControlMark =
  | { readonly kind: 'dynamics'; readonly offset: Rational; readonly value: DynamicMark }
  | { readonly kind: 'pedals'; readonly offset: Rational; readonly value: PedalMark }
  | { readonly kind: 'hairpins'; readonly offset: Rational; readonly value: HairpinMark; readonly stop?: { readonly measuresAhead: number; readonly offset: Rational } };

const PEDAL_TYPES: Readonly<Record<string, PedalMark['type']>> = { down: 'start', up: 'stop', bounce: 'change' };

/** readControlMark(<dynam tstamp="2" staff="1">p</dynam>, 4) → { kind: 'dynamics', offset: 1, value: 'p' } */
export function readControlMark(element: XmlElement, meterUnit: number): ControlMark | undefined {
  const offset = tstampOffset(attribute(element, 'tstamp'), meterUnit);
  if (offset === undefined) return undefined;
  if (element.name === 'dynam') {
    const text = [element.text, ...element.children.map((part) => part.text)].join('').trim();
    return isDynamicMark(text) ? { kind: 'dynamics', offset, value: text } : undefined;
  }
  if (element.name === 'pedal') {
    const type = PEDAL_TYPES[attribute(element, 'dir') ?? ''];
    return type ? { kind: 'pedals', offset, value: { type } } : undefined;
  }
  const form = attribute(element, 'form');
  if (form !== 'cres' && form !== 'dim') return undefined;
  const value: HairpinMark = { type: form === 'cres' ? 'crescendo' : 'diminuendo' };
  const match = /^\s*(\d+)m\+(\S+)\s*$/.exec(attribute(element, 'tstamp2') ?? '');
  const stopOffset = match ? tstampOffset(match[2], meterUnit) : undefined;
  return stopOffset === undefined ? { kind: 'hairpins', offset, value } : { kind: 'hairpins', offset, value, stop: { measuresAhead: Number(match![1]), offset: stopOffset } };
}

function tstampOffset(tstamp: string | undefined, meterUnit: number): Rational | undefined {
  const beats = decimal(tstamp ?? '');
  if (!beats || !Number.isInteger(meterUnit) || meterUnit <= 0) return undefined;
  const offset = mul(sub(simplest(beats), rational(1)), rational(4, meterUnit));
  return offset.n < 0 ? ZERO : offset;
}

/** the finest subdivision a MIDI-derived time needs (MIDI writer's ticks per quarter) */
const FINEST = 10080;

/** simplest(1.047619) → 22/21: a @tstamp is a rounded decimal; the fraction it stands for has a small denominator */
function simplest(value: Rational): Rational {
  const number = toNumber(value);
  for (let denominator = 1; denominator <= FINEST; denominator++) {
    const numerator = Math.round(number * denominator);
    if (Math.abs(number - numerator / denominator) < 1e-6) return rational(numerator, denominator);
  }
  return value;
}

function tstampOf(offset: Rational, meterUnit: number): number {
  return Number((toNumber(mul(offset, rational(meterUnit, 4))) + 1).toFixed(6));
}

/** eventMarkAttributes(staccato note starting a slur) → ' artic="stacc" slur="i1"' */
export function eventMarkAttributes(event: Event): string {
  const artic = (event.articulations ?? []).map((name) => MEI_ARTICULATIONS[name]).filter(Boolean);
  const slurs = (event.slurs ?? []).map((slur) => `${slur.type === 'start' ? 'i' : 't'}${Math.min(6, slur.number ?? 1)}`);
  return `${artic.length > 0 ? ` artic="${artic.join(' ')}"` : ''}${slurs.length > 0 ? ` slur="${slurs.join(' ')}"` : ''}`;
}

/**
 * writeControlMarks(part, 3, [1, 2], 4) → the <dynam>, <hairpin> and <pedal> of the part's fourth measure.
 * A hairpin is written at its start, reaching to the stop with its number in that or a later measure; one
 * that never stops is left out.
 */
export function writeControlMarks(part: Part, index: number, staffNumbers: readonly number[], meterUnit: number): string[] {
  const measure = part.measures[index];
  if (!measure) return [];
  const staffOf = (mark: Timed<unknown>) => staffNumbers[(mark.staff ?? 1) - 1] ?? staffNumbers[0]!;
  const at = (mark: Timed<unknown>) => `tstamp="${tstampOf(mark.offset, meterUnit)}" staff="${staffOf(mark)}"`;
  const written = [
    ...(measure.dynamics ?? []).map((mark) => `<dynam ${at(mark)}>${mark.value}</dynam>`),
    ...(measure.pedals ?? []).map((mark) => `<pedal ${at(mark)} dir="${mark.value.type === 'start' ? 'down' : mark.value.type === 'stop' ? 'up' : 'bounce'}"/>`),
  ];
  for (const mark of measure.hairpins ?? []) {
    if (mark.value.type === 'stop') continue;
    const stop = hairpinStop(part, index, mark);
    if (stop) written.push(`<hairpin ${at(mark)} tstamp2="${stop.measuresAhead}m+${tstampOf(stop.offset, meterUnit)}" form="${mark.value.type === 'crescendo' ? 'cres' : 'dim'}"/>`);
  }
  return written;
}

/** per part, each hairpin start with the stop it reaches: starts of one number close first come, first served */
const pairedHairpins = new WeakMap<Part, Map<Timed<HairpinMark>, { measuresAhead: number; offset: Rational }>>();

function hairpinStop(part: Part, index: number, start: Timed<HairpinMark>): { measuresAhead: number; offset: Rational } | undefined {
  let pairs = pairedHairpins.get(part);
  if (!pairs) pairedHairpins.set(part, (pairs = pairHairpins(part.measures)));
  return pairs.get(start);
}

function pairHairpins(measures: readonly Measure[]): Map<Timed<HairpinMark>, { measuresAhead: number; offset: Rational }> {
  const pairs = new Map<Timed<HairpinMark>, { measuresAhead: number; offset: Rational }>();
  const open = new Map<number, { mark: Timed<HairpinMark>; index: number }[]>();
  measures.forEach((measure, index) => {
    const marks = [...(measure.hairpins ?? [])].sort((a, b) => toNumber(a.offset) - toNumber(b.offset));
    for (const mark of marks) {
      const number = mark.value.number ?? 1;
      const waiting = open.get(number) ?? [];
      if (mark.value.type !== 'stop') open.set(number, [...waiting, { mark, index }]);
      else if (waiting.length > 0) {
        const [first, ...rest] = waiting;
        pairs.set(first!.mark, { measuresAhead: index - first!.index, offset: mark.offset });
        open.set(number, rest);
      }
    }
  });
  return pairs;
}
