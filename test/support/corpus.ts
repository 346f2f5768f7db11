/** The test corpus kept in the repository (test/fixtures/corpus), and music21's reference results for it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEST_CORPUS = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
export const TEST_SCORES = `${TEST_CORPUS}scores/`;

export interface Music21Reference {
  readonly path: string;
  readonly ok: boolean;
  readonly parts: number;
  readonly measures: number;
  readonly noteheads: number;
  readonly rests: number;
  readonly duration: number;
  readonly pc_hist: readonly number[];
  readonly key_sharps: number | null;
  readonly time_sig: string | null;
  readonly key_ks: string;
  readonly key_corr: number;
  readonly keys: Readonly<Record<string, string>>;
  /** music21's romanNumeralFromChord figures for the first verticals of chordify(), in key_ks */
  readonly roman16?: readonly string[];
}

/** The lines of reference.jsonl, keyed by path under scores/. */
export function music21References(): ReadonlyMap<string, Music21Reference> {
  const lines = readFileSync(`${TEST_CORPUS}reference.jsonl`, 'utf8').split('\n').filter(Boolean);
  const entries = lines.map((line) => JSON.parse(line) as Music21Reference);
  return new Map(entries.map((entry) => [entry.path, entry]));
}
