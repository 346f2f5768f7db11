/**
 * Voice-leading checks in the common-practice tradition: parallel fifths and octaves (also by contrary
 * motion), hidden fifths and octaves in the outer voices, crossing and overlap, spacing wider than an
 * octave between upper voices, ranges per voice (SATB), unresolved leading tones and sevenths, large
 * leaps. Each voice is a part's line (or a voice within a part); voices are compared at every point
 * where one of them moves.
 */
import { pitchedNotes } from '../core/events.js';
import { CadenzaError } from '../core/errors.js';
import { pitchName, stepName, type Pitch } from '../core/pitch.js';
import { add, compare, toNumber, type Rational } from '../core/rational.js';
import type { Score } from '../core/score.js';
import { beatLength } from './harmony-slots.js';
import { analyzeHarmony, type Harmony } from './harmony.js';
import { parseKeyName } from './roman.js';
import { letter } from './chord-steps.js';

export type VoiceLeadingIssue =
  | 'parallel fifths'
  | 'parallel octaves'
  | 'fifths by contrary motion'
  | 'octaves by contrary motion'
  | 'hidden fifths'
  | 'hidden octaves'
  | 'voice crossing'
  | 'voice overlap'
  | 'spacing'
  | 'range'
  | 'unresolved leading tone'
  | 'unresolved seventh'
  | 'large leap';

export interface VoiceLeadingFinding {
  readonly issue: VoiceLeadingIssue;
  readonly offsetQuarters: number;
  readonly measure: string;
  readonly beat: number;
  readonly voices: readonly string[];
  readonly explanation: string;
  /** ids of the notes (events, or chord notes) the finding is about, where the score has ids */
  readonly noteIds: readonly string[];
}

export interface LineNote {
  readonly start: Rational;
  readonly end: Rational;
  readonly pitch: Pitch;
  readonly fermata?: boolean;
  /** ids of the written notes that make it (a tied note is several) */
  readonly ids?: readonly string[];
}

type Note = LineNote;

export interface Line {
  readonly name: string;
  readonly notes: readonly Note[];
  /** where the line is written: its part's index and the voice label inside it */
  readonly written?: { readonly part: number; readonly voice: string };
}

/** SATB ranges in MIDI numbers (a common textbook's: soprano C4–G5, alto G3–D5, tenor C3–G4, bass E2–C4) */
const SATB_RANGES: readonly [number, number][] = [[60, 79], [55, 74], [48, 67], [40, 60]];

/**
 * Which rules apply. "satb": the four-part vocal rules (crossing, overlap, spacing, SATB ranges) as well as
 * the motion rules; "free": only what holds in any texture (parallels, hidden fifths and octaves in the
 * outer voices, resolutions, leaps, and the instruments' own ranges). "auto" chooses "satb" for four lines
 * of voices (or of parts that name no instrument) and "free" otherwise.
 */
export type Texture = 'auto' | 'satb' | 'free';

/** written ranges of common instruments, MIDI numbers (lowest, highest) */
const INSTRUMENT_RANGES: readonly [RegExp, [number, number]][] = [
  [/violin|violino/i, [55, 103]],
  [/viola(?! da gamba)/i, [48, 91]],
  [/cello|violoncell/i, [36, 81]],
  [/contrabass|double bass|violone/i, [28, 67]],
  [/flute|flauto/i, [60, 96]],
  [/oboe/i, [58, 91]],
  [/clarinet/i, [50, 94]],
  [/bassoon|fagott/i, [34, 75]],
];

/** a name that a vocal part has: the SATB voices and their languages' names */
const VOCAL = /^(soprano|alto|tenor|bass|basso|canto|cantus|altus|tenore|bassus|quintus|sextus|voice|s|a|t|b)\b/i;

/** two lines double each other (colla parte) in a run of this many successive octaves or unisons … */
const DOUBLING_RUN = 4;
/** … or throughout, when at least this share of the points where both sound are octaves or unisons */
const DOUBLING_SHARE = 0.5;

