/** Reading one conformance file as import_score does, and what came of it: a note count, a clear refusal, or an internal error. */
import { readFileSync } from 'node:fs';
import { isCadenzaError } from '../../src/core/errors.js';
import { summarizeScore } from '../../src/core/summary.js';
import { readScore, resolveFormat } from '../../src/formats/read-score.js';

export const CONFORMANCE = new URL('../fixtures/conformance/', import.meta.url);

export interface Music21Line {
  readonly file: string;
  readonly status: string;
  readonly noteheads: number;
  readonly noteheads_no_symbols: number;
}

export interface Suite {
  readonly name: string;
  readonly folders: readonly string[];
}

/** a note count (pitched noteheads, chord-symbol pitches included, as music21 counts), "refused CODE", or "INTERNAL …" */
export type Outcome = number | string;

export function music21Lines(): Music21Line[] {
  return readFileSync(new URL('music21-reference.jsonl', CONFORMANCE), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Music21Line);
}

export function suites(): Suite[] {
  return (JSON.parse(readFileSync(new URL('suites.json', CONFORMANCE), 'utf8')) as { suites: Suite[] }).suites;
}

/** the file read by its extension (an ABC tune book: its first tune, as import_score and music21's parse read it) */
export function outcomeOf(file: string): Outcome {
  const bytes = new Uint8Array(readFileSync(new URL(file, CONFORMANCE)));
  try {
    return summarizeScore(readScore(bytes, resolveFormat(bytes, undefined, file)).score).noteCount;
  } catch (error) {
    return isCadenzaError(error) && error.code !== 'INTERNAL' ? `refused ${error.code}` : `INTERNAL ${String(error)}`;
  }
}
