/** Wraps a score a tool made for the store: encoded once, in the thread that made it. */
import { withIds } from '../core/ids.js';
import { encodeScore } from '../core/score-codec.js';
import type { Score } from '../core/score.js';
import { summarizeScore } from '../core/summary.js';
import type { CreatedScore } from './define-tool.js';

/** createdScore(harmonization, "Harmonization of Ach Gott") → what the server stores under a new id */
export function createdScore(score: Score, label: string): CreatedScore {
  const identified = withIds(score);
  return { data: encodeScore(identified), summary: summarizeScore(identified), label };
}
