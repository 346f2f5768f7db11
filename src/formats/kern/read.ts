/**
 * Humdrum **kern importer: one part per **kern spine (top staff first, as scores are read), or per *partN for a part on several staves (staves.ts), durations as
 * reciprocals ("4" a quarter, "2." a dotted half, "3%2" …), pitches by letter case and repetition ("cc" is
 * C5, "CC" is C2), chords as space-separated tokens, ties "[", "_", "]", key, meter and clef
 * interpretations (under *clefX, unpitched percussion: letters give only the staff position), measures at "=" barlines, reference records (!!!COM, !!!OTL …) as metadata.
 * Spine splits, merges, exchanges, additions and endings (*^ *v *x *+ *-) are followed line by line
 * (spines.ts): a sub-spine becomes another voice of its part. Articulations, ornaments, fermatas and slurs
 * on notes (marks.ts), **dynam spines, *ped / *Xped and repeat barlines (read-marks.ts) are read as marks.
 */
import type { Diagnostic, ImportResult } from '../../core/diagnostics.js';
import { CadenzaError } from '../../core/errors.js';
import { isStep, pitch, type Pitch, type Step } from '../../core/pitch.js';
import { ZERO, add, compare, max, rational, type Rational } from '../../core/rational.js';
import type { Clef, KeySignature, Measure, Metadata, TieType, Timed, TimeSignature, Unpitched, Voice } from '../../core/score.js';
import { barlinesOf, bindDynamics, lineTime, readDynamMarks, startsRepeat, takeMarks } from './read-marks.js';
import { tokenMarks } from './marks.js';
import { changesColumns, failure, newPart, nextColumns, type Column, type KernPart, type KernVoice } from './spines.js';
import { groupStaves } from './staves.js';

const REFERENCE_FIELDS: Readonly<Record<string, keyof Metadata>> = { COM: 'composer', OTL: 'title', OPR: 'workTitle', OMD: 'movementTitle', LYR: 'lyricist' };

/** readKern("**kern\t**kern\n*M4/4\t*M4/4\n=1\t=1\n4c\t4e\n…") → a two-part score */
export function readKern(text: string): ImportResult {
  try {
    return readSpines(text);
  } catch (error) {
    // exact time overflows only on absurd durations (ever-new prime reciprocals); say so instead of crashing
    if (!(error instanceof RangeError)) throw error;
    throw new CadenzaError('PARSE_FAILED', `The durations in this Humdrum file cannot be kept exactly (${error.message}).`, { cause: error });
  }
}

