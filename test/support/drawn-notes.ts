/**
 * What a musician reads from verovio's engraving: its MEI (getMEI()) taken as notation, each note's pitch
 * inferred from what is drawn — the written accidental, else the one in force on its line earlier in
 * the bar on its staff, else the key signature; a note tied over takes its tie's pitch — and its place
 * (measure, onset in the measure) and length from the written values (@dur, @dots, enclosing tuplets). Gestural accidentals (@accid.ges) are ignored
 * on purpose: they are what the engraving hides.
 */
import { parseXml, attribute, type XmlElement } from '../../src/formats/musicxml/xml-scanner.js';
import { pitch, pitchName, type Pitch, type Step } from '../../src/core/pitch.js';
import type { Part } from '../../src/core/score.js';
import { ZERO, add, compare, formatRational, mul, rational, type Rational } from '../../src/core/rational.js';
import { keySignatureAlter } from '../../src/core/notation/accidentals.js';
import { accidentalAlter, keyFifths, meiDuration } from '../../src/formats/mei/vocabulary.js';

export interface DrawnNote {
  readonly id: string;
  /** the global staff number (@n) */
  readonly staff: number;
  /** the measure's position in the score, 0-based, and the note's onset in it */
  readonly measure: number;
  readonly start: Rational;
  readonly duration: Rational;
  /** @dur of the note or its chord; undefined when verovio drew no written value */
  readonly dur?: string;
  readonly grace: boolean;
  readonly step: Step;
  readonly octave: number;
  /** the alteration a reader infers from the engraving */
  alter: number;
}

export interface Drawing {
  readonly notes: DrawnNote[];
  /** tie start id → end id */
  readonly ties: ReadonlyMap<string, string>;
}

const children = (element: XmlElement, name: string) => element.children.filter((found) => found.name === name);
const id = (element: XmlElement) => attribute(element, 'xml:id') ?? '';

/** readDrawing(verovio's MEI) → every drawn note with the pitch and length a reader of the notation sees */
export function readDrawing(mei: string): Drawing {
  const root = parseXml(mei);
  const score = findScore(root);
  const notes: DrawnNote[] = [];
  const ties = new Map<string, string>();
  const keys = new Map<number, number>();
  let defaultKey = 0;
  let measureIndex = 0;
  const readDefinition = (definition: XmlElement) => {
    const sig = attribute(definition, 'keysig') ?? children(definition, 'keySig').map((key) => attribute(key, 'sig'))[0];
    if (sig !== undefined && keyFifths(sig) !== undefined) {
      if (definition.name === 'staffDef') keys.set(Number(attribute(definition, 'n')), keyFifths(sig)!);
      else {
        defaultKey = keyFifths(sig)!;
        keys.clear();
      }
    }
    for (const nested of definition.children) if (nested.name === 'staffGrp' || nested.name === 'staffDef') readDefinition(nested);
  };
  const walk = (container: XmlElement) => {
    for (const element of container.children) {
      if (element.name === 'scoreDef' || element.name === 'staffDef') readDefinition(element);
      else if (element.name === 'section' || element.name === 'ending') walk(element);
      else if (element.name === 'measure') readMeasure(element, measureIndex++, (staff) => keys.get(staff) ?? defaultKey, notes, ties);
    }
  };
  walk(score);
  return { notes, ties };
}

function findScore(root: XmlElement): XmlElement {
  const queue = [root];
  while (queue.length > 0) {
    const element = queue.shift()!;
    if (element.name === 'score') return element;
    queue.push(...element.children);
  }
  throw new Error('no <score> in the MEI');
}