/** voiceLines(chorale) → soprano, alto, tenor, bass: one line per part and voice, in score order (top staff first), top note of chords */
export function voiceLines(score: Score): Line[] {
  const lines: Line[] = [];
  score.parts.forEach((part, partIndex) => {
    const byVoice = new Map<string, Note[]>();
    for (const measure of part.measures) {
      for (const voice of measure.voices) {
        const notes = byVoice.get(voice.id) ?? [];
        for (const event of voice.events) {
          const pitched = pitchedNotes(event);
          if (pitched.length === 0 || event.kind === 'rest' || event.grace || event.duration.n === 0) continue;
          const topNote = pitched.reduce((top, note) => (note.pitch.midi > top.pitch.midi ? note : top), pitched[0]!);
          const { pitch } = topNote;
          // a chord's top note has its own id; a single note is its event
          const id = topNote.id ?? event.id;
          const ids = id === undefined ? {} : { ids: [id] };
          const start = add(measure.offset, event.offset);
          const previous = notes[notes.length - 1];
          // a tied continuation extends the note it continues
          const fermata = event.fermata ? { fermata: true } : {};
          if (previous && compare(previous.end, start) === 0 && previous.pitch.midi === pitch.midi && isTieContinuation(event)) {
            notes[notes.length - 1] = { ...previous, end: add(start, event.duration), ...fermata, ...(id === undefined ? {} : { ids: [...(previous.ids ?? []), id] }) };
          } else notes.push({ start, end: add(start, event.duration), pitch, ...fermata, ...ids });
        }
        byVoice.set(voice.id, notes);
      }
    }
    for (const [voiceId, notes] of byVoice) {
      const name = byVoice.size > 1 ? `${part.name ?? part.id} (voice ${voiceId})` : part.name ?? part.id;
      if (notes.length > 0) lines.push({ name, notes, written: { part: partIndex, voice: voiceId } });
    }
  });
  return lines;
}

/** pickLine(voiceLines(chorale), "Soprano") → that line; by index (0 = top) or part name; a typed error naming the voices otherwise */
export function pickLine(lines: readonly Line[], wanted: number | string): Line {
  const line = typeof wanted === 'number' ? lines[wanted] : lines.find((candidate) => candidate.name.toLowerCase() === wanted.toLowerCase());
  if (!line) {
    throw new CadenzaError('INVALID_ARGUMENT', `No voice ${JSON.stringify(wanted)} in this score.`, {
      hint: `Voices: ${lines.map((candidate, index) => `${index} = ${candidate.name}`).join(', ') || 'none'}.`,
    });
  }
  return line;
}

function isTieContinuation(event: { kind: string; tie?: string; notes?: readonly { tie?: string }[] }): boolean {
  const tie = event.kind === 'note' ? event.tie : event.notes?.[0]?.tie;
  return tie === 'stop' || tie === 'continue';
}

/** checkVoiceLeading(chorale) → every finding, in time order */
export function checkVoiceLeading(score: Score, texture: Texture = 'auto'): VoiceLeadingFinding[] {
  const lines = voiceLines(score);
  const satb = texture === 'satb' || (texture === 'auto' && isVocalFourPart(score, lines));
  const locate = locator(score);
  const findings: VoiceLeadingFinding[] = [];
  const report: Report = (issue, at, voices, explanation, notes) =>
    findings.push({ issue, offsetQuarters: toNumber(at), ...locate(at), voices, explanation, noteIds: notes.flatMap((note) => note.ids ?? []) });
  for (let upper = 0; upper < lines.length; upper++) {
    for (let lower = upper + 1; lower < lines.length; lower++) {
      const adjacent = satb && lower === upper + 1;
      checkPair(lines[upper]!, lines[lower]!, { outer: upper === 0 && lower === lines.length - 1, adjacent, spacingApplies: adjacent && lower < lines.length - 1 }, report);
    }
  }
  lines.forEach((line, index) => checkLine(line, satb ? SATB_RANGES[index] : instrumentRange(score, line), report));
  checkResolutions(lines, analyzeHarmony(score), report);
  return findings.sort((a, b) => a.offsetQuarters - b.offsetQuarters || a.issue.localeCompare(b.issue));
}

