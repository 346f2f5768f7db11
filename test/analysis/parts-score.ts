/** A one-measure score of several parts, each written as a list of events (one-part-score.ts's specs), top part first. */
import type { Score } from '../../src/core/score.js';
import { onePartScore, type EventSpec } from './one-part-score.js';

/** partsScore([[['C5', 4]], [['C4', 4]]]) → two parts sounding C5 and C4 for a whole note */
export function partsScore(parts: readonly (readonly EventSpec[])[]): Score {
  return {
    metadata: { sourceFormat: 'generated' },
    parts: parts.map((specs, index) => ({ ...onePartScore(specs).parts[0]!, id: `P${index + 1}` })),
  };
}
