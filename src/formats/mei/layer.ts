/**
 * One MEI <layer> → the events of a voice. Time runs from the layer's start in quarter lengths: @dur and
 * @dots scaled by enclosing <tuplet>s (or @num/@numbase), or @dur.ppq when the staff declares its ppq.
 * Pitches are as written: @accid.ges, else @accid, else the accidental in force on the staff (the key
 * signature, or an earlier written accidental on the same line in the measure).
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { isStep, pitch, type Pitch } from '../../core/pitch.js';
import { ZERO, add, mul, rational, type Rational } from '../../core/rational.js';
import type { ChordNote, Clef, Grace, Lyric, TieType, Unpitched } from '../../core/score.js';
import { attribute, child, type XmlElement } from '../musicxml/xml-scanner.js';
import type { StaffAccidentals } from './accidentals.js';
import { readEventMarks } from './marks.js';
import { idsOf, type TupletSpan } from './tuplet-spans.js';
import { accidentalAlter, meiClef, meiDuration } from './vocabulary.js';

/** A model event under construction: plain and mutable until the score is finished. */
export type DraftEvent = Record<string, unknown> & { kind: 'note' | 'chord' | 'rest'; offset: Rational; duration: Rational };

/** A whole-measure rest (or space) whose length is known only once the whole measure is read. */
export interface MeasureRestDraft {
  readonly event: DraftEvent;
  /** multiRest: how many bars */
  readonly bars: number;
}

/** Where ids point, for <tie startid endid> and <fermata startid> that come after the notes. */
export interface IdTarget {
  readonly event: DraftEvent;
  /** the note itself (a note event, or the member of a chord), which carries the tie */
  readonly note: { tie?: TieType };
}

export interface LayerContext {
  readonly ppq: number | undefined;
  readonly accidentals: StaffAccidentals;
  /** 1-based staff within the part, when the part has several; a @staff attribute maps through staffIndex */
  readonly staff: number | undefined;
  readonly staffIndex: (n: string) => number | undefined;
  readonly ids: Map<string, IdTarget>;
  /** <tupletSpan>s of the document by @startid: the tuplet they put their notes in */
  readonly tupletSpans: ReadonlyMap<string, TupletSpan>;
  readonly diagnostics: Diagnostic[];
  /** the line of an offset in the document (see lineLocator) */
  readonly lineAt: (offset: number) => number;
  readonly partId: string;
  readonly measure: string;
}

export interface LayerReading {
  readonly events: DraftEvent[];
  readonly measureRests: MeasureRestDraft[];
  readonly clefs: { offset: Rational; value: Clef }[];
}

/** Containers whose content is read in place: beams, editorial markup (the first reading), tremolos. */
const TRANSPARENT: ReadonlySet<string> = new Set(['beam', 'bTrem', 'fTrem', 'btrem', 'ftrem', 'supplied', 'add', 'corr', 'reg', 'unclear', 'restore', 'orig', 'sic', 'damage', 'expan', 'lem', 'rdg', 'subst']);

interface Scope {
  /** product of enclosing tuplets' numbase/num */
  readonly ratio: Rational;
  readonly tuplet?: { actual: number; normal: number };
  readonly grace?: Grace;
}

