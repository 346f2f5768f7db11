/**
 * One measure of a **kern file: its barline, spine splits for its voices, interpretations, data records
 * (one per moment, grace notes on records of their own before their note) and the merges after it.
 */
import { add, compare, sub, ZERO, type Rational } from '../../core/rational.js';
import type { Measure, Part, Timed, Voice } from '../../core/score.js';
import { dynamTokens } from './dynam.js';
import { clefToken, eventToken, fillerRest, keyTokens, meterToken } from './tokens.js';

export interface KernColumn {
  readonly kind: 'kern' | 'dynam';
  readonly part: Part;
  readonly partIndex: number;
  /** the staff of its part, 1 the top one */
  readonly staff: number;
  /** the staff in the whole score, 1 the top one (*staffN) */
  readonly staffNumber: number;
}

/** what carries from one measure to the next: the key signature per part, the hairpin each part left open */
export interface MeasureState {
  readonly fifths: Map<number, number>;
  readonly openHairpins: Map<number, { kind?: 'crescendo' | 'diminuendo' }>;
}

/** a moment of the measure and what each sub-spine writes there */
interface Moment {
  readonly offset: Rational;
  /** per sub-spine, the grace notes before the moment's notes */
  readonly graces: Map<number, string[]>;
  readonly tokens: Map<number, string>;
  readonly interpretations: Map<number, string[]>;
}

/** the records of measure `index`, from its barline to the merges that close it */
export function measureRecords(columns: readonly KernColumn[], index: number, state: MeasureState): string[] {
  const measures = columns.map((column) => column.part.measures[index]);
  const voices = columns.map((column, at) => (column.kind === 'kern' ? staffVoices(measures[at], column.staff) : []));
  const widths = voices.map((list) => Math.max(1, list.length));
  const records: string[] = [];
  const starting = startInterpretations(columns, measures, state);
  const barline = barlineRecord(columns, index);
  if (index === 0) records.push(...interpretationRecords(starting, widths.map(() => 1)), ...barline);
  else records.push(...barline);
  records.push(...splitRecords(widths));
  if (index > 0) records.push(...interpretationRecords(starting, widths));
  records.push(...dataRecords(columns, measures, voices, widths, state));
  records.push(...mergeRecords(widths));
  return records;
}

/** the voices written on one staff, in voice order; a voice belongs to the staff of its first event */
function staffVoices(measure: Measure | undefined, staff: number): Voice[] {
  if (!measure) return [];
  return measure.voices
    .filter((voice) => voice.events.length > 0 && (voice.events[0]!.staff ?? 1) === staff)
    .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
}

/** the barline before a measure (none before a pickup numbered 0), with the repeat signs around it */
function barlineRecord(columns: readonly KernColumn[], index: number): string[] {
  const part = columns[0]?.part;
  const measure = part?.measures[index];
  if (!measure || (index === 0 && measure.number === '0')) return [];
  const number = /^\d+[a-z]?$/.test(measure.number) ? measure.number : '';
  const start = measure.barlines?.some((barline) => barline.location === 'left' && barline.repeat === 'forward') ? '!|:' : '';
  const end = index > 0 ? endSign(part.measures[index - 1]!) : '';
  return [columns.map(() => `=${number}${end}${start && end.endsWith('!') ? '|:' : start}`).join('\t')];
}

/** the sign a measure's right barline leaves on the next barline record: ":|!" a repeat, "|!" heavy, "||" double */
export function endSign(measure: Measure): string {
  const right = measure.barlines?.find((barline) => barline.location === 'right');
  if (right?.repeat === 'backward') return ':|!';
  if (right?.style === 'light-heavy') return '|!';
  if (right?.style === 'light-light') return '||';
  return '';
}

/** per column, the clef, key and meter tokens that take effect at the start of the measure */
function startInterpretations(columns: readonly KernColumn[], measures: readonly (Measure | undefined)[], state: MeasureState): string[][] {
  return columns.map((column, at) => {
    const measure = measures[at];
    if (column.kind !== 'kern' || !measure) return [];
    return interpretationsAt(column, measure, ZERO, state);
  });
}

function interpretationsAt(column: KernColumn, measure: Measure, offset: Rational, state: MeasureState): string[] {
  const here = <T>(list: readonly Timed<T>[] | undefined, staffed = false) =>
    (list ?? []).filter((entry) => compare(entry.offset, offset) === 0 && (!staffed || entry.staff === undefined || entry.staff === column.staff)).map((entry) => entry.value);
  const tokens: string[] = [];
  for (const clef of here(measure.clefs, true)) tokens.push(clefToken(clef) ?? '');
  for (const key of here(measure.keys)) {
    state.fifths.set(column.partIndex, key.fifths);
    tokens.push(...keyTokens(key));
  }
  for (const time of here(measure.times)) tokens.push(meterToken(time));
  return tokens.filter(Boolean);
}

/** one record per interpretation row: row r holds each column's r-th token, repeated over its sub-spines */
function interpretationRecords(perColumn: readonly string[][], widths: readonly number[]): string[] {
  const rows = Math.max(0, ...perColumn.map((tokens) => tokens.length));
  const records: string[] = [];
  for (let row = 0; row < rows; row++) {
    records.push(perColumn.flatMap((tokens, at) => Array<string>(widths[at]!).fill(tokens[row] ?? '*')).join('\t'));
  }
  return records;
}