/** four lines, each its own part, named as voices or naming no instrument */
function isVocalFourPart(score: Score, lines: readonly Line[]): boolean {
  if (lines.length !== 4) return false;
  return lines.every((line) => {
    const part = line.written ? score.parts[line.written.part] : undefined;
    const instrument = part?.instrument?.name ?? '';
    return VOCAL.test(part?.name ?? '') || VOCAL.test(instrument) || (instrument === '' && !INSTRUMENT_RANGES.some(([pattern]) => pattern.test(part?.name ?? '')));
  });
}

/** the written range of the line's instrument, when its part names one we know */
function instrumentRange(score: Score, line: Line): [number, number] | undefined {
  const part = line.written ? score.parts[line.written.part] : undefined;
  const names = `${part?.name ?? ''} ${part?.instrument?.name ?? ''}`;
  return INSTRUMENT_RANGES.find(([pattern]) => pattern.test(names))?.[1];
}

type Report = (issue: VoiceLeadingIssue, at: Rational, voices: readonly string[], explanation: string, notes: readonly Note[]) => void;

function soundingAt(line: Line, at: Rational): Note | undefined {
  return line.notes.find((note) => compare(note.start, at) <= 0 && compare(note.end, at) > 0);
}

/** the note of the line that ends exactly where `at` begins */
function soundingJustBefore(line: Line, at: Rational): Note | undefined {
  return line.notes.find((note) => compare(note.end, at) === 0);
}

interface Sounding {
  readonly at: Rational;
  readonly top: Note;
  readonly bottom: Note;
}

function checkPair(high: Line, low: Line, role: { outer: boolean; adjacent: boolean; spacingApplies: boolean }, report: Report): void {
  const names = [high.name, low.name];
  const pairs = soundingPairs(high, low);
  const doubled = doublingPoints(pairs);
  let previous: Sounding | undefined;
  for (const current of pairs) {
    if (current === undefined) {
      previous = undefined;
      continue;
    }
    const { at, top, bottom } = current;
    if (role.adjacent && top.pitch.midi < bottom.pitch.midi) report('voice crossing', at, names, `${high.name} (${name(top.pitch)}) is below ${low.name} (${name(bottom.pitch)}).`, [top, bottom]);
    if (role.spacingApplies && top.pitch.midi - bottom.pitch.midi > 12) report('spacing', at, names, `${high.name} and ${low.name} are more than an octave apart (${name(bottom.pitch)}–${name(top.pitch)}).`, [top, bottom]);
    if (previous && (previous.top !== top || previous.bottom !== bottom)) checkMotion(previous, current, names, { ...role, doubling: doubled.has(current) }, report);
    previous = current;
  }
}

/** the two lines' notes at every point where one of them moves; undefined where one is silent */
function soundingPairs(high: Line, low: Line): (Sounding | undefined)[] {
  const points = [...new Set([...high.notes, ...low.notes].map((note) => toNumber(note.start)))].sort((a, b) => a - b);
  const starts = new Map([...high.notes, ...low.notes].map((note) => [toNumber(note.start), note.start]));
  return points.map((point) => {
    const at = starts.get(point)!;
    const [top, bottom] = [soundingAt(high, at), soundingAt(low, at)];
    return top && bottom ? { at, top, bottom } : undefined;
  });
}

/** the points where one line doubles the other: all of them when they mostly do, else runs of DOUBLING_RUN or more octaves */
function doublingPoints(pairs: readonly (Sounding | undefined)[]): Set<Sounding> {
  const sounding = pairs.filter((pair): pair is Sounding => pair !== undefined);
  const octaves = new Set(sounding.filter((pair) => perfect(pair.top.pitch, pair.bottom.pitch) === 'octave'));
  if (octaves.size >= DOUBLING_SHARE * sounding.length && octaves.size >= DOUBLING_RUN) return new Set(sounding);
  const doubled = new Set<Sounding>();
  let run: Sounding[] = [];
  const close = () => {
    if (run.length >= DOUBLING_RUN) for (const pair of run) doubled.add(pair);
    run = [];
  };
  for (const pair of pairs) {
    if (pair && octaves.has(pair)) run.push(pair);
    else close();
  }
  close();
  return doubled;
}

