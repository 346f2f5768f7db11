/**
 * ABC 2.1 importer (one tune of a file or tune book): headers (X T C M L Q K with modes), notes with
 * octave marks and lengths, accidentals that carry to the end of the bar (every octave, or as %%propagate-accidentals says), chords [CEG], broken rhythm
 * (> <), tuplets (3abc, ties, grace notes {g}, rests z/x/Z, inline fields [K:…], bar lines with repeats and
 * endings and the navigation decorations !segno! !D.C.! … (bars.ts), chord symbols "Am7" (on the next note). Other decorations, annotations, slurs and
 * lyrics are read past. Voices (V: in the header, V: lines and [V:…] in the body) become parts, or voices of
 * one part when %%score groups them on a staff or grand staff. The voices' state and fields: tune-state.ts.
 */
import type { Diagnostic, ImportResult } from '../../core/diagnostics.js';
import { chordSymbolFromText } from '../../core/chord-symbol-text.js';
import { CadenzaError } from '../../core/errors.js';
import { pitch, type Pitch, type Step } from '../../core/pitch.js';
import { ZERO, add, equals, max, mul, rational, toNumber, type Rational } from '../../core/rational.js';
import type { Event, Metadata, TieType } from '../../core/score.js';
import { BAR, ENDING, applyBar, closingMarks, endingNumbers, finishBars, navigationKind, parseBar, startEnding } from './bars.js';
import { applyField, clefOctaveShift, declareVoice, meterValue, propagationOf, setKey, setMeter, setUnit, voiceState, type TuneState, type TuneVoices } from './tune-state.js';
import { SHORTHAND_DECORATIONS, closeSlur, emptyMarks, readDecoration, takeEventMarks, takeMeasureMarks } from './marks.js';
import { splitTuneBook } from './tune-book.js';
import { voiceParts } from './voices.js';

export interface AbcOptions {
  /** which tune of a tune book, 0-based; default the first */
  readonly tune?: number;
}

/** readAbc("X:1\nT:Scale\nM:4/4\nL:1/4\nK:C\nCDEF|G4|]") → a one-part score of 5 notes */
export function readAbc(text: string, options: AbcOptions = {}): ImportResult {
  const tunes = splitTuneBook(text).map((tune) => tune.text);
  if (tunes.length === 0) throw new CadenzaError('PARSE_FAILED', 'This ABC has no tune (no "X:" line).', { hint: 'Each ABC tune starts with an X: reference-number line.' });
  const index = options.tune ?? 0;
  const tune = tunes[index];
  if (tune === undefined) throw new CadenzaError('INVALID_ARGUMENT', `The file has ${tunes.length} tunes; there is no tune ${index}.`, { hint: 'Tunes are numbered from 0.' });
  try {
    return readTune(tune);
  } catch (error) {
    // exact time overflows only on absurd lengths and tuplets; say so instead of crashing
    if (!(error instanceof RangeError)) throw error;
    throw new CadenzaError('PARSE_FAILED', `The note lengths in this ABC tune cannot be kept exactly (${error.message}).`, { cause: error });
  }
}

