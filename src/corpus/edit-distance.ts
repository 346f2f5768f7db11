/**
 * Edit distance of a query against the symbols from one start: the fewest substitutions, insertions and
 * deletions that turn the query into some run of symbols beginning there (Levenshtein, anchored at the
 * start and free at the end), with the end that achieves it.
 */

/** two rows of the table, reused between calls (searches run one at a time in a thread) */
let rows: [Uint16Array, Uint16Array] = [new Uint16Array(64), new Uint16Array(64)];

/**
 * anchoredDistance([2, 2, -4], symbols, 10, 40, 1) → { distance, end }: the best run symbols[10 .. end) with
 * end ≤ limit and end − 10 within query.length ± maxDistance; distance > maxDistance when there is none
 */
export function anchoredDistance(query: ArrayLike<number>, symbols: ArrayLike<number>, start: number, limit: number, maxDistance: number): { distance: number; end: number } {
  const length = query.length;
  const width = Math.min(limit - start, length + maxDistance);
  if (width < length - maxDistance) return { distance: maxDistance + 1, end: start };
  // row[j]: distance between the query so far and symbols[start .. start + j); rows reused between calls
  if (rows[0].length <= width) rows = [new Uint16Array(width + 1), new Uint16Array(width + 1)];
  let [row, next] = rows;
  for (let j = 0; j <= width; j++) row[j] = j;
  for (let i = 1; i <= length; i++) {
    next[0] = i;
    let rowMinimum = i;
    const symbol = query[i - 1]!;
    for (let j = 1; j <= width; j++) {
      const substitute = row[j - 1]! + (symbols[start + j - 1] === symbol ? 0 : 1);
      next[j] = Math.min(substitute, row[j]! + 1, next[j - 1]! + 1);
      rowMinimum = Math.min(rowMinimum, next[j]!);
    }
    // distances never fall from one row to the next: past the allowance here, past it at the end
    if (rowMinimum > maxDistance) return { distance: maxDistance + 1, end: start };
    [row, next] = [next, row];
  }
  let best = { distance: maxDistance + 1, end: start };
  for (let j = Math.max(1, length - maxDistance); j <= width; j++) if (row[j]! < best.distance) best = { distance: row[j]!, end: start + j };
  return best;
}
