/**
 * What a melody does next, in a style: the next note's probabilities from interval trigrams learned from
 * the top lines of music21's corpus (melody-models.ts), and a continuation of several notes drawn from
 * them by a seeded generator. Every note is checked against the range before it is offered: a note
 * outside it is set aside (a single suggestion) or never drawn (a continuation).
 */
import { CadenzaError } from '../core/errors.js';
import { pitchName } from '../core/pitch.js';
import { spellMidi } from '../core/spelling.js';
import { seededRandom } from '../generate/random.js';
import { nextChords } from './chord-ngram.js';
import { melodyModels, type MELODY_STYLES } from './melody-models.js';

export type MelodyStyle = (typeof MELODY_STYLES)[number];

export interface MelodyNote {
  readonly midi: number;
  /** its place on the line of fifths, for spelling (C 0, G 1, F −1) */
  readonly fifths: number;
  readonly duration?: number;
}

export interface NoteSuggestion {
  readonly pitch: string;
  readonly interval: number;
  readonly probability: number;
}

/** how far beyond the melody's own compass a suggestion may go, unless a range is given */
const COMPASS_MARGIN = 5;

/** rangeOf(notes) → the melody's lowest and highest notes widened by a fourth each way */
export function rangeOf(notes: readonly MelodyNote[]): [number, number] {
  const midi = notes.map((note) => note.midi);
  return [Math.min(...midi) - COMPASS_MARGIN, Math.max(...midi) + COMPASS_MARGIN];
}

/** nextNotes(E4 D4 C4, "folk", 5, [55, 77]) → the likeliest next notes in range, and those set aside for range */
export function nextNotes(notes: readonly MelodyNote[], style: MelodyStyle, count: number, range: readonly [number, number]): { offered: NoteSuggestion[]; outOfRange: NoteSuggestion[] } {
  const last = lastOf(notes);
  const offered: NoteSuggestion[] = [];
  const outOfRange: NoteSuggestion[] = [];
  for (const candidate of nextChords(melodyModels()[style], intervalsOf(notes), count * 3)) {
    const interval = Number(candidate.figure);
    const suggestion = { pitch: nameOf(last.midi + interval, notes), interval, probability: Math.round(candidate.probability * 10000) / 10000 };
    if (last.midi + interval < range[0] || last.midi + interval > range[1]) outOfRange.push(suggestion);
    else if (offered.length < count) offered.push(suggestion);
  }
  return { offered, outOfRange };
}

/** continueMelody(E4 D4 C4, "folk", 8, range, 1) → 8 notes drawn in turn, each in range, the rhythm of the last notes repeated */
export function continueMelody(notes: readonly MelodyNote[], style: MelodyStyle, length: number, range: readonly [number, number], seed: number): string[] {
  const random = seededRandom(seed);
  const line = [...notes];
  const rhythm = notes.slice(-4).map((note) => note.duration);
  const written: string[] = [];
  for (let i = 0; i < length; i++) {
    const last = lastOf(line);
    const candidates = nextChords(melodyModels()[style], intervalsOf(line), 40).filter((candidate) => inRange(last.midi + Number(candidate.figure), range));
    const total = candidates.reduce((sum, candidate) => sum + candidate.probability, 0);
    let draw = random.next() * total;
    const chosen = candidates.find((candidate) => (draw -= candidate.probability) <= 0) ?? candidates.at(-1);
    if (!chosen) break;
    const midi = last.midi + Number(chosen.figure);
    const duration = rhythm[i % rhythm.length];
    line.push({ midi, fifths: last.fifths, ...(duration !== undefined ? { duration } : {}) });
    written.push(`${nameOf(midi, notes)}${duration !== undefined ? `:${duration}` : ''}`);
  }
  return written;
}

function intervalsOf(notes: readonly MelodyNote[]): string[] {
  return notes.slice(1).map((note, index) => String(note.midi - notes[index]!.midi));
}

function lastOf(notes: readonly MelodyNote[]): MelodyNote {
  const last = notes.at(-1);
  if (!last) throw new CadenzaError('INVALID_ARGUMENT', 'melody: give at least one note.', { hint: 'e.g. "E4 D4 C4 D4".' });
  return last;
}

function inRange(midi: number, range: readonly [number, number]): boolean {
  return midi >= range[0] && midi <= range[1];
}

/** spelled in the key the melody's notes suggest (the mean of their places on the line of fifths) */
function nameOf(midi: number, notes: readonly MelodyNote[]): string {
  const centre = Math.round(notes.reduce((sum, note) => sum + note.fifths, 0) / notes.length) - 1;
  return pitchName(spellMidi(midi, centre));
}