/** readLayer(<layer n="1"><note pname="c" oct="4" dur="4"/></layer>, context) → one C4 quarter */
export function readLayer(layer: XmlElement, context: LayerContext): LayerReading {
  const reading: LayerReading = { events: [], measureRests: [], clefs: [] };
  let cursor: Rational = ZERO;
  /** <tupletSpan>s begun and not yet ended in this layer */
  let spans: TupletSpan[] = [];
  const visit = (element: XmlElement, scope: Scope): void => {
    switch (element.name) {
      case 'note':
      case 'chord':
      case 'rest':
      case 'space': {
        const ids = idsOf(element);
        for (const id of ids) {
          const span = context.tupletSpans.get(id);
          if (span) spans.push(span);
        }
        const inner = spans.reduce((outer, span): Scope => ({ ...outer, ratio: mul(outer.ratio, rational(span.normal, span.actual)), tuplet: outer.tuplet ?? span }), scope);
        const event = element.name === 'note' ? note(element, inner, cursor, context) : element.name === 'chord' ? chord(element, inner, cursor, context) : rest(element, inner, cursor, context);
        spans = spans.filter((span) => !ids.includes(span.end));
        if (!event) return;
        reading.events.push(event);
        cursor = add(cursor, event.duration);
        return;
      }
      case 'mRest':
      case 'mSpace':
      case 'multiRest': {
        const event: DraftEvent = { kind: 'rest', offset: cursor, duration: ZERO, measureRest: true };
        keepId(element, event);
        if (element.name === 'mSpace') event.hidden = true;
        else if (attribute(element, 'fermata')) event.fermata = true;
        staffOf(element, event, context);
        remember(element, { event, note: {} }, context);
        const bars = element.name === 'multiRest' ? Number(attribute(element, 'num')) : 1;
        reading.events.push(event);
        reading.measureRests.push({ event, bars: Number.isInteger(bars) && bars > 0 && bars <= 10_000 ? bars : 1 });
        return;
      }
      case 'clef': {
        const clef = meiClef(attribute(element, 'shape'), attribute(element, 'line'), attribute(element, 'dis'), attribute(element, 'dis.place'));
        if (clef) reading.clefs.push({ offset: cursor, value: clef });
        return;
      }
      case 'tuplet': {
        const num = Number(attribute(element, 'num'));
        const numbase = Number(attribute(element, 'numbase'));
        const valid = Number.isInteger(num) && Number.isInteger(numbase) && num > 0 && numbase > 0 && num <= 1000 && numbase <= 1000;
        if (!valid) warn(context, element, 'A <tuplet> without a usable num/numbase was read as plain time.');
        const inner: Scope = valid ? { ...scope, ratio: mul(scope.ratio, rational(numbase, num)), tuplet: { actual: num, normal: numbase } } : scope;
        for (const item of element.children) visit(item, inner);
        return;
      }
      case 'graceGrp': {
        const inner: Scope = { ...scope, grace: { slash: attribute(element, 'grace') === 'acc' } };
        for (const item of element.children) visit(item, inner);
        return;
      }
      case 'app':
      case 'choice': {
        // one reading of an editorial alternative: the lemma, the correction or regularisation, else the first
        const preferred = ['lem', 'corr', 'reg', 'expan', 'rdg', 'orig', 'sic', 'abbr'];
        const picked = preferred.map((name) => child(element, name)).find((found) => found !== undefined) ?? element.children[0];
        if (picked) visit(picked, scope);
        return;
      }
      default:
        if (TRANSPARENT.has(element.name)) for (const item of element.children) visit(item, scope);
    }
  };
  for (const item of layer.children) visit(item, { ratio: rational(1) });
  return reading;
}

function note(element: XmlElement, scope: Scope, offset: Rational, context: LayerContext): DraftEvent | undefined {
  const written = readPitch(element, context);
  const duration = durationOf(element, scope, context);
  if (!written) {
    warn(context, element, `Skipped a <note> without a readable pitch (pname ${attribute(element, 'pname') ?? 'missing'}, oct ${attribute(element, 'oct') ?? 'missing'}).`);
    return duration.grace ? undefined : { kind: 'rest', offset, duration: duration.quarters, hidden: true };
  }
  const event: DraftEvent = { kind: 'note', offset, duration: duration.quarters, pitch: written };
  keepId(element, event);
  const unpitched = unpitchedOf(element);
  if (unpitched) event.unpitched = unpitched;
  const tie = tieOf(attribute(element, 'tie'));
  if (tie) event.tie = tie;
  decorate(element, event, duration, context);
  const lyrics = lyricsOf(element);
  if (lyrics.length > 0) event.lyrics = lyrics;
  remember(element, { event, note: event as { tie?: TieType } }, context);
  return event;
}