function checkMotion(before: Sounding, after: Sounding, names: string[], role: { outer: boolean; adjacent: boolean; doubling: boolean }, report: Report): void {
  const at = after.at;
  const topMove = after.top.pitch.midi - before.top.pitch.midi;
  const bottomMove = after.bottom.pitch.midi - before.bottom.pitch.midi;
  if (role.adjacent && bottomMove > 0 && after.bottom.pitch.midi > before.top.pitch.midi) report('voice overlap', at, names, `${names[1]} rises to ${name(after.bottom.pitch)}, above ${names[0]}'s previous ${name(before.top.pitch)}.`, [before.top, after.bottom]);
  if (role.adjacent && topMove < 0 && after.top.pitch.midi < before.bottom.pitch.midi) report('voice overlap', at, names, `${names[0]} falls to ${name(after.top.pitch)}, below ${names[1]}'s previous ${name(before.bottom.pitch)}.`, [before.bottom, after.top]);
  if (topMove === 0 || bottomMove === 0) return;
  // intervals as they sound: when the voices cross, the lower line's note is the upper one
  const [was, is] = [soundingInterval(before), soundingInterval(after)];
  if (is && was === is) {
    if (is === 'octave' && role.doubling) return;
    const contrary = Math.sign(topMove) !== Math.sign(bottomMove);
    const kind = is === 'fifth' ? (contrary ? 'fifths by contrary motion' : 'parallel fifths') : contrary ? 'octaves by contrary motion' : 'parallel octaves';
    report(kind, at, names, `${is} ${spanName(before)} to ${is} ${spanName(after)}.`, [before.top, before.bottom, after.top, after.bottom]);
  } else if (is && role.outer && Math.sign(topMove) === Math.sign(bottomMove) && Math.abs(topMove) > 2) {
    report(is === 'fifth' ? 'hidden fifths' : 'hidden octaves', at, names, `The outer voices reach a perfect ${is} (${spanName(after)}) in similar motion, the upper voice by leap.`, [before.top, before.bottom, after.top, after.bottom]);
  }
}

/** the two pitches as they sound, upper first: after a crossing the lower line's note is the upper one */
function sounded(pair: Sounding): [upper: Pitch, lower: Pitch] {
  return pair.top.pitch.midi >= pair.bottom.pitch.midi ? [pair.top.pitch, pair.bottom.pitch] : [pair.bottom.pitch, pair.top.pitch];
}

/** the perfect interval the two notes sound, measured from the lower of them */
function soundingInterval(pair: Sounding): 'fifth' | 'octave' | undefined {
  return perfect(...sounded(pair));
}

/** "C3–G3": the lower sounding note, then the upper */
function spanName(pair: Sounding): string {
  const [upper, lower] = sounded(pair);
  return `${name(lower)}–${name(upper)}`;
}

/** perfect(G4, C3) → "fifth"; octaves and unisons → "octave"; a diminished fifth or other intervals → undefined */
function perfect(upper: Pitch, lower: Pitch): 'fifth' | 'octave' | undefined {
  const semitones = (((upper.midi - lower.midi) % 12) + 12) % 12;
  const letters = (((letter(upper) - letter(lower)) % 7) + 7) % 7;
  if (semitones === 7 && letters === 4) return 'fifth';
  if (semitones === 0 && letters === 0) return 'octave';
  return undefined;
}

function checkLine(line: Line, range: [number, number] | undefined, report: Report): void {
  line.notes.forEach((note, index) => {
    if (range && (note.pitch.midi < range[0] || note.pitch.midi > range[1])) {
      report('range', note.start, [line.name], `${name(note.pitch)} is outside the usual range of this voice.`, [note]);
    }
    const previous = line.notes[index - 1];
    if (!previous || compare(previous.end, note.start) !== 0) return;
    const leap = Math.abs(note.pitch.midi - previous.pitch.midi);
    const tritone = leap === 6 && !isRecoveredDiminishedFifth(line, previous, note);
    if (leap > 12 || tritone) {
      report('large leap', note.start, [line.name], `${tritone ? 'A tritone' : 'A leap of more than an octave'}: ${name(previous.pitch)} to ${name(note.pitch)}.`, [previous, note]);
    }
  });
}

