/**
 * A post-tonal passage cut into segments whose pitch-class sets are named by Forte set class: each measure
 * as a whole, or each vertical of three or more pitch classes (chordify's, one row while it stays the same).
 */
import { toNumber } from '../core/rational.js';
import type { Score } from '../core/score.js';
import { chordify } from './chordify.js';
import { setClass, type SetClass } from './set-classes.js';

export type Segmentation = 'measure' | 'vertical';

export interface SetClassSegment extends SetClass {
  readonly measureIndex: number;
  readonly measure: string;
  /** from the start of the score, in quarter notes */
  readonly offsetQuarters: number;
}

/** verticals need this many pitch classes to be named: dyads are intervals, not set classes worth a row */
const SMALLEST_VERTICAL = 3;

/** setClassSegments(webernOp5, "measure") → [{ measure: "1", forteName: "6-Z44", … }, …] */
export function setClassSegments(score: Score, segmentation: Segmentation): SetClassSegment[] {
  const verticals = chordify(score);
  if (segmentation === 'vertical') {
    const segments: SetClassSegment[] = [];
    for (const vertical of verticals) {
      const found = setClass(vertical.pitches.map((pitch) => pitch.pitchClass));
      if (!found || found.cardinality < SMALLEST_VERTICAL) continue;
      const last = segments.at(-1);
      if (last && last.normalOrder.join() === found.normalOrder.join()) continue;
      segments.push({ ...found, measureIndex: vertical.measureIndex, measure: vertical.measure, offsetQuarters: toNumber(vertical.offset) });
    }
    return segments;
  }
  const measures = score.parts[0]?.measures ?? [];
  const byMeasure = measures.map(() => new Set<number>());
  for (const vertical of verticals) for (const pitch of vertical.pitches) byMeasure[vertical.measureIndex]?.add(pitch.pitchClass);
  return measures.flatMap((measure, measureIndex) => {
    const found = setClass(byMeasure[measureIndex]!);
    return found ? [{ ...found, measureIndex, measure: measure.number, offsetQuarters: toNumber(measure.offset) }] : [];
  });
}
