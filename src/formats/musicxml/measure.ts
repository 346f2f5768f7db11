/**
 * One <measure> of one part → a Measure with its voices. Time runs in quarter lengths as rationals;
 * <backup>/<forward> move the cursor, <chord/> notes share the previous onset, grace notes take no time.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { ZERO, add, compare, max, rational, sub, toNumber, type Rational } from '../../core/rational.js';
import type { DynamicMark, HairpinMark, PedalMark } from '../../core/marks.js';
import type { Barline, ChordNote, ChordSymbol, Clef, Event, KeySignature, Measure, Navigation, TempoMark, Timed, TimeSignature, Transposition, Unpitched } from '../../core/score.js';
import { parseAttributes, parseBarline, parseTempo, type StaffScoped } from './attributes.js';
import { parseHarmony } from './harmony.js';
import { directionMarks, type NotationMarks } from './marks.js';
import { barlineNavigation, directionNavigation, soundNavigation } from './navigation.js';
import { parseNote, type ParsedNote } from './note.js';
import { typedQuarters } from './note-type.js';
import { STANDARD_GUITAR_TUNING, tabPitch } from './tablature.js';
import { attribute, childText, lineOf, type XmlElement } from './xml-scanner.js';

/** What carries from one measure of a part to the next. */
export interface PartCursor {
  divisions: number;
  /** an <attributes> gave <divisions>, or they were worked out from a note's <duration> and <type> */
  divisionsKnown: boolean;
  /** the tablature staff's strings, lowest first, when the part has declared them */
  tuning?: number[];
  /** the part's percussion instruments by id, for its <unpitched> notes */
  readonly kit: ReadonlyMap<string, Unpitched>;
  /** said once per part: notes were timed by <type>, tab notes pitched by a tuning */
  readonly said: Set<string>;
  staffCount: number;
  transposition?: Transposition;
  /** Finale writes hidden rests as <forward>; music21 reads them back as rests, so do we */
  readonly forwardIsRest: boolean;
}

export interface MeasureContext {
  readonly partId: string;
  readonly index: number;
  readonly offset: Rational;
  readonly source: string;
  readonly diagnostics: Diagnostic[];
}

type MutableEvent = { -readonly [K in keyof Event]: Event[K] } & Record<string, unknown>;

/** Collects a measure's content while its children are read in document order. */
class MeasureBuilder {
  position: Rational = ZERO;
  end: Rational = ZERO;
  lastOnset: Rational = ZERO;
  lastEvent: MutableEvent | undefined;
  lastForwardRest: MutableEvent | undefined;
  readonly voices = new Map<string, MutableEvent[]>();
  readonly keys: Timed<KeySignature>[] = [];
  readonly times: Timed<TimeSignature>[] = [];
  readonly clefs: Timed<Clef>[] = [];
  readonly tempos: Timed<TempoMark>[] = [];
  readonly transpositions: Timed<Transposition>[] = [];
  readonly harmonies: Timed<ChordSymbol>[] = [];
  readonly barlines: Barline[] = [];
  readonly navigation: Navigation[] = [];
  readonly dynamics: Timed<DynamicMark>[] = [];
  readonly hairpins: Timed<HairpinMark>[] = [];
  readonly pedals: Timed<PedalMark>[] = [];

  push(voice: string, event: MutableEvent): void {
    let events = this.voices.get(voice);
    if (!events) this.voices.set(voice, (events = []));
    events.push(event);
    this.end = max(this.end, add(event.offset, event.duration));
  }

  mark(marks: readonly Omit<Navigation, 'offset'>[], offset: Rational): void {
    for (const { kind, label } of marks) this.navigation.push(label === undefined ? { kind, offset } : { kind, offset, label });
  }

  timed<T>(list: Timed<T>[], item: StaffScoped<T>): void {
    list.push(item.staff === undefined ? { offset: this.position, value: item.value } : { offset: this.position, staff: item.staff, value: item.value });
  }
}