/**
 * A diminished fifth whose line then turns back by step (F4–B3–C4, C4–F♯3–G3) is the melodic tritone the
 * textbooks allow; an augmented fourth, or a diminished fifth left by leap or onward, is still a fault.
 */
function isRecoveredDiminishedFifth(line: Line, from: Note, to: Note): boolean {
  const letters = Math.abs(letter(to.pitch) - letter(from.pitch) + 7 * (to.pitch.octave - from.pitch.octave));
  const after = nextNote(line, to);
  if (letters !== 4 || !after) return false;
  const leapDirection = Math.sign(to.pitch.midi - from.pitch.midi);
  const move = after.pitch.midi - to.pitch.midi;
  return Math.sign(move) === -leapDirection && Math.abs(move) <= 2;
}

/**
 * The leading tone of a dominant should rise to the tonic, and a chord seventh fall by step, in the voice
 * that has it (held or repeated first, if it likes). A seventh that only passes or neighbours (reached and
 * left by step), or belongs to a chord of passing notes shorter than a quarter, is a melodic note over the
 * harmony, not its seventh: no rule applies.
 */
function checkResolutions(lines: readonly Line[], harmonies: readonly Harmony[], report: Report): void {
  harmonies.forEach((harmony, index) => {
    const next = harmonies[index + 1];
    if (!next || next.key !== harmony.key) return;
    const dominant = /^(V|viio)/.test(harmony.figure) && !harmony.figure.includes('/');
    const toTonic = /^[iI](?![iIvV])/.test(next.figure);
    const key = parseKeyName(harmony.key);
    const leadingTonePitchClass = (pitchClassOf(key.tonic) + 11) % 12;
    // a seventh chord shorter than a quarter is made by passing notes over a longer harmony (Bach's eighths)
    const lasting = toNumber(next.offset) - toNumber(harmony.offset) >= 1;
    const seventh = lasting && harmony.quality.includes('seventh') ? harmony.pitches.find((pitch) => isSeventh(pitch, harmony)) : undefined;
    lines.forEach((line, lineIndex) => {
      const now = soundingAt(line, harmony.offset);
      const then = soundingAt(line, next.offset);
      if (!now || !then || now === then) return;
      const outer = lineIndex === 0 || lineIndex === lines.length - 1;
      // the note the line leaves the dominant from: a leading tone given up for another note of the chord
      // (a bass arpeggiating V6 to V) owes nothing, one moved up an octave first still owes its tonic
      const last = soundingJustBefore(line, next.offset) ?? now;
      if (dominant && toTonic && outer && last.pitch.pitchClass === leadingTonePitchClass && then.pitch.midi !== last.pitch.midi + 1) {
        report('unresolved leading tone', next.offset, [line.name], `The leading tone ${name(last.pitch)} goes to ${name(then.pitch)}, not up to the tonic.`, [last, then]);
      }
      if (!seventh || now.pitch.pitchClass !== seventh.pitchClass || isStepwiseOrnament(line, now) || isEscapeTone(line, now, harmony, next)) return;
      const leaving = leavingPitchClass(line, now);
      if (leaving && !resolvesSoon(line, leaving.from, next.offset)) {
        report('unresolved seventh', leaving.to.start, [line.name], `The chord seventh ${name(now.pitch)} goes to ${name(leaving.to.pitch)}, not down by step.`, [now, leaving.to]);
      }
    });
  });
}

/** the notes after a seventh in which it may still resolve: at once, or after a note that ornaments it */
const RESOLUTION_WITHIN_NOTES = 2;

/**
 * whether one of the next few notes lies a step below the seventh, in any octave (a bass may resolve an
 * octave down); a return to the seventh while its chord lasts (C–D–C, then B) starts the wait again
 */
