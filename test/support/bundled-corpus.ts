/** The corpus bundled in the repository (corpus/manifest.json): each score's id, format and bytes. */
import { readFileSync } from 'node:fs';
import type { ScoreFormat } from '../../src/formats/read-score.js';

const CORPUS = new URL('../../corpus/', import.meta.url);

export interface BundledScore {
  readonly id: string;
  readonly format: ScoreFormat;
  readonly bytes: Uint8Array;
}

export function bundledScores(): BundledScore[] {
  const { scores } = JSON.parse(readFileSync(new URL('manifest.json', CORPUS), 'utf8')) as { scores: { id: string; file: string; format: ScoreFormat }[] };
  return scores.map(({ id, file, format }) => ({ id, format, bytes: new Uint8Array(readFileSync(new URL(file, CORPUS))) }));
}
