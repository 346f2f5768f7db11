/**
 * MEI 5.0 writer: <meiHead> with title and composer; a <scoreDef> with a <staffDef> per staff (a braced
 * <staffGrp> for a part on several staves) holding clef, key and meter; then one <section> of
 * <measure>s, each with a <staff>/<layer> per voice. Key, meter and clef changes go in a <scoreDef>
 * before the measure, repeats in @left/@right, volta brackets as <ending>s, pickups as @metcon="false".
 */
import { engravePart, type PartEngraving } from '../../core/notation/engrave.js';
import { ZERO, add, compare, equals, max, rational, type Rational } from '../../core/rational.js';
import type { Barline, Clef, Event, KeySignature, Measure, Part, Score, Timed, TimeSignature } from '../../core/score.js';
import { barLength } from '../musicxml/part.js';
import { StaffAccidentals } from './accidentals.js';
import { writeControlMarks } from './marks.js';
import { writeTempo } from './tempo.js';
import { clefAttributes, meiKeySig } from './vocabulary.js';
import { writeLayer } from './write-layer.js';

const RIGHT_BARS: Readonly<Record<string, string>> = {
  'light-heavy': 'end', 'light-light': 'dbl', dashed: 'dashed', dotted: 'dotted', heavy: 'heavy', 'heavy-heavy': 'dblheavy', none: 'invis',
};