function chord(element: XmlElement, scope: Scope, offset: Rational, context: LayerContext): DraftEvent | undefined {
  const duration = durationOf(element, scope, context);
  const chordTie = tieOf(attribute(element, 'tie'));
  const event: DraftEvent = { kind: 'chord', offset, duration: duration.quarters, notes: [] };
  keepId(element, event);
  const notes = event.notes as ChordNote[];
  const lyrics = lyricsOf(element);
  const memberIds: string[] = [];
  const visitMembers = (parent: XmlElement): void => {
    for (const item of parent.children) {
      if (item.name !== 'note') {
        if (TRANSPARENT.has(item.name)) visitMembers(item);
        continue;
      }
      const written = readPitch(item, context);
      if (!written) {
        warn(context, item, 'Skipped a chord <note> without a readable pitch.');
        continue;
      }
      const tie = tieOf(attribute(item, 'tie')) ?? chordTie;
      const unpitched = unpitchedOf(item);
      const id = attribute(item, 'xml:id');
      const member: ChordNote = { ...(id === undefined ? {} : { id }), pitch: written, ...(unpitched ? { unpitched } : {}), ...(tie ? { tie } : {}) };
      notes.push(member);
      if (id !== undefined) memberIds.push(id);
      remember(item, { event, note: member }, context);
      if (attribute(item, 'fermata')) event.fermata = true;
      readEventMarks(item, event);
      lyrics.push(...lyricsOf(item));
    }
  };
  visitMembers(element);
  if (notes.length === 0) {
    warn(context, element, 'A <chord> without readable notes was read as a hidden rest.');
    return duration.grace ? undefined : { kind: 'rest', offset, duration: duration.quarters, hidden: true };
  }
  if (notes.length === 1) {
    const [only] = notes;
    delete event.notes;
    Object.assign(event, { kind: 'note', pitch: only!.pitch, ...(only!.tie ? { tie: only!.tie } : {}) });
    if (event.id === undefined && only!.id !== undefined) event.id = only!.id;
    for (const id of memberIds) context.ids.set(id, { event, note: event as { tie?: TieType } });
  }
  decorate(element, event, duration, context);
  if (lyrics.length > 0) event.lyrics = lyrics;
  remember(element, { event, note: {} }, context);
  return event;
}

function rest(element: XmlElement, scope: Scope, offset: Rational, context: LayerContext): DraftEvent {
  const duration = durationOf(element, scope, context);
  const event: DraftEvent = { kind: 'rest', offset, duration: duration.quarters };
  keepId(element, event);
  if (element.name === 'space') event.hidden = true;
  decorate(element, event, duration, context);
  delete event.grace;
  remember(element, { event, note: {} }, context);
  return event;
}

interface Duration {
  quarters: Rational;
  noteType?: string;
  dots: number;
  tuplet?: { actual: number; normal: number };
  grace?: Grace;
}

function durationOf(element: XmlElement, scope: Scope, context: LayerContext): Duration {
  const dur = attribute(element, 'dur');
  const value = dur === undefined ? undefined : meiDuration(dur);
  const dotsAttribute = Number(attribute(element, 'dots'));
  const dots = Number.isInteger(dotsAttribute) && dotsAttribute >= 0 && dotsAttribute <= 8 ? dotsAttribute : element.children.filter((item) => item.name === 'dot').length;
  const graceValue = attribute(element, 'grace');
  const grace = graceValue !== undefined ? { slash: graceValue === 'acc' } : scope.grace;
  const num = Number(attribute(element, 'num'));
  const numbase = Number(attribute(element, 'numbase'));
  const own = Number.isInteger(num) && Number.isInteger(numbase) && num > 0 && numbase > 0 && num <= 1000 && numbase <= 1000;
  const ratio = own ? mul(scope.ratio, rational(numbase, num)) : scope.ratio;
  const tuplet = own ? { actual: num, normal: numbase } : scope.tuplet;
  const base: Duration = { quarters: ZERO, dots, ...(value ? { noteType: value.noteType } : {}), ...(tuplet ? { tuplet } : {}), ...(grace ? { grace } : {}) };
  if (grace) return base;
  const pulses = Number(attribute(element, 'dur.ppq'));
  if (context.ppq !== undefined && Number.isInteger(pulses) && pulses >= 0 && pulses / context.ppq <= 100_000) {
    return { ...base, quarters: rational(pulses, context.ppq) };
  }
  if (value) return { ...base, quarters: mul(mul(value.quarters, rational(2 ** (dots + 1) - 1, 2 ** dots)), ratio) };
  warn(context, element, `A <${element.name}> without a usable @dur was read as taking no time.`);
  return base;
}

function decorate(element: XmlElement, event: DraftEvent, duration: Duration, context: LayerContext): void {
  if (duration.noteType) event.noteType = duration.noteType;
  if (duration.dots > 0) event.dots = duration.dots;
  if (duration.tuplet) event.tuplet = duration.tuplet;
  if (duration.grace) event.grace = duration.grace;
  if (attribute(element, 'fermata')) event.fermata = true;
  readEventMarks(element, event);
  staffOf(element, event, context);
}

