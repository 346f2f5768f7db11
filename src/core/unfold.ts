/**
 * Repeats played out: the measures in the order a performer plays them, following repeat barlines
 * (with their "times") and first/second endings, then da capo and dal segno. After a D.C. (back to the
 * first measure) or a D.S. (back to its segno) repeats are not taken again and each group of endings
 * plays its last one, the usual convention; playing stops at the end of the Fine measure, or jumps from
 * a To Coda mark to the coda and plays on to the end. Jumps go measure to measure: a mark takes effect at
 * the end of the measure it is written in, a segno (at or before the D.S.) or coda (after the To Coda)
 * leads to the start of its measure; a D.S. without a segno is not followed. When a score has no To
 * Coda mark, the first of two coda signs serves as one (as printed scores often write it).
 * Each D.C. and D.S. is followed once, and the number of measures played is bounded, so nothing loops.
 */
import { ZERO, add } from './rational.js';
import type { Measure, Navigation, NavigationKind, Part, Score } from './score.js';

/** playOrder(measures) → indices in playing order, e.g. [0, 1, 2, 3, 0, 1, 2, 4] for |: a b c [1 d :| [2 e */
export function playOrder(measures: readonly Measure[]): number[] {
  const endings = endingNumbers(measures);
  const lastEndings = lastEndingNumbers(endings);
  const writesToCoda = measures.some((measure) => measure.navigation?.some((mark) => mark.kind === 'toCoda'));
  const order: number[] = [];
  const taken = new Map<number, number>();
  const jumped = new Set<number>();
  let repeatStart = 0;
  let pass = 1;
  let returning = false;
  for (let index = 0; index < measures.length && order.length < measures.length * 16; index++) {
    const measure = measures[index]!;
    const numbers = endings[index];
    if (returning) {
      if (numbers && !numbers.includes(lastEndings[index]!)) continue;
      order.push(index);
      if (marksOf(measure, 'fine').length > 0) break;
      const coda = codaJump(measures, index, writesToCoda);
      if (coda !== undefined) {
        index = coda - 1;
        continue;
      }
    } else {
      if (measure.barlines?.some((barline) => barline.repeat === 'forward') && index !== repeatStart) {
        repeatStart = index;
        pass = 1;
      }
      if (numbers && !numbers.includes(pass)) continue;
      order.push(index);
      const backward = measure.barlines?.find((barline) => barline.repeat === 'backward');
      if (backward) {
        const done = taken.get(index) ?? 0;
        // inside endings the passes are counted by their numbers: [1,3 … :| [2 … :| [4 plays four times
        const times = backward.times ?? (numbers ? lastEndings[index]! : 2);
        if (done < times - 1) {
          taken.set(index, done + 1);
          pass++;
          index = repeatStart - 1;
          continue;
        }
        pass = 1;
        repeatStart = index + 1;
      } else if (numbers?.includes(lastEndings[index]!) && closesEnding(measure)) {
        // the last ending of a group is over: what follows starts counting passes afresh
        pass = 1;
        repeatStart = index + 1;
      }
    }
    const target = jumped.has(index) ? undefined : jumpTarget(measures, index);
    if (target !== undefined) {
      jumped.add(index);
      returning = true;
      index = target - 1;
    }
  }
  return order;
}

function closesEnding(measure: Measure): boolean {
  return measure.barlines?.some((barline) => barline.ending && barline.ending.type !== 'start') ?? false;
}

function marksOf(measure: Measure, kind: NavigationKind): Navigation[] {
  return measure.navigation?.filter((mark) => mark.kind === kind) ?? [];
}

/** where a D.C. or D.S. at the end of this measure goes, if it has one and its segno exists */
function jumpTarget(measures: readonly Measure[], index: number): number | undefined {
  const jump = measures[index]!.navigation?.find((mark) => mark.kind === 'daCapo' || mark.kind === 'dalSegno');
  if (!jump) return undefined;
  return jump.kind === 'daCapo' ? 0 : markedMeasure(measures, 'segno', jump.label, 0, index + 1);
}

/** where a To Coda at the end of this measure goes, if it has one and a coda follows */
function codaJump(measures: readonly Measure[], index: number, writesToCoda: boolean): number | undefined {
  const measure = measures[index]!;
  const toCoda = marksOf(measure, 'toCoda')[0] ?? (writesToCoda ? undefined : marksOf(measure, 'coda')[0]);
  return toCoda && markedMeasure(measures, 'coda', toCoda.label, index + 1, measures.length);
}

/** the first measure in [from, to) with a mark of this kind and label, else with one of this kind */
function markedMeasure(measures: readonly Measure[], kind: 'segno' | 'coda', label: string | undefined, from: number, to: number): number | undefined {
  const find = (matches: (mark: Navigation) => boolean) => {
    for (let index = from; index < to; index++) if (marksOf(measures[index]!, kind).some(matches)) return index;
    return undefined;
  };
  return find((mark) => mark.label === label) ?? find(() => true);
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

/** For each measure in an ending, the highest ending number of its group (consecutive measures in endings). */
function lastEndingNumbers(endings: readonly (readonly number[] | undefined)[]): (number | undefined)[] {
  const last: (number | undefined)[] = endings.map(() => undefined);
  for (let start = 0; start < endings.length; ) {
    let end = start;
    while (endings[end]) end++;
    const highest = Math.max(...endings.slice(start, end).flatMap((numbers) => numbers ?? []));
    for (let index = start; index < end; index++) last[index] = highest;
    start = end + 1;
  }
  return last;
}

/**
 * unfoldRepeats(score) → the same score with its repeats and jumps written out (every part follows the
 * first part's repeats, and the navigation marks of all parts); the marks followed are left out.
 */
export function unfoldRepeats(score: Score): Score {
  const lead = (score.parts[0]?.measures ?? []).map((measure, index) => {
    const navigation = score.parts.flatMap((part) => part.measures[index]?.navigation ?? []);
    return navigation.length > 0 ? { ...measure, navigation } : measure;
  });
  const order = playOrder(lead);
  return { ...score, parts: score.parts.map((part) => unfoldPart(part, order)) };
}

function unfoldPart(part: Part, order: readonly number[]): Part {
  let offset = ZERO;
  const measures = order.flatMap((source, index) => {
    const measure = part.measures[source];
    if (!measure) return [];
    // repeats, endings and jumps have been followed: the unfolded score must not send a player round again
    const { navigation: _followed, barlines, ...rest } = measure;
    const kept = (barlines ?? []).filter((barline) => !barline.repeat && !barline.ending);
    const placed: Measure = { ...rest, ...(kept.length > 0 ? { barlines: kept } : {}), index, offset };
    offset = add(offset, measure.duration);
    return [placed];
  });
  return { ...part, measures };
}