function readSpines(text: string): ImportResult {
  const lines = text.split(/\r?\n/);
  const metadata: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  let parts: KernPart[] | undefined;
  let columns: Column[] = [];
  let origins = 0;
  let ended = false;
  let reportedAfterEnd = false;
  let measureNumber = '0';
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (line === '') return;
    if (line.startsWith('!!')) return readReference(line, metadata);
    if (ended) {
      if (!reportedAfterEnd) diagnostics.push({ severity: 'warning', message: 'Every spine had ended; the records after them were ignored.', line: lineNumber });
      reportedAfterEnd = true;
      return;
    }
    const tokens = line.split('\t');
    if (!parts) {
      if (!tokens[0]!.startsWith('**')) throw failure(lineNumber, 'the first record must be the "**kern" spine headers');
      parts = [];
      columns = tokens.map((token, spine) => {
        const part = token === '**kern' ? newPart(spine) : undefined;
        if (part) parts!.push(part);
        return part ? { origin: origins++, part, voice: [...part.active][0]! } : { origin: origins++ };
      });
      columns = bindDynamics(columns, tokens);
      if (parts.length === 0) throw new CadenzaError('PARSE_FAILED', 'This Humdrum file has no **kern spine.', { hint: 'Only **kern spines are read.' });
      return;
    }
    if (tokens.length !== columns.length) throw failure(lineNumber, `${tokens.length} spines where ${columns.length} were open`);
    if (tokens[0]!.startsWith('!')) return readLocalComments(tokens, columns);
    if (tokens[0]!.startsWith('*')) {
      tokens.forEach((token, column) => {
        const { part, voice } = columns[column]!;
        if (part && voice) interpret(part, voice.position, token);
      });
      if (!changesColumns(tokens)) return;
      columns = nextColumns(columns, tokens, { line: lineNumber, diagnostics, newOrigin: () => origins++ });
      if (columns.length === 0) ended = true;
      return;
    }
    if (tokens[0]!.startsWith('=')) {
      closeMeasures(parts, measureNumber, tokens[0]!);
      measureNumber = /^=+(\d+[a-z]?)/.exec(tokens[0]!)?.[1] ?? String(Number(measureNumber) + 1);
      return;
    }
    const now = lineTime(columns);
    tokens.forEach((token, column) => {
      const { voice, part, dynam } = columns[column]!;
      if (voice && token !== '.') readToken(voice, token, lineNumber, diagnostics, part?.percussion ? unpitchedOf(part) : undefined);
      if (dynam && token !== '.') readDynamMarks(dynam, token, now);
    });
  });
  if (!parts) throw new CadenzaError('PARSE_FAILED', 'This is not a Humdrum file: no "**kern" header.', { hint: 'A **kern file starts with a line of **kern spine headers.' });
  closeMeasures(parts, measureNumber, '');
  for (const part of columns.length > 0 ? parts : []) {
    if (part.active.size > 1) diagnostics.push({ severity: 'warning', message: `The file ends without merging or ending the spine split or added at line ${part.lastOpened}; its voices were read as they stand.`, partId: `spine-${part.spine + 1}`, line: part.lastOpened });
  }
  const scoreParts = groupStaves(parts);
  return { score: { metadata: { ...metadata, sourceFormat: 'kern' }, parts: scoreParts }, diagnostics };
}

function readReference(line: string, metadata: Record<string, string>): void {
  const match = /^!!!([A-Z]{3})[^:]*:\s*(.*)$/.exec(line);
  const field = match && REFERENCE_FIELDS[match[1]!];
  if (field && match[2]!.trim()) metadata[field] = match[2]!.trim();
}

function readLocalComments(tokens: readonly string[], columns: readonly Column[]): void {
  tokens.forEach((token, column) => {
    const label = columns[column]!.part?.label;
    const name = token.replace(/^!+/, '').trim();
    if (label && name && !label.name && /^[A-Za-z]/.test(name)) label.name = name;
  });
}