function resolvesSoon(line: Line, seventh: Note, chordEnd: Rational): boolean {
  let note = seventh;
  for (let remaining = RESOLUTION_WITHIN_NOTES; remaining > 0; remaining--) {
    const following = nextNote(line, note);
    if (!following) return false;
    const below = (((seventh.pitch.midi - following.pitch.midi) % 12) + 12) % 12;
    if (below === 1 || below === 2) return true;
    if (below === 0 && compare(following.start, chordEnd) < 0) remaining = RESOLUTION_WITHIN_NOTES + 1;
    note = following;
  }
  return false;
}

/** how many notes a held or repeated seventh may last before it must move (a delayed resolution) */
const SEVENTH_HELD_NOTES = 4;

/**
 * Where the line leaves the seventh's pitch class: the last note of it (held, repeated or moved by an
 * octave) and the note after. Undefined when a rest comes first or it stays longer than a delayed resolution.
 */
function leavingPitchClass(line: Line, seventh: Note): { from: Note; to: Note } | undefined {
  let from = seventh;
  for (let held = 0; held < SEVENTH_HELD_NOTES; held++) {
    const to = nextNote(line, from);
    if (!to) return undefined;
    if (to.pitch.pitchClass !== seventh.pitch.pitchClass) return { from, to };
    from = to;
  }
  return undefined;
}

/** the note right after `note` in its line, when nothing (a rest) comes between */
function nextNote(line: Line, note: Note): Note | undefined {
  const following = line.notes[line.notes.indexOf(note) + 1];
  return following && compare(following.start, note.end) === 0 ? following : undefined;
}

/** reached and left by step (a passing or neighbour note), with no rest on either side */
function isStepwiseOrnament(line: Line, note: Note): boolean {
  const index = line.notes.indexOf(note);
  const [before, after] = [line.notes[index - 1], nextNote(line, note)];
  if (!before || !after || compare(before.end, note.start) !== 0) return false;
  const step = (from: Note, to: Note) => Math.abs(to.pitch.midi - from.pitch.midi) >= 1 && Math.abs(to.pitch.midi - from.pitch.midi) <= 2;
  return step(before, note) && step(note, after);
}

/**
 * An escape tone: reached by step, left by leap, not held over from before, and shorter than half the
 * chord it sounds in (G♯–A–F♯ over a dominant): it decorates the chord and owes no resolution.
 */
function isEscapeTone(line: Line, note: Note, harmony: Harmony, next: Harmony): boolean {
  const index = line.notes.indexOf(note);
  const [before, after] = [line.notes[index - 1], nextNote(line, note)];
  if (!before || !after || compare(before.end, note.start) !== 0 || before.pitch.pitchClass === note.pitch.pitchClass) return false;
  const chordLength = toNumber(next.offset) - toNumber(harmony.offset);
  const short = toNumber(note.end) - toNumber(note.start) < chordLength / 2;
  return short && Math.abs(note.pitch.midi - before.pitch.midi) <= 2 && Math.abs(after.pitch.midi - note.pitch.midi) > 2;
}

function isSeventh(pitch: Pitch, harmony: Harmony): boolean {
  const root = harmony.pitches.find((candidate) => stepName(candidate) === harmony.root);
  return root !== undefined && (((letter(pitch) - letter(root)) % 7) + 7) % 7 === 6;
}

function pitchClassOf(tonic: { step: string; alter: number }): number {
  return ((({ C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 } as Record<string, number>)[tonic.step]! + tonic.alter) % 12 + 12) % 12;
}

const name = pitchName;

/** measure number and 1-based beat of a score time */
function locator(score: Score): (at: Rational) => { measure: string; beat: number } {
  const measures = score.parts[0]?.measures ?? [];
  let time = measures[0]?.times?.[0]?.value ?? { beats: '4', beatType: 4 };
  const starts = measures.map((measure) => {
    time = measure.times?.[0]?.value ?? time;
    return { measure, beat: toNumber(beatLength(time)) };
  });
  return (at) => {
    const found = [...starts].reverse().find(({ measure }) => compare(measure.offset, at) <= 0) ?? starts[0];
    if (!found) return { measure: '', beat: 1 };
    return { measure: found.measure.number, beat: (toNumber(at) - toNumber(found.measure.offset)) / found.beat + 1 };
  };
}
