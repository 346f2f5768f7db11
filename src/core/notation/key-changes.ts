/**
 * Key changes stated in every part. When one part changes key and the others already are in the new key
 * (or keep theirs), verovio drops the change unless every part states a key at that bar; writing the key
 * in force again in the other parts changes nothing for a reader and keeps the change on the page.
 */
import type { KeySignature, Measure, Score } from '../score.js';

/** restatedKeys(score) → for measures of parts that state no key where another part changes key, the key in force there */
export function restatedKeys(score: Score): ReadonlyMap<Measure, KeySignature> {
  const changing = new Set<number>();
  for (const part of score.parts) {
    for (const measure of part.measures) if (measure.index > 0 && startKey(measure)) changing.add(measure.index);
  }
  const restated = new Map<Measure, KeySignature>();
  for (const part of score.parts) {
    let inForce: KeySignature | undefined;
    for (const measure of part.measures) {
      const stated = startKey(measure);
      if (!stated && inForce && changing.has(measure.index)) restated.set(measure, inForce);
      inForce = lastKey(measure) ?? inForce;
    }
  }
  return restated;
}

function startKey(measure: Measure): KeySignature | undefined {
  return (measure.keys ?? []).find((key) => key.offset.n === 0)?.value;
}

function lastKey(measure: Measure): KeySignature | undefined {
  const keys = measure.keys ?? [];
  return keys[keys.length - 1]?.value;
}
