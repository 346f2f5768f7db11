/**
 * Which measure of one version is which measure of the other, when measures were inserted, deleted or
 * changed: the common opening and ending are matched first, then the longest common subsequence of
 * identical measures (by the textbook dynamic programme), and the measures left between two
 * matches are paired by an edit distance whose substitution cost is how unlike two measures are.
 */

export interface MeasurePair {
  /** position in the first version's part; absent for an added measure */
  readonly before?: number;
  /** position in the second version's part; absent for a removed measure */
  readonly after?: number;
  /** the two measures have the same content */
  readonly same: boolean;
}

/** above this many cells the middle is paired in order rather than by LCS (two unrelated long scores) */
const MAX_LCS_CELLS = 4_000_000;
/** above this many cells a run between matches is paired in order */
const MAX_GAP_CELLS = 40_000;

/** alignMeasures(measures a b c against a x b c) → a=a, x added, b=b, c=c */
export function alignMeasures(sides: MeasureSides): MeasurePair[] {
  const [rows, columns] = [sides.before, sides.after];
  let head = 0;
  while (head < rows && head < columns && sides.same(head, head)) head++;
  let tail = 0;
  while (tail < rows - head && tail < columns - head && sides.same(rows - 1 - tail, columns - 1 - tail)) tail++;
  const pairs: MeasurePair[] = [];
  for (let index = 0; index < head; index++) pairs.push({ before: index, after: index, same: true });
  const middle = commonMeasures(sides, head, rows - tail, head, columns - tail);
  let i = head;
  let j = head;
  for (const [matchI, matchJ] of [...middle, [rows - tail, columns - tail] as const]) {
    pairs.push(...pairGap(i, matchI, j, matchJ, sides.similarity));
    if (matchI < rows - tail) pairs.push({ before: matchI, after: matchJ, same: true });
    i = matchI + 1;
    j = matchJ + 1;
  }
  for (let index = 0; index < tail; index++) pairs.push({ before: rows - tail + index, after: columns - tail + index, same: true });
  return pairs;
}

/** What the alignment asks of the two parts' measures. */
export interface MeasureSides {
  /** how many measures each has */
  readonly before: number;
  readonly after: number;
  /** measure i of the first and j of the second have the same content */
  same(i: number, j: number): boolean;
  /** a text equal for measures of equal content (asked only of measures between the common opening and ending) */
  keyBefore(i: number): string;
  keyAfter(j: number): string;
  /** how alike (0–1) measure i of the first and j of the second are */
  similarity(i: number, j: number): number;
}

/** the positions of a longest common subsequence of identical measures in before[i0, i1) and after[j0, j1) */
function commonMeasures(sides: MeasureSides, i0: number, i1: number, j0: number, j1: number): (readonly [number, number])[] {
  const rows = i1 - i0;
  const columns = j1 - j0;
  if (rows === 0 || columns === 0 || rows * columns > MAX_LCS_CELLS) return [];
  // each distinct content as a small number, so the table compares numbers
  const codes = new Map<string, number>();
  const code = (key: string) => codes.get(key) ?? codes.set(key, codes.size).get(key)!;
  const before = Int32Array.from({ length: rows }, (_, i) => code(sides.keyBefore(i0 + i)));
  const after = Int32Array.from({ length: columns }, (_, j) => code(sides.keyAfter(j0 + j)));
  const width = columns + 1;
  const lengths = new Uint32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = columns - 1; j >= 0; j--) {
      lengths[i * width + j] = before[i] === after[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const matches: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < rows && j < columns) {
    if (before[i] === after[j]) matches.push([i0 + i++, j0 + j++]);
    else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
  return matches;
}

/**
 * Measures between two matches: paired where pairing costs less than removing one and adding the other
 * (substitution 1 − similarity, insertion or deletion 0.6 each), in order when the run is very long.
 */
function pairGap(i0: number, i1: number, j0: number, j1: number, similarity: (i: number, j: number) => number): MeasurePair[] {
  const rows = i1 - i0;
  const columns = j1 - j0;
  if (rows === 0 || columns === 0 || rows * columns > MAX_GAP_CELLS) return inOrder(i0, i1, j0, j1);
  const INDEL = 0.6;
  const width = columns + 1;
  const cost = new Float64Array((rows + 1) * width);
  for (let i = rows; i >= 0; i--) {
    for (let j = columns; j >= 0; j--) {
      if (i === rows || j === columns) {
        cost[i * width + j] = INDEL * (rows - i + columns - j);
        continue;
      }
      const pair = 1 - similarity(i0 + i, j0 + j) + cost[(i + 1) * width + j + 1]!;
      cost[i * width + j] = Math.min(pair, INDEL + cost[(i + 1) * width + j]!, INDEL + cost[i * width + j + 1]!);
    }
  }
  const pairs: MeasurePair[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < columns) {
    const here = cost[i * width + j]!;
    if (i < rows && j < columns && Math.abs(here - (1 - similarity(i0 + i, j0 + j) + cost[(i + 1) * width + j + 1]!)) < 1e-9) pairs.push({ before: i0 + i++, after: j0 + j++, same: false });
    else if (i < rows && (j === columns || Math.abs(here - (INDEL + cost[(i + 1) * width + j]!)) < 1e-9)) pairs.push({ before: i0 + i++, same: false });
    else pairs.push({ after: j0 + j++, same: false });
  }
  return pairs;
}

function inOrder(i0: number, i1: number, j0: number, j1: number): MeasurePair[] {
  const pairs: MeasurePair[] = [];
  const common = Math.min(i1 - i0, j1 - j0);
  for (let k = 0; k < common; k++) pairs.push({ before: i0 + k, after: j0 + k, same: false });
  for (let i = i0 + common; i < i1; i++) pairs.push({ before: i, same: false });
  for (let j = j0 + common; j < j1; j++) pairs.push({ after: j, same: false });
  return pairs;
}