/** splits that give each staff one sub-spine per voice: the rightmost sub-spine splits, once per record */
function splitRecords(widths: readonly number[]): string[] {
  const records: string[] = [];
  const counts = widths.map(() => 1);
  while (counts.some((count, at) => count < widths[at]!)) {
    records.push(counts.flatMap((count, at) => Array.from({ length: count }, (_, sub) => (sub === count - 1 && count < widths[at]! ? '*^' : '*'))).join('\t'));
    counts.forEach((count, at) => (counts[at] = count < widths[at]! ? count + 1 : count));
  }
  return records;
}

/** merges back to one sub-spine per staff, one staff per record (adjacent *v of two staves would merge them) */
function mergeRecords(widths: readonly number[]): string[] {
  const counts = [...widths];
  const records: string[] = [];
  counts.forEach((width, at) => {
    if (width < 2) return;
    records.push(counts.flatMap((count, column) => Array<string>(count).fill(column === at ? '*v' : '*')).join('\t'));
    counts[at] = 1;
  });
  return records;
}

function dataRecords(columns: readonly KernColumn[], measures: readonly (Measure | undefined)[], voices: readonly Voice[][], widths: readonly number[], state: MeasureState): string[] {
  const moments = new Map<string, Moment>();
  const moment = (offset: Rational): Moment => {
    const key = `${offset.n}/${offset.d}`;
    let found = moments.get(key);
    if (!found) moments.set(key, (found = { offset, graces: new Map(), tokens: new Map(), interpretations: new Map() }));
    return found;
  };
  let subSpine = 0;
  columns.forEach((column, at) => {
    const measure = measures[at];
    const fifths = state.fifths.get(column.partIndex) ?? 0;
    if (column.kind === 'dynam') {
      if (!state.openHairpins.has(column.partIndex)) state.openHairpins.set(column.partIndex, {});
      if (measure) for (const { offset, token } of dynamTokens(measure, state.openHairpins.get(column.partIndex)!).values()) moment(offset).tokens.set(subSpine, token);
    } else if (measure) {
      placeVoices(voices[at]!, measure, subSpine, fifths, moment);
      placeChanges(column, measure, subSpine, widths[at]!, state, moment);
    }
    subSpine += widths[at]!;
  });
  const records: string[] = [];
  for (const { graces, tokens, interpretations } of [...moments.values()].sort((a, b) => compare(a.offset, b.offset))) {
    const interpretationRows = Math.max(0, ...[...interpretations.values()].map((list) => list.length));
    for (let row = 0; row < interpretationRows; row++) records.push(record(subSpine, (at) => interpretations.get(at)?.[row] ?? '*'));
    const graceRows = Math.max(0, ...[...graces.values()].map((list) => list.length));
    for (let row = 0; row < graceRows; row++) records.push(record(subSpine, (at) => graces.get(at)?.[row] ?? '.'));
    if (tokens.size > 0) records.push(record(subSpine, (at) => tokens.get(at) ?? '.'));
  }
  return records;
}

function record(width: number, token: (subSpine: number) => string): string {
  return Array.from({ length: width }, (_, at) => token(at)).join('\t');
}

/** each voice's events on its sub-spine, with hidden rests where it has nothing written, up to the measure's end */
function placeVoices(voices: readonly Voice[], measure: Measure, first: number, fifths: number, moment: (offset: Rational) => Moment): void {
  if (voices.length === 0 && measure.duration.n > 0) moment(ZERO).tokens.set(first, fillerRest(measure.duration));
  voices.forEach((voice, index) => {
    const subSpine = first + index;
    let position = ZERO;
    for (const event of voice.events) {
      if (compare(event.offset, position) > 0) moment(position).tokens.set(subSpine, fillerRest(sub(event.offset, position)));
      if (event.duration.n === 0) {
        const graces = moment(event.offset).graces;
        graces.set(subSpine, [...(graces.get(subSpine) ?? []), eventToken(event, fifths)]);
        continue;
      }
      moment(event.offset).tokens.set(subSpine, eventToken(event, fifths));
      position = later(position, add(event.offset, event.duration));
    }
    if (compare(measure.duration, position) > 0) moment(position).tokens.set(subSpine, fillerRest(sub(measure.duration, position)));
  });
}

function later(a: Rational, b: Rational): Rational {
  return compare(a, b) >= 0 ? a : b;
}

/** clef, key and meter changes inside the measure, and pedal marks (on the part's lowest staff) */
function placeChanges(column: KernColumn, measure: Measure, first: number, width: number, state: MeasureState, moment: (offset: Rational) => Moment): void {
  const offsets = [...(measure.clefs ?? []), ...(measure.keys ?? []), ...(measure.times ?? [])].map((entry) => entry.offset).filter((offset) => offset.n > 0);
  for (const offset of offsets) {
    const tokens = interpretationsAt(column, measure, offset, state);
    for (let at = first; at < first + width; at++) moment(offset).interpretations.set(at, tokens);
  }
  if (column.staff !== Math.max(1, column.part.staffCount)) return;
  for (const pedal of measure.pedals ?? []) {
    const tokens = pedal.value.type === 'start' ? ['*ped'] : pedal.value.type === 'stop' ? ['*Xped'] : ['*Xped', '*ped'];
    const list = moment(pedal.offset).interpretations;
    list.set(first, [...(list.get(first) ?? []), ...tokens]);
  }
}

