/**
 * An inverted index of n-grams: for each n-gram key, the positions where it starts, stored compressed-row
 * (sorted unique keys, where each key's postings start, the postings). Positions index one global symbol
 * array in which every line has its own range; an n-gram never spans two lines.
 */
import { ngramKey } from './tokens.js';

export interface NgramIndex {
  readonly n: number;
  readonly keys: Uint32Array;
  /** keys.length + 1 entries: postings of keys[k] are postings[starts[k] .. starts[k+1]) */
  readonly starts: Uint32Array;
  readonly postings: Uint32Array;
}

/**
 * buildNgramIndex(symbols, lineStarts, lineSymbolEnds, 4) → every 4-gram of every line, by key. Line l's
 * symbols are symbols[lineStarts[l] .. lineSymbolEnds[l]).
 */
export function buildNgramIndex(symbols: ArrayLike<number>, lineStarts: ArrayLike<number>, lineSymbolEnds: ArrayLike<number>, n: number): NgramIndex {
  let total = 0;
  for (let line = 0; line < lineStarts.length; line++) total += Math.max(0, lineSymbolEnds[line]! - lineStarts[line]! - n + 1);
  const keys = new Uint32Array(total);
  const positions = new Uint32Array(total);
  let next = 0;
  for (let line = 0; line < lineStarts.length; line++) {
    for (let start = lineStarts[line]!; start + n <= lineSymbolEnds[line]!; start++) {
      keys[next] = ngramKey(symbols, start, n);
      positions[next++] = start;
    }
  }
  const [sortedKeys, sortedPositions] = radixSort(keys, positions);
  return compress(sortedKeys, sortedPositions, n);
}

/** postingsOf(index, key) → the positions where an n-gram with that key starts (empty when none) */
export function postingsOf(index: NgramIndex, key: number): Uint32Array {
  let low = 0;
  let high = index.keys.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = index.keys[middle]!;
    if (found === key) return index.postings.subarray(index.starts[middle]!, index.starts[middle + 1]!);
    if (found < key) low = middle + 1;
    else high = middle - 1;
  }
  return new Uint32Array(0);
}

/**
 * rarestNgram(index, query) → the offset in the query of its n-gram with the fewest postings, and those
 * postings: the cheapest to verify, since every match contains every n-gram of the query.
 */
export function rarestNgram(index: NgramIndex, query: ArrayLike<number>, from = 0, to = query.length): { offset: number; postings: Uint32Array } | undefined {
  let best: { offset: number; postings: Uint32Array } | undefined;
  for (let offset = from; offset + index.n <= to; offset++) {
    const postings = postingsOf(index, ngramKey(query, offset, index.n));
    if (!best || postings.length < best.postings.length) best = { offset, postings };
    if (postings.length === 0) break;
  }
  return best;
}

/** two stable 16-bit passes of an LSD radix sort: linear time for millions of keys */
function radixSort(keys: Uint32Array, positions: Uint32Array): [Uint32Array, Uint32Array] {
  let fromKeys: Uint32Array = keys;
  let fromPositions: Uint32Array = positions;
  let toKeys: Uint32Array = new Uint32Array(keys.length);
  let toPositions: Uint32Array = new Uint32Array(keys.length);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let i = 0; i < fromKeys.length; i++) counts[((fromKeys[i]! >>> shift) & 0xffff) + 1]!++;
    for (let digit = 0; digit < 65536; digit++) counts[digit + 1]! += counts[digit]!;
    for (let i = 0; i < fromKeys.length; i++) {
      const slot = counts[(fromKeys[i]! >>> shift) & 0xffff]!++;
      toKeys[slot] = fromKeys[i]!;
      toPositions[slot] = fromPositions[i]!;
    }
    [fromKeys, toKeys] = [toKeys, fromKeys];
    [fromPositions, toPositions] = [toPositions, fromPositions];
  }
  return [fromKeys, fromPositions];
}

function compress(sortedKeys: Uint32Array, sortedPositions: Uint32Array, n: number): NgramIndex {
  let unique = 0;
  for (let i = 0; i < sortedKeys.length; i++) if (i === 0 || sortedKeys[i] !== sortedKeys[i - 1]) unique++;
  const keys = new Uint32Array(unique);
  const starts = new Uint32Array(unique + 1);
  let k = -1;
  for (let i = 0; i < sortedKeys.length; i++) {
    if (i === 0 || sortedKeys[i] !== sortedKeys[i - 1]) {
      keys[++k] = sortedKeys[i]!;
      starts[k] = i;
    }
  }
  starts[unique] = sortedKeys.length;
  return { n, keys, starts, postings: sortedPositions };
}