/** writeMei(score) → MEI 5.0 text that readMei reads back to the same notes */
export function writeMei(score: Score): string {
  const staffNumbers = numberStaves(score.parts);
  // what the source may not say (accidentals shown, beams, a clef) decided once per part, as for MusicXML
  const engravings = score.parts.map(engravePart);
  const ppqs = score.parts.map(ppqFor);
  const meters = score.parts.map((part) => new Array<TimeSignature | undefined>(part.staffCount).fill(undefined));
  const keys = score.parts.map((part) => new Array<number>(part.staffCount).fill(0));
  const measureCount = score.parts.reduce((most, part) => Math.max(most, part.measures.length), 0);
  const body: string[] = [];
  let ending: string | undefined;
  for (let index = 0; index < measureCount; index++) {
    const measures = score.parts.map((part) => part.measures[index]);
    const changes = score.parts.map((part, partIndex) => staffChanges(part, measures[partIndex], staffNumbers[partIndex]!, meters[partIndex]!, keys[partIndex]!, engravings[partIndex]!));
    if (index === 0) body.push(scoreDef(score, staffNumbers, changes, ppqs));
    else {
      const change = changeScoreDef(changes);
      if (change) body.push(change);
    }
    const lead = measures.find((measure) => measure !== undefined)!;
    const started = (lead.barlines ?? []).find((barline) => barline.location === 'left' && barline.ending?.type === 'start')?.ending;
    if (started) {
      if (ending) body.push('</ending>');
      ending = started.numbers.join(', ');
      body.push(`<ending n="${ending}">`);
    }
    body.push(writeMeasure(score, measures, lead, { staffNumbers, meters, keys, ppqs, engravings }, index));
    if (ending && (lead.barlines ?? []).some((barline) => barline.location !== 'left' && (barline.ending?.type === 'stop' || barline.ending?.type === 'discontinue'))) {
      body.push('</ending>');
      ending = undefined;
    }
  }
  if (ending) body.push('</ending>');
  if (measureCount === 0) body.push(scoreDef(score, staffNumbers, score.parts.map(() => []), ppqs));
  const [definition, ...measures] = body;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<?xml-model href="https://music-encoding.org/schema/5.0/mei-CMN.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>',
    '<mei xmlns="http://www.music-encoding.org/ns/mei" meiversion="5.0">',
    header(score),
    '<music><body><mdiv><score>',
    definition,
    '<section>',
    ...measures,
    '</section>',
    '</score></mdiv></body></music>',
    '</mei>',
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function header(score: Score): string {
  const { title, composer, lyricist } = score.metadata;
  const people = [
    composer ? `<persName role="composer">${escape(composer)}</persName>` : '',
    lyricist ? `<persName role="lyricist">${escape(lyricist)}</persName>` : '',
  ].join('');
  return `<meiHead><fileDesc><titleStmt><title>${escape(title ?? '')}</title>${people ? `<respStmt>${people}</respStmt>` : ''}</titleStmt><pubStmt><respStmt><name>Cadenza</name></respStmt></pubStmt></fileDesc></meiHead>`;
}

function numberStaves(parts: readonly Part[]): number[][] {
  let next = 1;
  return parts.map((part) => Array.from({ length: Math.max(1, part.staffCount) }, () => next++));
}

/** the value in force at the measure's start on staff `staff` (1-based), from entries at offset 0 */
function atStart<T>(list: readonly Timed<T>[] | undefined, staff: number): T | undefined {
  const found = (list ?? []).filter((timed) => timed.offset.n === 0 && (timed.staff === undefined || timed.staff === staff));
  return found[found.length - 1]?.value;
}

/** what changes on one staff at a measure's start */
interface StaffChange {
  readonly n: number;
  readonly clef?: Clef;
  readonly key?: KeySignature;
  readonly time?: TimeSignature;
  /** trans.diat/trans.semi attributes, at the first measure */
  readonly transposition?: string;
}

/** per staff of the part, what changes at this measure; updates the meters and keys in force */
function staffChanges(part: Part, measure: Measure | undefined, numbers: readonly number[], meters: (TimeSignature | undefined)[], keys: number[], engraving: PartEngraving): StaffChange[] {
  return numbers.map((n, index) => {
    if (!measure) return { n };
    const staff = index + 1;
    const key = atStart(measure.keys, staff);
    const time = atStart(measure.times, staff);
    const clef = atStart(measure.clefs, staff) ?? (measure.index === 0 ? engraving.clefs[index] : undefined);
    const transposition = measure.index === 0 ? part.transposition ?? atStart(measure.transpositions, staff) : undefined;
    if (key) keys[index] = key.fifths;
    if (time) meters[index] = time;
    return {
      n,
      ...(clef ? { clef } : {}),
      ...(key ? { key } : {}),
      ...(time ? { time } : {}),
      ...(transposition ? { transposition: ` trans.diat="${transposition.diatonic}" trans.semi="${transposition.chromatic + 12 * transposition.octaveChange}"` } : {}),
    };
  });
}

function staffDefContent(change: StaffChange | undefined, shared: { key: boolean; time: boolean }): string {
  if (!change) return '';
  return [change.clef ? writeClef(change.clef) : '', change.key && !shared.key ? writeKey(change.key) : '', change.time && !shared.time ? writeMeter(change.time) : ''].join('');
}

/**
 * A <scoreDef> between measures: a key or meter every staff changes to goes on the scoreDef itself (as
 * verovio writes it, and loads it most reliably), the rest on each staff's <staffDef>.
 */
function changeScoreDef(changes: readonly StaffChange[][]): string {
  const all = changes.flat();
  const same = (pick: (change: StaffChange) => unknown) => all.length > 0 && all.every((change) => pick(change) !== undefined && JSON.stringify(pick(change)) === JSON.stringify(pick(all[0]!)));
  const shared = { key: same((change) => change.key), time: same((change) => change.time) };
  const staffDefs = all.map((change) => [change, staffDefContent(change, shared)] as const).filter(([, content]) => content).map(([change, content]) => `<staffDef n="${change.n}">${content}</staffDef>`);
  if (!shared.key && !shared.time && staffDefs.length === 0) return '';
  const common = `${shared.key ? writeKey(all[0]!.key!) : ''}${shared.time ? writeMeter(all[0]!.time!) : ''}`;
  return `<scoreDef>${common}${staffDefs.length > 0 ? `<staffGrp>${staffDefs.join('')}</staffGrp>` : ''}</scoreDef>`;
}

function writeClef(clef: Clef): string {
  const attributes = clefAttributes(clef);
  if (!attributes) return '';
  return `<clef shape="${attributes.shape}"${attributes.line ? ` line="${attributes.line}"` : ''}${attributes.dis ? ` dis="${attributes.dis}" dis.place="${attributes.disPlace}"` : ''}/>`;
}

function writeKey(key: KeySignature): string {
  return `<keySig sig="${meiKeySig(key.fifths)}"${key.mode && key.mode !== 'none' ? ` mode="${key.mode}"` : ''}/>`;
}

function writeMeter(time: TimeSignature): string {
  const sym = time.symbol === 'common' || time.symbol === 'cut' ? ` sym="${time.symbol}"` : '';
  return `<meterSig count="${escape(time.beats)}" unit="${time.beatType}"${sym}/>`;
}

function scoreDef(score: Score, staffNumbers: readonly number[][], changes: readonly StaffChange[][], ppqs: readonly number[]): string {
  const groups = score.parts.map((part, partIndex) => {
    const ppq = ppqs[partIndex]!;
    const defs = staffNumbers[partIndex]!.map((n, index) => {
      const change = changes[partIndex]?.[index];
      const label = part.staffCount > 1 ? '' : names(part);
      return `<staffDef n="${n}" lines="5" ppq="${ppq}"${change?.transposition ?? ''}>${label}${staffDefContent(change, { key: false, time: false })}</staffDef>`;
    });
    return part.staffCount > 1 ? `<staffGrp symbol="brace" bar.thru="true">${names(part)}${defs.join('')}</staffGrp>` : defs.join('');
  });
  return `<scoreDef><staffGrp>${groups.join('')}</staffGrp></scoreDef>`;
}

function names(part: Part): string {
  return `${part.name ? `<label>${escape(part.name)}</label>` : ''}${part.abbreviation ? `<labelAbbr>${escape(part.abbreviation)}</labelAbbr>` : ''}`;
}

/** the smallest pulses per quarter that make every duration in the part whole (for @dur.ppq) */
function ppqFor(part: Part): number {
  let ppq = 1;
  for (const measure of part.measures) {
    for (const voice of measure.voices) {
      for (const event of voice.events) {
        for (const value of [event.offset, event.duration]) ppq = (ppq * value.d) / gcd(ppq, value.d);
      }
    }
  }
  return ppq;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** a voice's events in lanes that do not overlap (a layer is one line of time), usually just one */
function lanes(events: readonly Event[]): Event[][] {
  const found: { end: Rational; events: Event[] }[] = [];
  for (const event of events) {
    let lane = found.find((candidate) => compare(candidate.end, event.offset) <= 0);
    if (!lane) found.push((lane = { end: event.offset, events: [] }));
    lane.events.push(event);
    lane.end = max(lane.end, add(event.offset, event.duration));
  }
  return found.map((lane) => lane.events);
}

/** per part: the staves' global @n, the meter and key (fifths) in force on each staff, the ppq */
interface Layout {
  readonly staffNumbers: readonly number[][];
  readonly meters: readonly (readonly (TimeSignature | undefined)[])[];
  readonly keys: readonly (readonly number[])[];
  readonly ppqs: readonly number[];
  readonly engravings: readonly PartEngraving[];
}

function writeMeasure(score: Score, measures: readonly (Measure | undefined)[], lead: Measure, layout: Layout, index: number): string {
  const { staffNumbers, meters, keys } = layout;
  const barOf = (partIndex: number, staff: number) => {
    const time = meters[partIndex]?.[staff - 1];
    return (time && barLength(time)) ?? rational(4);
  };
  const metered = equals(lead.duration, barOf(measures.indexOf(lead), 1));
  const rests = measureRests(measures, metered, barOf);
  const staves = score.parts.flatMap((part, partIndex) => {
    const measure = measures[partIndex];
    const layersByStaff = staffNumbers[partIndex]!.map(() => [] as string[]);
    const accidentals = staffNumbers[partIndex]!.map((_, index) => new StaffAccidentals(keys[partIndex]![index]!));
    const voices = measure?.voices ?? [];
    const reached = voices.some((voice) => voice.events.some((event) => equals(add(event.offset, event.duration), measure!.duration)));
    voices.flatMap((voice) => lanes(voice.events)).forEach((events, voiceIndex) => {
      const staff = Math.min(Math.max(events.find((event) => event.staff !== undefined)?.staff ?? 1, 1), part.staffCount || 1);
      const layers = layersByStaff[staff - 1]!;
      // mid-measure clefs go with the first voice on their staff
      const clefs = layers.length > 0 ? [] : (measure!.clefs ?? []).filter((clef) => clef.offset.n > 0 && (clef.staff ?? 1) === staff);
      const content = writeLayer(events, {
        accidentals: accidentals[staff - 1]!,
        engraving: layout.engravings[partIndex]!,
        ppq: layout.ppqs[partIndex]!,
        measureRests: rests,
        staffNumbers: staffNumbers[partIndex]!,
        staff,
        clefs,
        until: voiceIndex === 0 && !reached ? measure!.duration : ZERO,
      });
      layers.push(`<layer n="${layers.length + 1}">${content}</layer>`);
    });
    return staffNumbers[partIndex]!.map((n, index) => `<staff n="${n}">${layersByStaff[index]!.length > 0 ? layersByStaff[index]!.join('') : '<layer n="1"/>'}</staff>`);
  });
  const tempos = measures.flatMap((measure, partIndex) =>
    (measure?.tempos ?? []).map((tempo) => writeTempo(tempo.offset, tempo.value, meters[partIndex]?.[0]?.beatType ?? 4, staffNumbers[partIndex]![0]!)),
  );
  const marks = score.parts.flatMap((part, partIndex) => writeControlMarks(part, index, staffNumbers[partIndex]!, meters[partIndex]?.[0]?.beatType ?? 4));
  const { left, right } = barAttributes(lead.barlines ?? []);
  return `<measure n="${escape(lead.number)}"${metered ? '' : ' metcon="false"'}${left}${right}>${staves.join('')}${tempos.join('')}${marks.join('')}</measure>`;
}

/**
 * The rests that can be written as <mRest/>: alone in their voice and as long as the reader will make
 * them (the bar, or in a measure off the meter, what the other voices fill).
 */
function measureRests(measures: readonly (Measure | undefined)[], metered: boolean, barOf: (partIndex: number, staff: number) => Rational): Set<Event> {
  const candidates: { event: Event; bar: Rational }[] = [];
  measures.forEach((measure, partIndex) => {
    for (const voice of measure?.voices ?? []) {
      const [only] = voice.events;
      if (voice.events.length === 1 && only!.kind === 'rest' && only!.measureRest && only!.offset.n === 0) {
        candidates.push({ event: only!, bar: barOf(partIndex, voice.events.find((event) => event.staff !== undefined)?.staff ?? 1) });
      }
    }
  });
  let chosen = new Set(candidates.map(({ event }) => event));
  for (let round = 0; round < 4; round++) {
    let filled: Rational = ZERO;
    for (const measure of measures) {
      for (const voice of measure?.voices ?? []) for (const event of voice.events) if (!chosen.has(event)) filled = max(filled, add(event.offset, event.duration));
    }
    const next = new Set(candidates.filter(({ event, bar }) => chosen.has(event) && equals(event.duration, metered || filled.n === 0 ? bar : filled)).map(({ event }) => event));
    if (next.size === chosen.size) break;
    chosen = next;
  }
  return chosen;
}

function barAttributes(barlines: readonly Barline[]): { left: string; right: string } {
  const leftBar = barlines.find((barline) => barline.location === 'left');
  const rightBar = barlines.find((barline) => barline.location === 'right' && (barline.repeat || barline.style));
  const left = leftBar?.repeat === 'forward' ? ' left="rptstart"' : '';
  const rightValue = rightBar?.repeat === 'backward' ? 'rptend' : rightBar?.style ? RIGHT_BARS[rightBar.style] : undefined;
  return { left, right: rightValue ? ` right="${rightValue}"` : '' };
}