export interface MeasureReading {
  readonly measure: Measure;
  /** the last hidden rest a Finale <forward> made, for the end-of-piece clean-up */
  readonly forwardRest?: Event;
}

/** readMeasure(<measure number="1">…</measure>, cursor, context) → the Measure */
export function readMeasure(element: XmlElement, cursor: PartCursor, context: MeasureContext): MeasureReading {
  const builder = new MeasureBuilder();
  for (const item of element.children) {
    switch (item.name) {
      case 'note':
        addNote(builder, item, cursor, context);
        break;
      case 'backup':
        moveCursor(builder, item, cursor, context, -1);
        break;
      case 'forward':
        moveCursor(builder, item, cursor, context, 1);
        break;
      case 'attributes':
        applyAttributes(builder, item, cursor, context);
        break;
      case 'direction':
      case 'sound': {
        const tempo = item.name === 'direction' ? parseTempo(item) : soundTempo(item);
        const staff = Number(childText(item, 'staff'));
        if (tempo) builder.timed(builder.tempos, Number.isInteger(staff) && staff > 0 ? { staff, value: tempo } : { value: tempo });
        builder.mark(item.name === 'direction' ? directionNavigation(item) : soundNavigation(item), builder.position);
        if (item.name === 'direction') addDirectionMarks(builder, item, cursor, context, Number.isInteger(staff) && staff > 0 ? staff : undefined);
        break;
      }
      case 'barline':
        builder.barlines.push(parseBarline(item));
        builder.mark(barlineNavigation(item), attribute(item, 'location') === 'left' ? ZERO : builder.position);
        break;
      case 'harmony':
        addHarmony(builder, item, context);
        break;
    }
  }
  return finishMeasure(element, builder, context);
}

function addNote(builder: MeasureBuilder, element: XmlElement, cursor: PartCursor, context: MeasureContext): void {
  const note = parseNote(element);
  if (note.tab) pitchTab(note, cursor, context, element);
  if (!note.grace && !cursor.divisionsKnown) inferDivisions(note, cursor, context, element);
  if (note.problem !== undefined) {
    warn(context, element, `Skipped ${note.problem}.`);
    if (!note.isChordMember && !note.grace) builder.position = add(builder.position, noteQuarters(note, cursor, context, element));
    return;
  }
  const duration = note.grace ? ZERO : noteQuarters(note, cursor, context, element);
  if (note.isChordMember && builder.lastEvent && builder.lastEvent.kind !== 'rest' && note.pitch) {
    const unpitched = unpitchedOf(note, cursor);
    if (note.marks) joinMarks(builder, builder.lastEvent, note.marks, builder.lastOnset, note.staff);
    joinChord(builder.lastEvent, { ...(note.id === undefined ? {} : { id: note.id }), pitch: note.pitch, ...(unpitched ? { unpitched } : {}), ...(note.tie ? { tie: note.tie } : {}) });
    return;
  }
  // A <chord/> with nothing to join (after a rest, say) still sounds with the previous onset.
  const onset = note.isChordMember ? builder.lastOnset : builder.position;
  const event = makeEvent(note, onset, duration, cursor);
  if (note.marks) joinMarks(builder, event, note.marks, onset, note.staff);
  builder.push(note.voice, event);
  builder.lastEvent = event;
  builder.lastOnset = onset;
  if (!note.isChordMember) builder.position = add(onset, duration);
}

function makeEvent(note: ParsedNote, offset: Rational, duration: Rational, cursor: PartCursor): MutableEvent {
  const event: Record<string, unknown> = { kind: note.isRest ? 'rest' : 'note', offset, duration };
  if (note.id !== undefined) event.id = note.id;
  if (note.pitch && !note.isRest) event.pitch = note.pitch;
  const unpitched = note.isRest ? undefined : unpitchedOf(note, cursor);
  if (unpitched) event.unpitched = unpitched;
  if (note.tie && !note.isRest) event.tie = note.tie;
  if (note.staff !== undefined || cursor.staffCount > 1) event.staff = note.staff ?? 1;
  if (note.noteType) event.noteType = note.noteType;
  if (note.dots > 0) event.dots = note.dots;
  if (note.tuplet) event.tuplet = note.tuplet;
  if (note.fermata) event.fermata = true;
  if (note.grace) event.grace = note.grace;
  if (note.lyrics && !note.isRest) event.lyrics = note.lyrics;
  if (note.isRest && note.measureRest) event.measureRest = true;
  if (note.isRest && note.hidden) event.hidden = true;
  return event as MutableEvent;
}