/** a tandem interpretation of one column, kept by its part; sub-spines that repeat one another's are kept once */
function interpret(state: KernPart, at: Rational, token: string): void {
  const key = /^\*k\[([a-g#\-n]*)\]$/.exec(token);
  if (key) pushOnce(state.keys, { offset: at, value: keySignature(key[1]!) });
  const meter = /^\*M(\d+(?:\+\d+)*)\/(\d+)$/.exec(token);
  if (meter) pushOnce(state.times, { offset: at, value: { beats: meter[1]!, beatType: Number(meter[2]) } satisfies TimeSignature });
  const clef = /^\*clef([GFC])(v*|\^*)(\d)?$/.exec(token);
  if (clef) pushOnce(state.clefs, { offset: at, value: { sign: clef[1] as Clef['sign'], ...(clef[3] ? { line: Number(clef[3]) } : {}), ...(clef[2] ? { octaveChange: (clef[2][0] === 'v' ? -1 : 1) * clef[2].length } : {}) } });
  if (clef || token === '*clefX') state.percussion = !clef;
  if (token === '*clefX') pushOnce(state.clefs, { offset: at, value: { sign: 'percussion' } });
  const mode = /^\*([A-Ga-g][#-]?):(\w+)?$/.exec(token);
  if (mode && state.keys.length > 0) {
    const last = state.keys[state.keys.length - 1]!;
    const modes: Record<string, KeySignature['mode']> = { mix: 'mixolydian', dor: 'dorian', phr: 'phrygian', lyd: 'lydian', ion: 'ionian', aeo: 'aeolian', loc: 'locrian' };
    const named = mode[2] ? modes[mode[2]] : mode[1] === mode[1]!.toUpperCase() ? 'major' : 'minor';
    if (named) state.keys[state.keys.length - 1] = { ...last, value: { ...last.value, mode: named } };
  }
  const instrument = /^\*I"(.+)$/.exec(token);
  if (instrument) state.label.instrument = instrument[1]!;
  if (token === '*ped' || token === '*Xped') pushOnce(state.pedals, { offset: at, value: { type: token === '*ped' ? 'start' : 'stop' } });
  const staffing = /^\*(part|staff)(\d+)$/.exec(token);
  if (staffing) state[staffing[1] === 'part' ? 'partNumber' : 'staffNumber'] = Number(staffing[2]);
}

function pushOnce<T>(list: Timed<T>[], entry: Timed<T>): void {
  const last = list[list.length - 1];
  if (last && compare(last.offset, entry.offset) === 0 && JSON.stringify(last.value) === JSON.stringify(entry.value)) return;
  list.push(entry);
}

/** keySignature("b-e-") → { fifths: -2 } */
function keySignature(accidentals: string): KeySignature {
  const sharps = (accidentals.match(/#/g) ?? []).length;
  const flats = (accidentals.match(/-/g) ?? []).length;
  return { fifths: sharps - flats };
}

function closeMeasures(parts: readonly KernPart[], number: string, barline: string): void {
  const voices = parts.flatMap((part) => part.touched);
  const length = voices.reduce((longest, voice) => max(longest, voice.position), ZERO);
  const hasContent = voices.some((voice) => voice.events.length > 0);
  for (const state of parts) {
    if (hasContent) {
      const previous = state.measures[state.measures.length - 1];
      const measure: Measure = {
        number,
        index: state.measures.length,
        offset: previous ? add(previous.offset, previous.duration) : ZERO,
        duration: length,
        voices: measureVoices(state),
        ...(state.keys.length ? { keys: state.keys } : {}),
        ...(state.times.length ? { times: state.times } : {}),
        ...(state.clefs.length ? { clefs: state.clefs } : {}),
        ...takeMarks(state),
        ...barlinesOf(state.leftRepeat, barline),
      };
      state.measures.push(measure);
      state.keys = [];
      state.times = [];
      state.clefs = [];
      state.leftRepeat = startsRepeat(barline);
    }
    for (const voice of state.touched) {
      voice.events = [];
      voice.position = ZERO;
    }
    state.touched = [...state.active];
  }
}

/** the voices of a part in one measure, by number; a number given back and taken again in the measure is one voice */
function measureVoices(part: KernPart): Voice[] {
  const byId = new Map<number, KernVoice[]>();
  for (const voice of part.touched) {
    if (voice.events.length === 0) continue;
    const same = byId.get(voice.id);
    if (same) same.push(voice);
    else byId.set(voice.id, [voice]);
  }
  if (byId.size === 0) {
    const lowest = [...part.active].reduce((id, voice) => Math.min(id, voice.id), Number.POSITIVE_INFINITY);
    return [{ id: String(Number.isFinite(lowest) ? lowest : 1), events: [] }];
  }
  return [...byId]
    .sort(([a], [b]) => a - b)
    .map(([id, voices]) => ({ id: String(id), events: voices.length === 1 ? voices[0]!.events : voices.flatMap((voice) => voice.events).sort((a, b) => compare(a.offset, b.offset)) }));
}

/** a percussion spine's instrument (*I"Snare drum), when it names one */
function unpitchedOf(part: KernPart): Unpitched {
  return part.label.instrument ? { instrument: part.label.instrument } : {};
}

/** `unpitched`: the token is on a percussion staff, its pitches only staff positions */
function readToken(state: KernVoice, token: string, line: number, diagnostics: Diagnostic[], unpitched?: Unpitched): void {
  const subtokens = token.split(' ').filter(Boolean);
  if (subtokens.length === 0) return; // an empty token holds the place like "."
  const parsed = subtokens.map((subtoken) => readSubtoken(subtoken, line));
  const first = parsed[0]!;
  const offset = state.position;
  const fermata = tokenMarks(token);
  if (parsed.every((note) => note.rest)) {
    state.events.push({ kind: 'rest', offset, duration: first.duration, ...(/yy/.test(token) ? { hidden: true } : {}), ...fermata });
  } else {
    const notes = parsed.filter((note): note is ParsedKernNote & { pitch: Pitch } => note.pitch !== undefined);
    if (notes.length !== parsed.length) diagnostics.push({ severity: 'warning', message: `A chord mixes rests and notes; the rests were dropped.`, line });
    const grace = notes[0]!.grace ? { grace: { slash: false } } : {};
    const duration = notes[0]!.grace ? ZERO : first.duration;
    const drum = unpitched ? { unpitched } : {};
    state.events.push(
      notes.length === 1
        ? { kind: 'note', offset, duration, pitch: notes[0]!.pitch, ...drum, ...(notes[0]!.tie ? { tie: notes[0]!.tie } : {}), ...grace, ...fermata }
        : { kind: 'chord', offset, duration, notes: notes.map((note) => ({ pitch: note.pitch, ...drum, ...(note.tie ? { tie: note.tie } : {}) })), ...grace, ...fermata },
    );
    if (notes[0]!.grace) return;
  }
  state.position = add(offset, first.duration);
}

interface ParsedKernNote {
  readonly duration: Rational;
  readonly rest: boolean;
  readonly pitch?: Pitch;
  readonly tie?: TieType;
  readonly grace: boolean;
}

/** readSubtoken("4.f#") → dotted quarter F#4; "2r" → a half rest; "[1CC" → a whole C2 starting a tie */
function readSubtoken(subtoken: string, line: number): ParsedKernNote {
  const durationMatch = /(\d+)(?:%(\d+))?(\.*)/.exec(subtoken);
  const grace = /[qQ]/.test(subtoken);
  if (!durationMatch && !grace) throw failure(line, `"${subtoken}" has no duration`);
  const duration = durationMatch ? kernDuration(durationMatch[1]!, Number(durationMatch[2] ?? 1), durationMatch[3]!.length, line) : ZERO;
  if (/r/.test(subtoken)) return { duration, rest: true, grace };
  const letters = /([a-gA-G])\1*/.exec(subtoken);
  if (!letters) throw failure(line, `"${subtoken}" is neither a note nor a rest`);
  const letter = letters[1]!;
  const step = letter.toUpperCase() as Step;
  if (!isStep(step)) throw failure(line, `"${subtoken}" has no pitch letter`);
  const count = letters[0].length;
  const octave = letter === letter.toLowerCase() ? 3 + count : 4 - count;
  const alter = (subtoken.match(/#/g)?.length ?? 0) - (subtoken.match(/-/g)?.length ?? 0);
  const tie: TieType | undefined = subtoken.includes('[') ? 'start' : subtoken.includes(']') ? 'stop' : subtoken.includes('_') ? 'continue' : undefined;
  return { duration, rest: false, pitch: pitch(step, alter, octave), grace, ...(tie ? { tie } : {}) };
}

/** kernDuration("4", 1, 1) → 3/2: a dotted quarter; "0" a breve, "00" a long, "3%2" two thirds of a whole */
function kernDuration(written: string, numerator: number, dots: number, line: number): Rational {
  const reciprocal = Number(written);
  if (reciprocal > 10_000 || numerator > 10_000 || written.length > 5) throw failure(line, `impossible duration ${written}%${numerator}`);
  const base = reciprocal === 0 ? rational(8 * 2 ** (written.length - 1)) : rational(4 * numerator, reciprocal);
  let total = base;
  for (let dot = 1; dot <= dots; dot++) total = add(total, rational(base.n, base.d * 2 ** dot));
  return total;
}
