/**
 * A voice → the content of one MEI <layer>: notes, chords, rests, spaces for gaps, <tuplet> groups,
 * mid-measure clefs. Written so readLayer reads back the same time: @dur/@dots (scaled by the tuplet),
 * else @dur.ppq; pitches with @accid where a reader of the notation needs one, @accid.ges otherwise.
 */
import { ZERO, add, compare, div, equals, mul, rational, sub, type Rational } from '../../core/rational.js';
import type { Pitch } from '../../core/pitch.js';
import type { ChordNote, Clef, Event, Lyric, TieType, Tuplet } from '../../core/score.js';
import type { ShownAccidental } from '../../core/notation/accidentals.js';
import { eventEngraving, type PartEngraving } from '../../core/notation/engrave.js';
import type { StaffAccidentals } from './accidentals.js';
import { clefAttributes, meiAccid, meiDur, meiDuration } from './vocabulary.js';
import { eventMarkAttributes } from './marks.js';

export interface LayerWriting {
  /** what a reader infers on the staff, to say with @accid.ges what the notation leaves unsaid */
  readonly accidentals: StaffAccidentals;
  /** the part's engraving: the accidentals shown, beams */
  readonly engraving: PartEngraving;
  /** pulses per quarter, declared on the staffDef */
  readonly ppq: number;
  /** events written as <mRest/> (or <mSpace/>) */
  readonly measureRests: ReadonlySet<Event>;
  /** global @n of the part's staves, by 1-based staff; and the staff this layer is on */
  readonly staffNumbers: readonly number[];
  readonly staff: number;
  /** clefs that change inside the measure on this layer's staff */
  readonly clefs: readonly { offset: Rational; value: Clef }[];
  /** pad the layer with space up to here */
  readonly until: Rational;
}

const TIES: Readonly<Record<TieType, string>> = { start: 'i', continue: 'm', stop: 't' };

/** writeLayer(events, writing) → the elements inside <layer> */
export function writeLayer(events: readonly Event[], writing: LayerWriting): string {
  const out: string[] = [];
  const beamed = beamContainers(events, writing);
  let position: Rational = ZERO;
  let group: { tuplet: Tuplet; written: Rational; items: string[] } | undefined;
  const clefs = [...writing.clefs];
  const closeGroup = () => {
    if (group) out.push(`<tuplet num="${group.tuplet.actual}" numbase="${group.tuplet.normal}">${group.items.join('')}</tuplet>`);
    group = undefined;
  };
  const emit = (text: string) => (group ? group.items.push(text) : out.push(text));
  const clefsUntil = (offset: Rational, inclusive: boolean) => {
    while (clefs.length > 0 && (compare(clefs[0]!.offset, offset) < 0 || (inclusive && compare(clefs[0]!.offset, offset) === 0))) {
      const clef = clefAttributes(clefs.shift()!.value);
      if (!clef) continue;
      closeGroup();
      out.push(`<clef shape="${clef.shape}"${clef.line ? ` line="${clef.line}"` : ''}${clef.dis ? ` dis="${clef.dis}" dis.place="${clef.disPlace}"` : ''}/>`);
    }
  };
  for (const event of events) {
    if (compare(event.offset, position) < 0) continue; // the writer splits overlapping events into lanes before this
    if (compare(event.offset, position) > 0) {
      closeGroup();
      clefsUntil(event.offset, false);
      out.push(space(sub(event.offset, position), writing));
    }
    clefsUntil(event.offset, true);
    const tuplet = writing.measureRests.has(event) ? undefined : event.tuplet && event.tuplet.actual > 0 && event.tuplet.normal > 0 ? event.tuplet : impliedTuplet(event);
    if (!tuplet || !group || group.tuplet.actual !== tuplet.actual || group.tuplet.normal !== tuplet.normal) closeGroup();
    if (tuplet && !group) group = { tuplet, written: ZERO, items: [] };
    const ratio = tuplet ? rational(tuplet.normal, tuplet.actual) : rational(1);
    const beam = beamed.get(event);
    if (beam === 'begin') emit('<beam>');
    emit(writeEvent(event, ratio, writing));
    if (beam === 'end') emit('</beam>');
    position = add(event.offset, event.duration);
    if (group && tuplet) {
      group.written = add(group.written, div(event.duration, ratio));
      // a bracket is complete when its written length is a whole number of one plain value per note of the tuplet
      const unit = div(group.written, rational(tuplet.actual));
      if (unit.n === 1 && (unit.d & (unit.d - 1)) === 0) closeGroup();
      else if (unit.d === 1 && (unit.n & (unit.n - 1)) === 0) closeGroup();
    }
  }
  closeGroup();
  clefsUntil(writing.until, true);
  if (compare(position, writing.until) < 0 && events.length > 0) out.push(space(sub(writing.until, position), writing));
  return out.join('');
}