function readMeasure(measure: XmlElement, index: number, keyOf: (staff: number) => number, notes: DrawnNote[], ties: Map<string, string>): void {
  const inMeasure: DrawnNote[] = [];
  for (const staff of children(measure, 'staff')) {
    const n = Number(attribute(staff, 'n'));
    for (const layer of children(staff, 'layer')) {
      readLayerContent(layer, rational(1), { staff: n, measure: index }, { time: ZERO }, inMeasure);
    }
  }
  for (const tie of children(measure, 'tie')) {
    const start = attribute(tie, 'startid')?.replace(/^#/, '');
    const end = attribute(tie, 'endid')?.replace(/^#/, '');
    if (start && end) ties.set(start, end);
  }
  inferAccidentals(inMeasure, keyOf, ties, notes);
  notes.push(...inMeasure);
}

function readLayerContent(container: XmlElement, ratio: Rational, place: { staff: number; measure: number }, cursor: { time: Rational }, out: DrawnNote[]): void {
  for (const element of container.children) {
    if (element.name === 'beam' || element.name === 'beamSpan') readLayerContent(element, ratio, place, cursor, out);
    else if (element.name === 'tuplet') {
      const num = Number(attribute(element, 'num') ?? 3);
      const numbase = Number(attribute(element, 'numbase') ?? 2);
      readLayerContent(element, mul(ratio, rational(numbase, num)), place, cursor, out);
    } else if (element.name === 'note' || element.name === 'chord') {
      const dur = attribute(element, 'dur');
      const grace = attribute(element, 'grace') !== undefined;
      const duration = grace || !dur ? ZERO : mul(writtenLength(dur, Number(attribute(element, 'dots') ?? 0)), ratio);
      const members = element.name === 'note' ? [element] : children(element, 'note');
      for (const note of members) out.push(drawnNote(note, { ...place, start: cursor.time, duration, ...(dur ? { dur } : {}), grace }));
      cursor.time = add(cursor.time, duration);
    } else if (element.name === 'rest' || element.name === 'space') {
      const dur = attribute(element, 'dur');
      if (dur) cursor.time = add(cursor.time, mul(writtenLength(dur, Number(attribute(element, 'dots') ?? 0)), ratio));
    }
  }
}

function writtenLength(dur: string, dots: number): Rational {
  const plain = meiDuration(dur)?.quarters ?? ZERO;
  return mul(plain, rational(2 ** (dots + 1) - 1, 2 ** dots));
}

function drawnNote(note: XmlElement, at: { staff: number; measure: number; start: Rational; duration: Rational; dur?: string; grace: boolean }): DrawnNote & { written?: number } {
  const accidChild = children(note, 'accid')[0];
  const written = attribute(note, 'accid') ?? (accidChild ? attribute(accidChild, 'accid') : undefined);
  const step = (attribute(note, 'pname') ?? 'c').toUpperCase() as Step;
  return {
    id: id(note),
    ...at,
    step,
    octave: Number(attribute(note, 'oct')),
    alter: 0,
    ...(written !== undefined ? { written: accidentalAlter(written) ?? 0 } : {}),
  };
}

/** the accidentals in force per staff line through the bar, in time order (grace notes first at a time) */
function inferAccidentals(inMeasure: (DrawnNote & { written?: number })[], keyOf: (staff: number) => number, ties: ReadonlyMap<string, string>, earlier: readonly DrawnNote[]): void {
  const tieEnds = new Map([...ties].map(([start, end]) => [end, start]));
  const byId = new Map<string, DrawnNote>([...earlier, ...inMeasure].map((note) => [note.id, note]));
  const inForce = new Map<string, number>();
  const ordered = [...inMeasure].sort((a, b) => compare(a.start, b.start) || Number(b.grace) - Number(a.grace));
  for (const note of ordered) {
    const line = `${note.staff}:${note.step}${note.octave}`;
    const tiedFrom = tieEnds.get(note.id);
    const startNote = tiedFrom === undefined ? undefined : byId.get(tiedFrom);
    if (startNote && startNote.step === note.step && startNote.octave === note.octave) note.alter = startNote.alter;
    else if (note.written !== undefined) {
      note.alter = note.written;
      inForce.set(line, note.written);
    } else note.alter = inForce.get(line) ?? keySignatureAlter(keyOf(note.staff), note.step);
  }
}

/** drawnSequence(drawing, staves) → the notes of those staves as "measure@onset+length:pitch", "~" after a note tied over; sorted */
export function drawnSequence(drawing: Drawing, staves: ReadonlySet<number>): string[] {
  const continued = new Set(drawing.ties.values());
  return drawing.notes
    .filter((note) => staves.has(note.staff))
    .map((note) => notation(note.measure, note.start, note.duration, pitch(note.step, note.alter, note.octave), continued.has(note.id)))
    .sort();
}

/** writtenSequence(part) → the part's notes as drawnSequence writes them */
export function writtenSequence(part: Part): string[] {
  // a tie stop no tie leads into (a source's stray tie) draws no tie
  const open = new Set<number>();
  return part.measures.flatMap((measure) =>
    measure.voices.flatMap((voice) =>
      voice.events.flatMap((event) => {
        const members = event.kind === 'note' ? [{ pitch: event.pitch, tie: event.tie }] : event.kind === 'chord' ? event.notes : [];
        return members.map((member) => {
          const tiedOver = (member.tie === 'stop' || member.tie === 'continue') && open.has(member.pitch.midi);
          if (member.tie === 'start' || member.tie === 'continue') open.add(member.pitch.midi);
          else open.delete(member.pitch.midi);
          return notation(measure.index, event.offset, event.duration, member.pitch, tiedOver);
        });
      }),
    ),
  ).sort();
}

function notation(measure: number, start: Rational, duration: Rational, drawn: Pitch, tiedOver: boolean): string {
  return `${measure}@${formatRational(start)}+${formatRational(duration)}:${pitchName(drawn)}${tiedOver ? '~' : ''}`;
}

/** values drawn with a stem: a half and shorter */
const STEMMED = new Set(['2', '4', '8', '16', '32', '64', '128', '256']);

/** stemlessNotes(svg of a page, drawing) → ids of notes on the page whose value needs a stem that was not drawn */
export function stemlessNotes(svg: string, drawing: Drawing): string[] {
  const durOf = new Map(drawing.notes.map((note) => [note.id, note.dur]));
  const missing: string[] = [];
  const hasStem = (element: XmlElement) => element.children.some((found) => found.name === 'g' && attribute(found, 'class') === 'stem');
  const visit = (element: XmlElement, chord: XmlElement | undefined) => {
    const kind = element.name === 'g' ? attribute(element, 'class')?.split(' ')[0] : undefined;
    if (kind === 'note') {
      const dur = durOf.get(attribute(element, 'id') ?? '');
      if (dur !== undefined && STEMMED.has(dur) && !hasStem(element) && !(chord && hasStem(chord))) missing.push(attribute(element, 'id')!);
    }
    for (const found of element.children) visit(found, kind === 'chord' ? element : chord);
  };
  visit(parseXml(svg), undefined);
  return missing;
}