function readTune(tune: string): ImportResult {
  const metadata: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const scoreDirective = /^%%(?:score|staves)\s+(.*)$/m.exec(tune)?.[1];
  const lines = tune.split(/\r?\n/).map((line) => line.replace(/(^|[^\\])%.*$/, '$1'));
  let headerEnd = lines.findIndex((line) => /^K:/.test(line));
  if (headerEnd < 0) throw new CadenzaError('PARSE_FAILED', 'The ABC tune has no K: (key) line, which ends the header.', { hint: 'Add a K: line, e.g. "K:C".' });
  const state: TuneState = { unit: rational(1, 8), key: { fifths: 0 }, keyAlters: {}, barAlters: new Map(), events: [], position: ZERO, measures: [], pendingKeys: [], pendingTimes: [], tieFrom: new Set(), tiedAlters: new Map(), propagation: propagationOf(tune), octaveShift: 0, measureNumber: 1, navigation: [] };
  let unitGiven = false;
  const voices: TuneVoices = { header: state, states: new Map(), declarations: new Map() };
  for (const line of lines.slice(0, headerEnd + 1)) {
    const field = /^([A-Za-z]):\s*(.*)$/.exec(line);
    if (!field) continue;
    const [, name, value] = field as unknown as [string, string, string];
    if (name === 'T' && !metadata.title) metadata.title = value.trim();
    else if (name === 'C' && !metadata.composer) metadata.composer = value.trim();
    else if (name === 'L') unitGiven = setUnit(state, value) || unitGiven;
    else if (name === 'M') setMeter(state, value);
    else if (name === 'K') setKey(state, value);
    else if (name === 'V') declareVoice(voices, value);
  }
  if (!unitGiven) state.unit = state.time && meterValue(state.time) < 0.75 ? rational(1, 16) : rational(1, 8);
  voices.header = { ...state, pendingKeys: [...state.pendingKeys], pendingTimes: [...state.pendingTimes] };
  if (lines[headerEnd]) headerEnd++;
  const body = lines.slice(headerEnd).filter((line) => !/^[A-Za-z]:/.test(line) || /^[KLMQV]:/.test(line));
  // body music before any V: belongs to the first voice the header declares (or the only, unnamed voice)
  const first = voices.declarations.keys().next();
  voices.current = first.done ? state : voiceState(voices, first.value);
  if (first.done) voices.states.set('', state);
  body.forEach((line, offset) => readBodyLine(voices, line, headerEnd + offset + 1, diagnostics));
  for (const voice of voices.states.values()) {
    closeMeasure(voice);
    finishBars(voice);
  }
  const read = [...voices.states].filter(([, voice]) => voice.measures.length > 0).map(([id, voice]) => ({ id, measures: voice.measures }));
  if (read.length === 0) throw new CadenzaError('PARSE_FAILED', 'The ABC tune has no notes.', { hint: 'Write the tune after the K: line.' });
  const parts = read.length === 1 && read[0]!.id === '' ? [{ id: 'P1', staffCount: 1, measures: read[0]!.measures }] : voiceParts(read, voices.declarations, scoreDirective);
  const score = { metadata: { ...metadata, sourceFormat: 'abc' } as Metadata, parts };
  return { score, diagnostics };
}