/**
 * where <beam> opens and closes: the engraving's beamed runs that nest with the tuplets around them
 * (no tuplet, or exactly one bracket); a run across a bracket's edge is left unbeamed rather than break the XML
 */
function beamContainers(events: readonly Event[], writing: LayerWriting): Map<Event, 'begin' | 'end'> {
  const containers = new Map<Event, 'begin' | 'end'>();
  let run: Event[] = [];
  for (const event of events) {
    const state = eventEngraving(writing.engraving, event).beams[0];
    if (state === 'begin') run = [event];
    else if (state === 'continue' && run.length > 0) run.push(event);
    else if (state === 'end' && run.length > 0) {
      run.push(event);
      if (nestsWithTuplets(run, writing)) {
        containers.set(run[0]!, 'begin');
        containers.set(event, 'end');
      }
      run = [];
    } else run = [];
  }
  return containers;
}

function nestsWithTuplets(run: readonly Event[], writing: LayerWriting): boolean {
  const engraved = run.map((event) => eventEngraving(writing.engraving, event));
  if (engraved.every((event) => !event.tuplet)) return true;
  const inside = engraved.slice(1, -1);
  return engraved[0]!.tupletBracket?.start === true && engraved[engraved.length - 1]!.tupletBracket?.stop === true && inside.every((event) => event.tupletBracket && !event.tupletBracket.start && !event.tupletBracket.stop);
}

/** plain values with up to two dots, in quarters */
const PLAIN_DURS = ['1', '2', '4', '8', '16', '32', '64', '128', 'breve', 'long'];

/** the usual tuplets, tried in turn for a length no plain value has (a MIDI import's 1/3) */
const COMMON_TUPLETS: readonly Tuplet[] = [{ actual: 3, normal: 2 }, { actual: 5, normal: 4 }, { actual: 6, normal: 4 }, { actual: 7, normal: 4 }, { actual: 9, normal: 8 }];

function impliedTuplet(event: Event): Tuplet | undefined {
  if (event.duration.n === 0 || plainValue(event.duration, rational(1)) !== undefined) return undefined;
  return COMMON_TUPLETS.find((tuplet) => plainValue(event.duration, rational(tuplet.normal, tuplet.actual)) !== undefined);
}

/** the @dur and @dots that, scaled by ratio, last exactly `duration` */
function plainValue(duration: Rational, ratio: Rational): { dur: string; dots: number } | undefined {
  for (const dur of PLAIN_DURS) {
    for (let dots = 0; dots <= 2; dots++) if (equals(lengthOf(dur, dots, ratio), duration)) return { dur, dots };
  }
  return undefined;
}

function space(length: Rational, writing: LayerWriting): string {
  return `<space${durationAttributes(length, undefined, 0, rational(1), writing)}/>`;
}

function writeEvent(event: Event, ratio: Rational, writing: LayerWriting): string {
  const grace = event.kind !== 'rest' && event.grace ? ` grace="${event.grace.slash ? 'acc' : 'unacc'}"` : '';
  const timing = grace ? graceDuration(event.noteType) : durationAttributes(event.duration, event.noteType, event.dots ?? 0, ratio, writing);
  const fermata = event.fermata ? ' fermata="above"' : '';
  const marks = eventMarkAttributes(event);
  const crossing = event.staff !== undefined && event.staff !== writing.staff && writing.staffNumbers[event.staff - 1] ? ` staff="${writing.staffNumbers[event.staff - 1]}"` : '';
  const id = idAttribute(event.id);
  if (event.kind === 'rest') {
    if (writing.measureRests.has(event)) return `<${event.hidden ? 'mSpace' : 'mRest'}${id}${fermata}${crossing}/>`;
    return `<${event.hidden ? 'space' : 'rest'}${id}${timing}${fermata}${crossing}/>`;
  }
  const verses = (event.lyrics ?? []).map((lyric, index) => writeVerse(lyric, index)).join('');
  const shown = eventEngraving(writing.engraving, event).accidentals;
  if (event.kind === 'note') return `<note${id}${noteAttributes(event, shown[0], writing)}${timing}${grace}${fermata}${marks}${crossing}${verses ? `>${verses}</note>` : '/>'}`;
  // the chord's syllables go in its first note, where notation programs put them
  const notes = event.notes.map((member, index) => `<note${idAttribute(member.id)}${noteAttributes(member, shown[index], writing)}${index === 0 && verses ? `>${verses}</note>` : '/>'}`).join('');
  return `<chord${id}${timing}${grace}${fermata}${marks}${crossing}>${notes}</chord>`;
}