/** an <unpitched> note's instrument, from the part's kit when the note names one */
function unpitchedOf(note: ParsedNote, cursor: PartCursor): Unpitched | undefined {
  if (!note.unpitched) return undefined;
  const id = note.unpitched.instrumentId;
  return (id === undefined ? undefined : cursor.kit.get(id)) ?? (cursor.kit.size === 1 ? cursor.kit.values().next().value! : {});
}

function joinChord(event: MutableEvent, added: ChordNote): void {
  if (event.kind === 'note') {
    const first = { pitch: event.pitch, ...(event.unpitched ? { unpitched: event.unpitched } : {}), ...(event.tie ? { tie: event.tie } : {}) } as ChordNote;
    event.kind = 'chord';
    // the first <note> of a chord carries the chord's id (see formats/musicxml/write.ts)
    delete event.pitch;
    delete event.unpitched;
    delete event.tie;
    event.notes = [first, added];
  } else {
    (event.notes as ChordNote[]).push(added);
  }
}

function moveCursor(builder: MeasureBuilder, element: XmlElement, cursor: PartCursor, context: MeasureContext, direction: 1 | -1): void {
  const amount = quarters(Number(childText(element, 'duration') ?? 0), cursor, context, element);
  if (direction === 1) {
    if (cursor.forwardIsRest && amount.n > 0) {
      const rest: MutableEvent = { kind: 'rest', offset: builder.position, duration: amount, hidden: true } as MutableEvent;
      const staff = Number(childText(element, 'staff'));
      if (Number.isInteger(staff) && staff > 0) rest.staff = staff;
      builder.push(childText(element, 'voice') || '1', rest);
      builder.lastForwardRest = rest;
    }
    builder.position = add(builder.position, amount);
    return;
  }
  builder.position = sub(builder.position, amount);
  if (builder.position.n < 0) {
    warn(context, element, 'A <backup> went before the start of the measure; moved to the start.');
    builder.position = ZERO;
  }
}

/** finer than any notation program writes (they use at most a few thousand per quarter) */
const MAX_DIVISIONS = 1_000_000;

function applyAttributes(builder: MeasureBuilder, element: XmlElement, cursor: PartCursor, context: MeasureContext): void {
  const attributes = parseAttributes(element);
  if (attributes.tuning) cursor.tuning = attributes.tuning;
  if (attributes.divisions !== undefined) {
    if (attributes.divisions > 0 && attributes.divisions <= MAX_DIVISIONS) {
      cursor.divisions = attributes.divisions;
      cursor.divisionsKnown = true;
    } else warn(context, element, `Ignored impossible <divisions> ${attributes.divisions}.`);
  }
  if (attributes.staves !== undefined && Number.isInteger(attributes.staves) && attributes.staves > 0) {
    cursor.staffCount = Math.max(cursor.staffCount, attributes.staves);
  }
  for (const key of attributes.keys) builder.timed(builder.keys, key);
  for (const time of attributes.times) builder.timed(builder.times, time);
  for (const clef of attributes.clefs) builder.timed(builder.clefs, clef);
  if (attributes.transposition) {
    cursor.transposition = attributes.transposition;
    builder.timed(builder.transpositions, { value: attributes.transposition });
  }
  for (const skipped of attributes.skipped) warn(context, element, `Ignored ${skipped}.`);
}

