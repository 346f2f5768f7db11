/** The parts and measures a tool was asked for, as a score of their own (export_score, render_audio). */
import type { Score } from '../core/score.js';
import { extractMeasures, extractParts } from '../generate/transform/extract.js';
import { resolveMeasureRange, type MeasureRangeInput } from './measure-range.js';

export interface ExcerptRequest {
  /** indices (0 = top) or names */
  readonly parts?: readonly (number | string)[] | undefined;
  readonly measures?: MeasureRangeInput | undefined;
}

/** excerpt(bwv66_6, { parts: [3], measures: { from: 1, to: 4 } }) → the bass of bars 1–4 (the whole score when neither is asked) */
export function excerpt(score: Score, request: ExcerptRequest): Score {
  const parts = request.parts ? extractParts(score, request.parts) : score;
  if (!request.measures) return parts;
  resolveMeasureRange(parts, request.measures);
  return extractMeasures(parts, String(request.measures.from), String(request.measures.to));
}
