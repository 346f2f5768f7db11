/**
 * A melodic query as notes: typed ("C4 D4 E4", or with quarter-note durations "C4:1 D4:0.5 E4:0.5"), an ABC
 * snippet (read by the ABC importer, a header added when it has none), or a stretch of a stored score.
 */
import { CadenzaError } from '../core/errors.js';
import { lineOfFifths, parsePitchName } from '../core/interval.js';
import type { Score } from '../core/score.js';
import { readAbc } from '../formats/abc/read.js';
import { extractPiece } from './piece.js';

export interface QueryNote {
  readonly midi: number;
  readonly fifths: number;
  /** in quarter notes; absent when the query gave pitches only */
  readonly duration?: number;
}

/** the longest query accepted: a phrase or two, which is what incipit and motif searches use */
export const MAX_QUERY_NOTES = 64;

/** parseQueryNotes("C4 D4:0.5 E4:1/2") → three notes, the last two with durations */
export function parseQueryNotes(text: string): QueryNote[] {
  const tokens = text.trim().split(/[\s,]+/).filter(Boolean);
  checkLength(tokens.length);
  return tokens.map((token) => {
    const [name, length] = token.split(':') as [string, string | undefined];
    const found = parsePitchName(name);
    if (!found) throw new CadenzaError('INVALID_ARGUMENT', `"${name}" is not a pitch name.`, { hint: 'Write notes as pitch names with octaves, e.g. "C4 D4 E4", optionally with durations in quarter notes: "C4:1 D4:0.5".' });
    const duration = length === undefined ? undefined : parseDuration(length);
    return { midi: found.midi, fifths: lineOfFifths(found), ...(duration === undefined ? {} : { duration }) };
  });
}

/** notesFromAbc("CDE2") → C4, D4, E4 with eighth, eighth, quarter durations (L:1/8 by default) */
export function notesFromAbc(snippet: string): QueryNote[] {
  const text = /^X:/m.test(snippet) ? snippet : `X:1\n${/^K:/m.test(snippet) ? '' : 'K:C\n'}${snippet}\n`;
  return notesOfScore(readAbc(text).score);
}

/** notesOfScore(score, 0) → the highest line of part 0 (or of the given measure span, 0-based, inclusive) as query notes */
export function notesOfScore(score: Score, partIndex = 0, measures?: { readonly start: number; readonly end: number }): QueryNote[] {
  const line = extractPiece(score, 'query', { harmony: false }).lines.find((candidate) => candidate.partId === score.parts[partIndex]?.id);
  const notes: QueryNote[] = [];
  for (let i = 0; i < (line?.midi.length ?? 0); i++) {
    if (measures && (line!.measure[i]! < measures.start || line!.measure[i]! > measures.end)) continue;
    notes.push({ midi: line!.midi[i]!, fifths: line!.fifths[i]!, duration: line!.duration[i]! });
  }
  checkLength(notes.length);
  return notes;
}

function parseDuration(text: string): number {
  const fraction = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(text);
  const value = fraction ? Number(fraction[1]) / Number(fraction[2] ?? 1) : Number.NaN;
  if (!(value > 0) || value > 64) throw new CadenzaError('INVALID_ARGUMENT', `"${text}" is not a duration in quarter notes.`, { hint: 'Durations are quarter notes: 1 a quarter, 0.5 or 1/2 an eighth, 1.5 a dotted quarter.' });
  return value;
}

function checkLength(count: number): void {
  if (count < 2) throw new CadenzaError('INVALID_ARGUMENT', 'A melodic query needs at least two notes.', { hint: 'Give two or more notes; five or more find fewer, better matches.' });
  if (count > MAX_QUERY_NOTES) throw new CadenzaError('LIMIT_EXCEEDED', `A melodic query has at most ${MAX_QUERY_NOTES} notes (this has ${count}).`, { hint: 'Search for the motif or phrase, not the whole melody.' });
}