function addHarmony(builder: MeasureBuilder, element: XmlElement, context: MeasureContext): void {
  const symbol = parseHarmony(element);
  if (!symbol) {
    warn(context, element, 'Skipped a <harmony> without a root and kind (functional harmony is not read yet).');
    return;
  }
  const staff = Number(childText(element, 'staff'));
  builder.timed(builder.harmonies, Number.isInteger(staff) && staff > 0 ? { staff, value: symbol } : { value: symbol });
}

/**
 * a direction's dynamics, wedges and pedal marks, at the cursor moved by its <offset>: MusicXML says an
 * offset without sound="yes" only moves the drawing, but music21 and verovio both place the mark there
 * (Finale writes a bar's last dynamics after its notes, moved back), and so do we
 */
function addDirectionMarks(builder: MeasureBuilder, element: XmlElement, cursor: PartCursor, context: MeasureContext, staff: number | undefined): void {
  const marks = directionMarks(element);
  if (marks.dynamics.length + marks.hairpins.length + marks.pedals.length === 0) return;
  const shift = Number(childText(element, 'offset') ?? 0) || 0;
  const moved = shift === 0 ? builder.position : shift > 0 ? add(builder.position, quarters(shift, cursor, context, element)) : sub(builder.position, quarters(-shift, cursor, context, element));
  const offset = moved.n < 0 ? ZERO : moved;
  const place = <T>(value: T): Timed<T> => (staff === undefined ? { offset, value } : { offset, staff, value });
  builder.dynamics.push(...marks.dynamics.map(place));
  builder.hairpins.push(...marks.hairpins.map(place));
  builder.pedals.push(...marks.pedals.map(place));
}

/** a note's articulations, ornaments and slurs go to its event (a chord's members' to the chord, once); its dynamics to the measure */
function joinMarks(builder: MeasureBuilder, event: MutableEvent, marks: NotationMarks, onset: Rational, staff: number | undefined): void {
  const target = event as Record<string, unknown>;
  for (const key of ['articulations', 'ornaments', 'slurs'] as const) {
    const added = marks[key];
    if (!added) continue;
    // once each: a file may write one slur end twice (numbered 1 and unnumbered, which is 1)
    const held = [...((target[key] as unknown[] | undefined) ?? [])];
    for (const mark of added) if (!held.some((old) => JSON.stringify(old) === JSON.stringify(mark))) held.push(mark);
    if (held.length > 0) target[key] = held;
  }
  for (const value of marks.dynamics ?? []) builder.dynamics.push(staff === undefined ? { offset: onset, value } : { offset: onset, staff, value });
}

function soundTempo(sound: XmlElement): TempoMark | undefined {
  const tempo = Number(attribute(sound, 'tempo'));
  return tempo > 0 ? { quarterBpm: tempo } : undefined;
}

/** longer than any real note: a bound that keeps exact arithmetic inside safe integers */
const MAX_QUARTERS = 100_000;

/** divisions → quarter lengths, exactly: 1 of 3 divisions is 1/3; a decimal "0.5" of 2 is 1/4 */
function quarters(amount: number, cursor: PartCursor, context: MeasureContext, element: XmlElement): Rational {
  if (!Number.isFinite(amount) || amount < 0 || amount / cursor.divisions > MAX_QUARTERS) {
    warn(context, element, `Ignored an impossible duration ${amount}.`);
    return ZERO;
  }
  const divisions = cursor.divisions;
  if (Number.isInteger(amount) && Number.isInteger(divisions)) return rational(amount, divisions);
  const scale = 1_000_000;
  return rational(Math.round(amount * scale), Math.round(divisions * scale));
}

/** a note's <duration>; without one, what its <type> says (tablature and hand-written files leave it out) */
function noteQuarters(note: ParsedNote, cursor: PartCursor, context: MeasureContext, element: XmlElement): Rational {
  if (note.duration !== undefined) return quarters(note.duration, cursor, context, element);
  const typed = typedQuarters(note);
  if (typed === undefined) {
    warn(context, element, 'A note without <duration> or <type> was read as taking no time.');
    return ZERO;
  }
  sayOnce(cursor, context, element, 'A note without <duration> was timed by its <type>.');
  return typed;
}

