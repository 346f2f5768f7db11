/**
 * One way to name bars in every tool: measure numbers as printed (a pickup is 0 when printed so), in one
 * inclusive range object `{ from, to }`. A range that names no measure of the score, or runs backwards,
 * is refused with the measures there are, never quietly widened to the whole score.
 */
import { z } from 'zod';
import { CadenzaError } from '../core/errors.js';
import type { Rational } from '../core/rational.js';
import { add } from '../core/rational.js';
import type { Score } from '../core/score.js';

export const measureNumberInput = z.union([z.number().int(), z.string().min(1).max(20)]);

export const measureRangeInput = z
  .object({ from: measureNumberInput, to: measureNumberInput })
  .describe('Measures by number as printed (a pickup is 0), inclusive: { "from": 5, "to": 12 }.');

export type MeasureRangeInput = z.infer<typeof measureRangeInput>;

export interface ResolvedRange {
  /** 0-based positions of the first and last measure */
  readonly start: number;
  readonly end: number;
  /** the span in score time: [from, to) */
  readonly fromOffset: Rational;
  readonly toOffset: Rational;
}

/** resolveMeasureRange(bwv66.6, { from: 1, to: 4 }) → positions and times of printed measures 1–4 */
export function resolveMeasureRange(score: Score, range: MeasureRangeInput): ResolvedRange {
  const measures = score.parts[0]?.measures ?? [];
  const numbers = measures.map((measure) => measure.number);
  const span = numbers.length > 0 ? `${numbers[0]}–${numbers.at(-1)}` : 'none';
  const find = (number: number | string, after: number) => numbers.findIndex((printed, index) => index >= after && printed === String(number));
  const start = find(range.from, 0);
  if (start < 0) throw rangeError(`there is no measure ${range.from}`, span);
  const end = find(range.to, start);
  if (end < 0) {
    throw rangeError(numbers.includes(String(range.to)) ? `measure ${range.to} comes before measure ${range.from} (give from ≤ to)` : `there is no measure ${range.to}`, span);
  }
  const last = measures[end]!;
  return { start, end, fromOffset: measures[start]!.offset, toOffset: add(last.offset, last.duration) };
}

function rangeError(what: string, span: string): CadenzaError {
  return new CadenzaError('INVALID_ARGUMENT', `measures: ${what} in this score.`, { hint: `Measures are numbered as printed and run ${span}.` });
}