function staffOf(element: XmlElement, event: DraftEvent, context: LayerContext): void {
  const crossing = attribute(element, 'staff');
  const staff = crossing === undefined ? context.staff : (context.staffIndex(crossing.trim().split(/\s+/)[0]!) ?? context.staff);
  if (staff !== undefined) event.staff = staff;
}

/** the element's xml:id becomes the event's id (core/ids.ts makes one where there is none) */
function keepId(element: XmlElement, event: DraftEvent): void {
  const id = attribute(element, 'xml:id');
  if (id !== undefined) event.id = id;
}

function remember(element: XmlElement, target: IdTarget, context: LayerContext): void {
  const id = attribute(element, 'xml:id');
  if (id !== undefined) context.ids.set(id, target);
}

const SYLLABIC: Readonly<Record<string, Lyric['syllabic']>> = { i: 'begin', m: 'middle', t: 'end', s: 'single' };

/** <verse n="1"><syl wordpos="i">Ky</syl></verse> → { text: "Ky", number: "1", syllabic: "begin" } */
function lyricsOf(element: XmlElement): Lyric[] {
  const lyrics: Lyric[] = [];
  for (const verse of element.children) {
    if (verse.name !== 'verse') continue;
    const syllables = verse.children.filter((item) => item.name === 'syl');
    const text = syllables.map((syl) => syl.text.trim()).join(' ').trim();
    if (!text) continue;
    const number = attribute(verse, 'label') ?? attribute(verse, 'n');
    const wordpos = syllables[0] ? attribute(syllables[0], 'wordpos') : undefined;
    const syllabic = wordpos === undefined ? undefined : SYLLABIC[wordpos];
    lyrics.push({ text, ...(number !== undefined ? { number } : {}), ...(syllabic ? { syllabic } : {}) });
  }
  return lyrics;
}

function tieOf(value: string | undefined): TieType | undefined {
  return value === 'i' ? 'start' : value === 'm' ? 'continue' : value === 't' ? 'stop' : undefined;
}

/** a note with a staff position (@ploc, @oloc) and no @pname is unpitched percussion: its drum key from @pnum, its name from @label */
function unpitchedOf(element: XmlElement): Unpitched | undefined {
  if (attribute(element, 'pname') !== undefined || attribute(element, 'ploc') === undefined) return undefined;
  const key = Number(attribute(element, 'pnum'));
  const label = attribute(element, 'label');
  return { ...(label !== undefined ? { instrument: label } : {}), ...(Number.isInteger(key) && key >= 0 && key <= 127 ? { midiKey: key } : {}) };
}

function readPitch(element: XmlElement, context: LayerContext): Pitch | undefined {
  if (attribute(element, 'pname') === undefined && attribute(element, 'ploc') !== undefined) return staffPosition(element);
  const step = attribute(element, 'pname')?.trim().toUpperCase();
  const octave = Number(attribute(element, 'oct'));
  if (step === undefined || !isStep(step) || !Number.isInteger(octave) || octave < -2 || octave > 12) return undefined;
  const accidElement = child(element, 'accid');
  const written = attribute(element, 'accid') ?? (accidElement ? attribute(accidElement, 'accid') : undefined);
  const gestural = attribute(element, 'accid.ges') ?? (accidElement ? attribute(accidElement, 'accid.ges') : undefined);
  const writtenAlter = written === undefined ? undefined : accidentalAlter(written);
  const gesturalAlter = gestural === undefined ? undefined : accidentalAlter(gestural);
  if (writtenAlter !== undefined) context.accidentals.write(step, octave, writtenAlter);
  const alter = gesturalAlter ?? writtenAlter ?? context.accidentals.expected(step, octave);
  return pitch(step, alter, octave);
}

/** where an unpitched note is drawn: @ploc and @oloc, read as a pitch with no accidental */
function staffPosition(element: XmlElement): Pitch | undefined {
  const step = attribute(element, 'ploc')?.trim().toUpperCase();
  const octave = Number(attribute(element, 'oloc'));
  return step !== undefined && isStep(step) && Number.isInteger(octave) && octave >= -2 && octave <= 12 ? pitch(step, 0, octave) : undefined;
}

/** past this many, further problems are not listed (an answer needs no more to say what is wrong) */
export const MAX_DIAGNOSTICS = 500;

function warn(context: LayerContext, element: XmlElement, message: string): void {
  if (context.diagnostics.length >= MAX_DIAGNOSTICS) return;
  context.diagnostics.push({ severity: 'warning', message, partId: context.partId, measure: context.measure, line: context.lineAt(element.start) });
}
