/** One <note> element → its parts, in a single pass over its children (the importer's hot path). */
import { isStep, pitch, type Pitch } from '../../core/pitch.js';
import type { Grace, Lyric, TieType, Tuplet } from '../../core/score.js';
import { notationMarks, type NotationMarks } from './marks.js';
import { attribute, childText, type XmlElement } from './xml-scanner.js';

export interface ParsedNote {
  /** the note's `id` attribute */
  id?: string;
  /** undefined for rests */
  pitch?: Pitch;
  isRest: boolean;
  measureRest: boolean;
  hidden: boolean;
  isChordMember: boolean;
  grace?: Grace;
  /** in divisions, as written (may be fractional) */
  duration?: number;
  tie?: TieType;
  voice: string;
  staff?: number;
  noteType?: string;
  dots: number;
  tuplet?: Tuplet;
  lyrics?: Lyric[];
  fermata: boolean;
  /** articulations, ornaments, slurs and note-attached dynamics from its <notations> */
  marks?: NotationMarks;
  /** an <unpitched> note: `pitch` is its display position; the id of the <instrument> it plays, if given */
  unpitched?: { readonly instrumentId?: string };
  /** a tablature note's string and fret, for notes written with no <pitch> (guitar tab) */
  tab?: { readonly string: number; readonly fret: number };
  /** set when the note names an impossible pitch, or none at all */
  problem?: string;
}

/** parseNote(<note><pitch><step>G</step><octave>4</octave></pitch><duration>2</duration></note>) → G4, 2 divisions */
export function parseNote(note: XmlElement): ParsedNote {
  const parsed: ParsedNote = {
    isRest: false,
    measureRest: false,
    hidden: false,
    isChordMember: false,
    voice: '1',
    dots: 0,
    fermata: false,
  };
  const id = attribute(note, 'id');
  if (id !== undefined) parsed.id = id;
  let tieStart = false;
  let tieStop = false;
  let notations: XmlElement | undefined;
  let sounds = false;
  let instrument: string | undefined;
  for (const element of note.children) {
    switch (element.name) {
      case 'pitch':
        sounds = true;
        readPitch(parsed, childText(element, 'step'), childText(element, 'alter'), childText(element, 'octave'));
        break;
      case 'unpitched':
        sounds = true;
        parsed.unpitched ??= {};
        readPitch(parsed, childText(element, 'display-step') ?? 'E', undefined, childText(element, 'display-octave') ?? '4');
        break;
      case 'instrument': {
        const instrumentId = attribute(element, 'id');
        if (instrumentId !== undefined) instrument = instrumentId;
        break;
      }
      case 'rest':
        parsed.isRest = true;
        parsed.measureRest = attribute(element, 'measure') === 'yes';
        // only a rest's visibility matters to the model; reading every note's attributes would cost more
        parsed.hidden = attribute(note, 'print-object') === 'no';
        break;
      case 'chord':
        parsed.isChordMember = true;
        break;
      case 'grace':
        parsed.grace = { slash: attribute(element, 'slash') === 'yes' };
        break;
      case 'duration':
        parsed.duration = Number(element.text);
        break;
      case 'tie':
        if (attribute(element, 'type') === 'start') tieStart = true;
        else tieStop = true;
        break;
      case 'voice':
        parsed.voice = element.text.trim() || '1';
        break;
      case 'staff':
        parsed.staff = Number(element.text) || 1;
        break;
      case 'type':
        parsed.noteType = element.text.trim();
        break;
      case 'dot':
        parsed.dots++;
        break;
      case 'time-modification':
        parsed.tuplet = readTuplet(element);
        break;
      case 'lyric':
        (parsed.lyrics ??= []).push(readLyric(element));
        break;
      case 'notations':
        notations = element;
        break;
    }
  }
  // <tie> is the sounding tie; fall back to the notated <tied> when a writer omitted it.
  if (!tieStart && !tieStop && notations) [tieStart, tieStop] = notatedTies(notations);
  parsed.fermata = notations?.children.some((element) => element.name === 'fermata') ?? false;
  if (notations) parsed.marks = notationMarks(notations);
  if (tieStart || tieStop) parsed.tie = tieStart && tieStop ? 'continue' : tieStart ? 'start' : 'stop';
  if (!sounds && !parsed.isRest) readTablature(parsed, notations);
  if (parsed.unpitched && instrument !== undefined) parsed.unpitched = { instrumentId: instrument };
  return parsed;
}

/** a note with neither <pitch>, <unpitched> nor <rest>: its pitch can only come from a tab's string and fret */
function readTablature(parsed: ParsedNote, notations: XmlElement | undefined): void {
  const technical = notations?.children.find((element) => element.name === 'technical');
  const string = Number(technical && childText(technical, 'string'));
  const fret = Number(technical && childText(technical, 'fret'));
  if (Number.isInteger(string) && string > 0 && Number.isInteger(fret) && fret >= 0) parsed.tab = { string, fret };
  else parsed.problem = 'a note with no <pitch>, <unpitched> or <rest>';
}

function readPitch(parsed: ParsedNote, step: string | undefined, alter: string | undefined, octave: string | undefined): void {
  const octaveNumber = Number(octave);
  const alterNumber = alter === undefined || alter === '' ? 0 : Number(alter);
  if (step === undefined || !isStep(step) || !Number.isInteger(octaveNumber) || !Number.isFinite(alterNumber)) {
    parsed.problem = `a note with an impossible pitch (step ${step ?? 'missing'}, alter ${alter ?? 0}, octave ${octave ?? 'missing'})`;
    return;
  }
  parsed.pitch = pitch(step, alterNumber, octaveNumber);
}

function readTuplet(element: XmlElement): Tuplet | undefined {
  const actual = Number(childText(element, 'actual-notes'));
  const normal = Number(childText(element, 'normal-notes'));
  return actual > 0 && normal > 0 ? { actual, normal } : undefined;
}

function readLyric(element: XmlElement): Lyric {
  const texts = element.children.filter((part) => part.name === 'text').map((part) => part.text);
  const syllabic = childText(element, 'syllabic');
  const number = attribute(element, 'number');
  return {
    text: texts.join(' '),
    ...(number !== undefined ? { number } : {}),
    ...(syllabic === 'single' || syllabic === 'begin' || syllabic === 'middle' || syllabic === 'end' ? { syllabic } : {}),
  };
}

function notatedTies(notations: XmlElement): [boolean, boolean] {
  let start = false;
  let stop = false;
  for (const element of notations.children) {
    if (element.name !== 'tied') continue;
    const type = attribute(element, 'type');
    if (type === 'start') start = true;
    else if (type === 'stop') stop = true;
  }
  return [start, stop];
}
