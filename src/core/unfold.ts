/**
 * Repeats played out: the measures in the order a performer plays them, following repeat barlines
 * (with their "times") and first/second endings. Da capo, dal segno and fine are not followed yet.
 */
import { ZERO, add } from './rational.js';
import type { Measure, Part, Score } from './score.js';

/** playOrder(measures) → indices in playing order, e.g. [0, 1, 2, 3, 0, 1, 2, 4] for |: a b c [1 d :| [2 e */
export function playOrder(measures: readonly Measure[]): number[] {
  const endings = endingNumbers(measures);
  const order: number[] = [];
  const taken = new Map<number, number>();
  let repeatStart = 0;
  let pass = 1;
  for (let index = 0; index < measures.length && order.length < measures.length * 16; index++) {
    const measure = measures[index]!;
    if (measure.barlines?.some((barline) => barline.repeat === 'forward') && index !== repeatStart) {
      repeatStart = index;
      pass = 1;
    }
    const numbers = endings[index];
    if (numbers && !numbers.includes(pass)) continue;
    order.push(index);
    const backward = measure.barlines?.find((barline) => barline.repeat === 'backward');
    if (!backward) continue;
    const times = backward.times ?? 2;
    const done = taken.get(index) ?? 0;
    if (done < times - 1) {
      taken.set(index, done + 1);
      pass++;
      index = repeatStart - 1;
    } else {
      pass = 1;
      repeatStart = index + 1;
    }
  }
  return order;
}

/** Which ending (volta) each measure belongs to, if any: from an ending's start to its stop. */
function endingNumbers(measures: readonly Measure[]): (readonly number[] | undefined)[] {
  let current: readonly number[] | undefined;
  return measures.map((measure) => {
    const start = measure.barlines?.find((barline) => barline.ending?.type === 'start')?.ending;
    if (start) current = start.numbers;
    const inEnding = current;
    if (measure.barlines?.some((barline) => barline.ending && barline.ending.type !== 'start')) current = undefined;
    return inEnding;
  });
}

/** unfoldRepeats(score) → the same score with its repeats written out (every part follows the first part's repeats) */
export function unfoldRepeats(score: Score): Score {
  const order = playOrder(score.parts[0]?.measures ?? []);
  return { ...score, parts: score.parts.map((part) => unfoldPart(part, order)) };
}

function unfoldPart(part: Part, order: readonly number[]): Part {
  let offset = ZERO;
  const measures = order.flatMap((source, index) => {
    const measure = part.measures[source];
    if (!measure) return [];
    const placed: Measure = { ...measure, index, offset };
    offset = add(offset, measure.duration);
    return [placed];
  });
  return { ...part, measures };
}