const NOTE = /^(\^\^|\^|__|_|=)?([A-Ga-g])([',]*)(\d*(?:\/+\d*)?)/;
const REST = /^([zx])(\d*(?:\/+\d*)?)/;

function readBodyLine(voices: TuneVoices, line: string, lineNumber: number, diagnostics: Diagnostic[]): void {
  let state = voices.current!;
  const field = /^([KLMQV]):\s*(.*)$/.exec(line);
  if (field?.[1] === 'V') voices.current = switchVoice(voices, field[2]!);
  if (field) return applyField(state, field[1]!, field[2]!);
  let at = 0;
  while (at < line.length) {
    const rest = line.slice(at);
    const character = line[at]!;
    let match: RegExpExecArray | null;
    if ((match = /^\[V:([^\]]*)\]/.exec(rest))) {
      state = voices.current = switchVoice(voices, match[1]!);
      at += match[0].length;
    } else if ((match = /^\[([KLM]):([^\]]*)\]/.exec(rest))) {
      applyField(state, match[1]!, match[2]!);
      at += match[0].length;
    } else if ((match = BAR.exec(rest))) {
      closeMeasure(state);
      applyBar(state, parseBar(match[0], match[1]));
      at += match[0].length;
    } else if ((match = ENDING.exec(rest))) {
      startEnding(state, endingNumbers(match[1]!)); // an ending apart from its bar line: "| [2"
      at += match[0].length;
    } else if (character === '"') {
      const end = line.indexOf('"', at + 1);
      if (end > at && !readQuoted(state, line.slice(at + 1, end))) {
        diagnostics.push({ severity: 'info', message: `Kept the first of the chord symbols stacked on one note; "${line.slice(at + 1, end)}" is left out.`, line: lineNumber });
      }
      at = end < 0 ? line.length : end + 1;
    } else if (character === '!' || character === '+') {
      const end = line.indexOf(character, at + 1);
      const decoration = end < 0 ? '' : line.slice(at + 1, end);
      if (decoration === 'fermata') state.fermata = true;
      readDecoration((state.marks ??= emptyMarks()), decoration, state.position);
      const kind = navigationKind(decoration);
      if (kind) state.navigation.push({ kind, offset: state.position });
      at = end < 0 ? line.length : end + 1;
    } else if (character === 'S' || character === 'O') {
      state.navigation.push({ kind: navigationKind(character)!, offset: state.position });
      at++;
    } else if (character === 'H') {
      state.fermata = true;
      at++;
    } else if (SHORTHAND_DECORATIONS.has(character)) {
      readDecoration((state.marks ??= emptyMarks()), character, state.position);
      at++;
    } else if (character === '{') {
      const end = line.indexOf('}', at + 1);
      readGraceNotes(state, line.slice(at + 1, end < 0 ? line.length : end));
      at = end < 0 ? line.length : end + 1;
    } else if ((match = /^\((\d)(?::(\d*))?(?::(\d*))?/.exec(rest))) {
      startTuplet(state, Number(match[1]), match[2] ? Number(match[2]) : undefined, match[3] ? Number(match[3]) : undefined);
      at += match[0].length;
    } else if (character === '(') {
      (state.marks ??= emptyMarks()).slurStarts++;
      at++;
    } else if (character === ')') {
      closeSlur(state.events[state.events.length - 1] ?? lastEventOf(state));
      at++;
    } else if (character === '[') {
      const end = line.indexOf(']', at + 1);
      if (end < 0) throw failure(lineNumber, 'a chord "[" that never closes');
      readChord(state, line.slice(at + 1, end), line.slice(end + 1), lineNumber);
      at = end + 1 + lengthSuffix(line.slice(end + 1)).length;
    } else if ((match = NOTE.exec(rest))) {
      addEvent(state, [match], lineNumber);
      at += match[0].length;
    } else if ((match = REST.exec(rest))) {
      addRest(state, match[1] === 'x', lengthOf(match[2]!, lineNumber));
      at += match[0].length;
    } else if ((match = /^Z(\d*)/.exec(rest))) {
      addMeasureRests(state, Number(match[1] || 1));
      at += match[0].length;
    } else if (character === '-') {
      markTie(state);
      at++;
    } else if (character === '>' || character === '<') {
      const run = /^[<>]+/.exec(rest)![0];
      brokenRhythm(state, run);
      at += run.length;
    } else {
      if (!/[\s()\\.~HLMOPSTuvJRW`$&*;?#@]/.test(character)) {
        diagnostics.push({ severity: 'warning', message: `Skipped "${character}", which this reader does not understand.`, line: lineNumber });
      }
      at++;
    }
  }
}

/** "V:T clef=treble-8": on to that voice, whose octave clef (if the field names one) shifts what follows */
function switchVoice(voices: TuneVoices, field: string): TuneState {
  const state = voiceState(voices, declareVoice(voices, field));
  const octaveShift = clefOctaveShift(field);
  if (octaveShift !== undefined) state.octaveShift = octaveShift;
  return state;
}

function failure(line: number, problem: string): CadenzaError {
  return new CadenzaError('PARSE_FAILED', `ABC line ${line}: ${problem}.`, { hint: 'Check the tune against the ABC 2.1 standard (abcnotation.com).' });
}

/** "3/2" → 3/2, "/" → 1/2, "//" → 1/4, "" → 1 */
function lengthOf(text: string, line: number): Rational {
  if (text === '') return rational(1);
  const match = /^(\d*)(\/*)(\d*)$/.exec(text);
  if (!match) throw failure(line, `"${text}" is not a note length`);
  const numerator = match[1] ? Number(match[1]) : 1;
  const slashes = match[2]!.length;
  const denominator = match[3] ? Number(match[3]) : 2 ** slashes;
  if (numerator > 1024 || denominator > 1024 || (slashes > 1 && match[3])) throw failure(line, `"${text}" is not a note length`);
  return slashes === 0 ? rational(numerator) : rational(numerator, denominator);
}

function lengthSuffix(text: string): string {
  return /^\d*(?:\/+\d*)?/.exec(text)![0];
}

/** the tuplet and fermata marks that apply to the next note, chord or rest; read before its length */
function marksOf(state: TuneState): { tuplet?: { actual: number; normal: number }; fermata?: true } {
  const marks = { ...(state.tuplet ? { tuplet: { actual: state.tuplet.actual, normal: state.tuplet.normal } } : {}), ...(state.fermata ? { fermata: true as const } : {}) };
  state.fermata = undefined;
  return state.marks ? { ...marks, ...takeEventMarks(state.marks) } : marks;
}

/** the last event of the measures already closed, for a ")" at the start of a bar */
function lastEventOf(state: TuneState): Event | undefined {
  const events = state.measures[state.measures.length - 1]?.voices[0]?.events;
  return events?.[events.length - 1];
}

function noteLength(state: TuneState, multiplier: Rational): Rational {
  let length = mul(mul(state.unit, rational(4)), multiplier);
  if (state.nextFactor) {
    length = mul(length, state.nextFactor);
    state.nextFactor = undefined;
  }
  if (state.tuplet) {
    length = mul(length, state.tuplet.factor);
    if (--state.tuplet.remaining === 0) state.tuplet = undefined;
  }
  return length;
}

function pitchOf(state: TuneState, match: RegExpExecArray): Pitch {
  const [, accidental, letter, marks] = match as unknown as [string, string | undefined, string, string];
  const step = letter.toUpperCase() as Step;
  const written = (letter === letter.toLowerCase() ? 5 : 4) + (marks.match(/'/g)?.length ?? 0) - (marks.match(/,/g)?.length ?? 0);
  const octaveKey = `${step}${written}`;
  // an accidental holds until the bar line, for the letter in every octave unless %%propagate-accidentals says otherwise;
  // a note tied from an altered note keeps its alteration, even across the bar line; otherwise the key signature decides
  const barKey = state.propagation === 'pitch' ? step : octaveKey;
  const writtenAlter = accidental === undefined ? undefined : { '^^': 2, '^': 1, '=': 0, _: -1, __: -2 }[accidental]!;
  if (writtenAlter !== undefined && state.propagation !== 'not') state.barAlters.set(barKey, writtenAlter);
  const alter = writtenAlter ?? state.tiedAlters.get(octaveKey) ?? state.barAlters.get(barKey) ?? state.keyAlters[step] ?? 0;
  return pitch(step, alter, written + state.octaveShift);
}

function addEvent(state: TuneState, matches: readonly RegExpExecArray[], line: number, chordLength?: Rational): void {
  const pitches = matches.map((match) => pitchOf(state, match));
  const multiplier = chordLength ?? lengthOf(matches[0]![4]!, line);
  const marks = marksOf(state);
  const duration = noteLength(state, multiplier);
  const tie = (midi: number): TieType | undefined => (state.tieFrom.has(midi) ? 'stop' : undefined);
  const offset = state.position;
  state.events.push(
    pitches.length === 1
      ? { kind: 'note', offset, duration, pitch: pitches[0]!, ...(tie(pitches[0]!.midi) ? { tie: 'stop' as const } : {}), ...marks }
      : { kind: 'chord', offset, duration, notes: pitches.map((p) => ({ pitch: p, ...(tie(p.midi) ? { tie: 'stop' as const } : {}) })), ...marks },
  );
  state.tieFrom.clear();
  state.tiedAlters.clear();
  state.position = add(offset, duration);
}

function readChord(state: TuneState, inside: string, after: string, line: number): void {
  const matches: RegExpExecArray[] = [];
  const tied: number[] = [];
  let rest = inside.replace(/"[^"]*"|![^!]*!/g, '').trim();
  while (rest.length > 0) {
    const match = NOTE.exec(rest);
    if (!match) {
      rest = rest.slice(1);
      continue;
    }
    matches.push(match);
    rest = rest.slice(match[0].length);
    // "[C-E]": a tie on one note of a chord ties that note only
    if (/^\s*-/.test(rest)) tied.push(matches.length - 1);
    rest = rest.replace(/^[-\s]+/, '');
  }
  if (matches.length === 0) return;
  const inner = lengthOf(matches[0]![4]!, line);
  addEvent(state, matches, line, mul(inner, lengthOf(lengthSuffix(after), line)));
  if (tied.length > 0) markTie(state, tied);
}

/**
 * A quoted chord symbol ("F#m") sounds from the next note on; annotations ("^Allegro") and the unknown are read
 * past. Of chord symbols stacked on one note ("A7""C", alternatives) the first is kept, as music21 keeps it: false
 * when this one was left out.
 */
function readQuoted(state: TuneState, text: string): boolean {
  const symbol = chordSymbolFromText(text);
  if (!symbol) return true;
  const harmonies = (state.harmonies ??= []);
  if (harmonies.some((harmony) => equals(harmony.offset, state.position))) return false;
  harmonies.push({ offset: state.position, value: symbol });
  return true;
}

function readGraceNotes(state: TuneState, inside: string): void {
  for (let rest = inside.replace(/^\//, ''); rest.length > 0; ) {
    const match = NOTE.exec(rest);
    if (!match) {
      rest = rest.slice(1);
      continue;
    }
    state.events.push({ kind: 'note', offset: state.position, duration: ZERO, pitch: pitchOf(state, match), grace: { slash: inside.startsWith('/') } });
    rest = rest.slice(match[0].length);
  }
}

function addRest(state: TuneState, invisible: boolean, multiplier: Rational): void {
  const marks = marksOf(state);
  const duration = noteLength(state, multiplier);
  state.events.push({ kind: 'rest', offset: state.position, duration, ...(invisible ? { hidden: true } : {}), ...marks });
  state.position = add(state.position, duration);
}

function addMeasureRests(state: TuneState, count: number): void {
  const bar = state.time ? rational(Math.round(meterValue(state.time) * 4 * 1000), 1000) : rational(4);
  for (let index = 0; index < Math.min(count, 10_000); index++) {
    state.events.push({ kind: 'rest', offset: state.position, duration: bar, measureRest: true });
    state.position = add(state.position, bar);
    closeMeasure(state);
  }
}

/** a tie after the last note or chord; `only` names the chord members a tie inside the brackets ties */
function markTie(state: TuneState, only?: readonly number[]): void {
  const last = state.events[state.events.length - 1];
  if (!last || last.kind === 'rest') return;
  const members = last.kind === 'note' ? [last.pitch] : last.notes.map((note) => note.pitch);
  const chosen = (index: number) => only === undefined || only.includes(index);
  members.forEach((member, index) => {
    if (!chosen(index)) return;
    state.tieFrom.add(member.midi);
    state.tiedAlters.set(`${member.step}${member.octave - state.octaveShift}`, member.alter);
  });
  if (last.kind === 'note') state.events[state.events.length - 1] = { ...last, tie: last.tie === 'stop' ? 'continue' : 'start' };
  else state.events[state.events.length - 1] = { ...last, notes: last.notes.map((note, index) => (chosen(index) ? { ...note, tie: note.tie === 'stop' ? 'continue' : 'start' } : note)) };
}

/** "a>b": a dotted, b halved; ">>" double-dotted; "<" the other way round */
function brokenRhythm(state: TuneState, run: string): void {
  const last = state.events[state.events.length - 1];
  if (!last || last.kind === 'rest' && last.measureRest) return;
  const strength = Math.min(run.length, 3);
  const longer = rational(2 ** (strength + 1) - 1, 2 ** strength);
  const shorter = rational(1, 2 ** strength);
  const [first, second] = run[0] === '>' ? [longer, shorter] : [shorter, longer];
  const duration = mul(last.duration, first);
  state.events[state.events.length - 1] = { ...last, duration } as Event;
  state.position = add(last.offset, duration);
  state.nextFactor = second;
}

/** "(3" three in the time of two; "(p:q:r" p in the time of q for the next r notes */
function startTuplet(state: TuneState, p: number, q: number | undefined, r: number | undefined): void {
  const compound = state.time !== undefined && Number(state.time.beats) % 3 === 0 && Number(state.time.beats) > 3;
  const normal = q ?? ({ 2: 3, 3: 2, 4: 3, 6: 2, 8: 3 } as Record<number, number>)[p] ?? (compound ? 3 : 2);
  if (p < 2) return;
  state.tuplet = { remaining: r ?? p, factor: rational(normal, p), actual: p, normal };
}

function closeMeasure(state: TuneState): void {
  state.barAlters = new Map();
  if (state.events.length === 0) return;
  const previous = state.measures[state.measures.length - 1];
  const duration = state.events.reduce((latest, event) => max(latest, add(event.offset, event.duration)), ZERO);
  const pickup = state.measures.length === 0 && state.time !== undefined && toNumber(duration) < meterValue(state.time) * 4;
  state.measures.push({
    number: String(pickup ? 0 : state.measureNumber++),
    index: state.measures.length,
    offset: previous ? add(previous.offset, previous.duration) : ZERO,
    duration,
    voices: [{ id: '1', events: state.events }],
    ...(state.pendingKeys.length ? { keys: state.pendingKeys.map((key) => ({ ...key, offset: ZERO })) } : {}),
    ...(state.pendingTimes.length ? { times: state.pendingTimes.map((time) => ({ ...time, offset: ZERO })) } : {}),
    ...(state.harmonies?.length ? { harmonies: state.harmonies } : {}),
    ...closingMarks(state),
    ...takeMeasureMarks(state.marks),
  });
  state.harmonies = undefined;
  state.events = [];
  state.pendingKeys = [];
  state.pendingTimes = [];
  state.position = ZERO;
}
