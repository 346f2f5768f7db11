/**
 * One row per score for corpus work (analyze_corpus, cadenza batch): its size, key, harmonic vocabulary
 * and cadences; and the summary of many rows (key distribution, chord vocabulary). Pure, so the same
 * row comes out of a worker thread, a queue worker process or the calling thread.
 */
import { findCadences, phraseEndTimes } from '../analysis/cadence.js';
import { analyzeHarmony } from '../analysis/harmony.js';
import { analyzeKey } from '../analysis/key.js';
import { isCadenzaError } from '../core/errors.js';
import type { Score } from '../core/score.js';
import { summarizeScore } from '../core/summary.js';
import { readScore, type ScoreFormat } from '../formats/read-score.js';

export interface ScoreReport {
  /** where the score came from: a path, a corpus id or a stored id */
  readonly source: string;
  readonly title?: string;
  readonly composer?: string;
  readonly parts?: number;
  readonly measures?: number;
  readonly notes?: number;
  readonly key?: string;
  readonly keyCorrelation?: number;
  readonly harmonies?: number;
  /** roman figure → how many harmonies have it */
  readonly figures?: Readonly<Record<string, number>>;
  readonly cadences?: Readonly<Record<string, number>>;
  /** set when the score could not be read or analysed; the other fields are then absent */
  readonly error?: { readonly code: string; readonly message: string };
}

export interface CorpusSummary {
  readonly scores: number;
  readonly failed: number;
  /** key name → scores in it, most frequent first */
  readonly keys: readonly { readonly key: string; readonly scores: number }[];
  readonly modes: { readonly major: number; readonly minor: number };
  /** the most frequent roman figures over all scores, with their share of all harmonies */
  readonly vocabulary: readonly { readonly figure: string; readonly count: number; readonly share: number }[];
  readonly cadences: Readonly<Record<string, number>>;
}

const VOCABULARY_SHOWN = 20;

/** Not a tool: the name of the compute step (mcp/work) that makes the row for one stored score. */
export const REPORT_STORED = '#report';

/** reportSource("bwv66.6.mxl", bytes, "mxl") → its row, or a row with `error` when it cannot be read */
export function reportSource(source: string, bytes: Uint8Array, format: ScoreFormat): ScoreReport {
  try {
    return reportScore(source, readScore(bytes, format).score);
  } catch (error) {
    if (!isCadenzaError(error)) throw error;
    return { source, error: { code: error.code, message: error.message } };
  }
}

export function reportScore(source: string, score: Score): ScoreReport {
  const summary = summarizeScore(score);
  const key = analyzeKey(score);
  const harmonies = analyzeHarmony(score);
  const { title, composer } = score.metadata;
  return {
    source,
    ...(title ? { title } : {}),
    ...(composer ? { composer } : {}),
    parts: summary.partCount,
    measures: summary.measureCount,
    notes: summary.noteCount,
    key: key.name,
    keyCorrelation: Math.round(key.correlation * 10_000) / 10_000,
    harmonies: harmonies.length,
    figures: tally(harmonies.map((harmony) => harmony.figure)),
    cadences: tally(findCadences(harmonies, phraseEndTimes(score)).map((cadence) => cadence.type)),
  };
}

export function summarizeReports(reports: readonly ScoreReport[]): CorpusSummary {
  const analysed = reports.filter((report) => !report.error);
  const keys = tally(analysed.map((report) => report.key ?? '?'));
  const figures: Record<string, number> = {};
  const cadences: Record<string, number> = {};
  for (const report of analysed) {
    for (const [figure, count] of Object.entries(report.figures ?? {})) figures[figure] = (figures[figure] ?? 0) + count;
    for (const [type, count] of Object.entries(report.cadences ?? {})) cadences[type] = (cadences[type] ?? 0) + count;
  }
  const harmonies = Object.values(figures).reduce((sum, count) => sum + count, 0);
  return {
    scores: reports.length,
    failed: reports.length - analysed.length,
    keys: byCount(keys).map(([key, scores]) => ({ key, scores })),
    modes: {
      major: analysed.filter((report) => report.key?.endsWith('major')).length,
      minor: analysed.filter((report) => report.key?.endsWith('minor')).length,
    },
    vocabulary: byCount(figures)
      .slice(0, VOCABULARY_SHOWN)
      .map(([figure, count]) => ({ figure, count, share: Math.round((count / harmonies) * 10_000) / 10_000 })),
    cadences,
  };
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** entries most frequent first, ties in name order, so summaries are the same however rows arrived */
function byCount(counts: Readonly<Record<string, number>>): [string, number][] {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