const WORDPOS: Readonly<Record<string, string>> = { begin: 'i', middle: 'm', end: 't', single: 's' };

/** a verse's @n must be a number (verovio fails to load anything else): a named verse keeps its name in @label */
function writeVerse(lyric: Lyric, index: number): string {
  const wordpos = lyric.syllabic ? ` wordpos="${WORDPOS[lyric.syllabic]}"` : '';
  const con = lyric.syllabic === 'begin' || lyric.syllabic === 'middle' ? ' con="d"' : '';
  const text = lyric.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const number = lyric.number === undefined ? '' : /^\d+$/.test(lyric.number) ? ` n="${lyric.number}"` : ` n="${index + 1}" label="${lyric.number.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}"`;
  return `<verse${number}><syl${wordpos}${con}>${text}</syl></verse>`;
}

function graceDuration(noteType: string | undefined): string {
  return ` dur="${meiDur(noteType) ?? '8'}"`;
}

/**
 * @dur and @dots when they (scaled by the tuplet) give the duration exactly, a plain value that does
 * when the note type does not; @dur.ppq when none does (the reader prefers it)
 */
function durationAttributes(duration: Rational, noteType: string | undefined, dots: number, ratio: Rational, writing: LayerWriting): string {
  const declared = meiDur(noteType);
  if (declared && equals(lengthOf(declared, dots, ratio), duration)) return dotted(declared, dots);
  const plain = plainValue(duration, ratio);
  if (plain) return dotted(plain.dur, plain.dots);
  const pulses = mul(duration, rational(writing.ppq));
  return `${declared ? ` dur="${declared}"${dots ? ` dots="${dots}"` : ''}` : ''} dur.ppq="${pulses.n / pulses.d}"`;
}

function dotted(dur: string, dots: number): string {
  return ` dur="${dur}"${dots ? ` dots="${dots}"` : ''}`;
}

function lengthOf(dur: string, dots: number, ratio: Rational): Rational {
  const value = meiDuration(dur)!.quarters;
  return mul(mul(value, rational(2 ** (dots + 1) - 1, 2 ** dots)), ratio);
}

/** pitch attributes; an unpitched note has only a staff position (@ploc, @oloc) and its drum's MIDI key (@pnum) */
function noteAttributes({ pitch: written, tie, unpitched }: ChordNote, shown: ShownAccidental | undefined, writing: LayerWriting): string {
  if (!unpitched) return pitchAttributes(written, tie, shown, writing);
  const key = unpitched.midiKey === undefined ? '' : ` pnum="${unpitched.midiKey}"`;
  const label = unpitched.instrument === undefined ? '' : ` label="${escapeAttribute(unpitched.instrument)}"`;
  return ` ploc="${written.step.toLowerCase()}" oloc="${written.octave}"${key}${label}${tie ? ` tie="${TIES[tie]}"` : ''}`;
}

/** ` xml:id="P1-m3-v1-e2"` for an event or note that has an id, else nothing */
function idAttribute(id: string | undefined): string {
  return id === undefined ? '' : ` xml:id="${escapeAttribute(id)}"`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

function pitchAttributes(written: Pitch, tie: TieType | undefined, shown: ShownAccidental | undefined, writing: LayerWriting): string {
  const { step, octave, alter } = written;
  const expected = writing.accidentals.expected(step, octave);
  const accid = meiAccid(alter);
  let accidental = '';
  if (shown && accid) {
    accidental = ` accid="${accid}"`;
    writing.accidentals.write(step, octave, alter);
  } else if (accid && (alter !== 0 || alter !== expected)) {
    // not drawn (the key, an earlier sign or a tie says it): say what sounds
    accidental = ` accid.ges="${accid}"`;
  }
  return ` pname="${step.toLowerCase()}" oct="${octave}"${accidental}${tie ? ` tie="${TIES[tie]}"` : ''}`;
}