/** no <divisions> before the first timed note: its <duration> over its <type> gives them, as music21 reads such files */
function inferDivisions(note: ParsedNote, cursor: PartCursor, context: MeasureContext, element: XmlElement): void {
  const typed = typedQuarters(note);
  if (note.duration === undefined || typed === undefined || !(note.duration > 0)) return;
  const divisions = note.duration / toNumber(typed);
  cursor.divisionsKnown = true;
  if (divisions === cursor.divisions) return;
  if (!(divisions > 0 && divisions <= MAX_DIVISIONS)) return;
  cursor.divisions = divisions;
  warn(context, element, `The part gives no <divisions>; read ${divisions} per quarter from the first note's <duration> and <type>.`);
}

function pitchTab(note: ParsedNote, cursor: PartCursor, context: MeasureContext, element: XmlElement): void {
  const pitched = tabPitch(note.tab!, cursor.tuning ?? STANDARD_GUITAR_TUNING);
  if (!pitched) {
    note.problem = `a tablature note on string ${note.tab!.string}, which the staff's tuning does not have`;
    return;
  }
  note.pitch = pitched;
  if (!cursor.tuning) sayOnce(cursor, context, element, 'Tablature notes without <pitch> were pitched by string and fret in standard guitar tuning (the part declares no <staff-tuning>).');
}

function sayOnce(cursor: PartCursor, context: MeasureContext, element: XmlElement, message: string): void {
  if (cursor.said.has(message)) return;
  cursor.said.add(message);
  warn(context, element, message);
}

function warn(context: MeasureContext, element: XmlElement, message: string): void {
  context.diagnostics.push({ severity: 'warning', message, partId: context.partId, line: lineOf(context.source, element.start) });
}

function finishMeasure(element: XmlElement, builder: MeasureBuilder, context: MeasureContext): MeasureReading {
  const voices = [...builder.voices.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([id, events]) => ({ id, events: sortByOffset(events) as Event[] }));
  const measure: Record<string, unknown> = {
    number: attribute(element, 'number') ?? String(context.index + 1),
    index: context.index,
    offset: context.offset,
    duration: builder.end,
    voices,
  };
  const id = attribute(element, 'id');
  if (id !== undefined) measure.id = id;
  if (attribute(element, 'implicit') === 'yes') measure.implicit = true;
  if (builder.keys.length > 0) measure.keys = builder.keys;
  if (builder.times.length > 0) measure.times = builder.times;
  if (builder.clefs.length > 0) measure.clefs = builder.clefs;
  if (builder.tempos.length > 0) measure.tempos = builder.tempos;
  if (builder.transpositions.length > 0) measure.transpositions = builder.transpositions;
  if (builder.harmonies.length > 0) measure.harmonies = builder.harmonies;
  if (builder.barlines.length > 0) measure.barlines = builder.barlines;
  if (builder.navigation.length > 0) measure.navigation = builder.navigation;
  if (builder.dynamics.length > 0) measure.dynamics = builder.dynamics;
  if (builder.hairpins.length > 0) measure.hairpins = builder.hairpins;
  if (builder.pedals.length > 0) measure.pedals = builder.pedals;
  const reading = { measure: measure as unknown as Measure };
  return builder.lastForwardRest ? { ...reading, forwardRest: builder.lastForwardRest as Event } : reading;
}

/** Stable by onset: <backup> can write a voice's events out of time order. */
function sortByOffset(events: MutableEvent[]): MutableEvent[] {
  for (let i = 1; i < events.length; i++) {
    if (compare(events[i - 1]!.offset, events[i]!.offset) > 0) {
      return events.map((event, order) => ({ event, order }))
        .sort((a, b) => compare(a.event.offset, b.event.offset) || a.order - b.order)
        .map(({ event }) => event);
    }
  }
  return events;
}
