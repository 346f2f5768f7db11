/**
 * Melodic search over a corpus index: candidates from the n-gram index, each verified against the whole
 * query. Exact queries look up the query's rarest n-gram; tolerant ones (edit distance ≤ k over the
 * symbols) split the query into k+1 pieces, of which any match contains one unchanged (the pigeonhole
 * filter of approximate string matching, Navarro 2001 §7), and verify around each piece found; each piece
 * must be an n-gram long. Exact queries too short for the index are answered by scanning every line.
 */
import { CadenzaError } from '../core/errors.js';
import type { CorpusIndex } from './corpus-index.js';
import { anchoredDistance } from './edit-distance.js';
import { rarestNgram, type NgramIndex } from './ngram-index.js';
import type { QueryNote } from './query-notes.js';
import { melodicSymbols } from './tokens.js';

/** what must agree: intervals only, rhythm only (ratios of durations), or both */
export type MelodicComparison = 'pitch' | 'rhythm' | 'pitch-and-rhythm';

export interface MelodicQuery {
  readonly notes: readonly QueryNote[];
  readonly compare: MelodicComparison;
  /** false: only matches at the query's pitch (its first note the same); true: in any transposition */
  readonly transposed: boolean;
  /** edits allowed (substituted, inserted or left-out symbols); 0 for exact */
  readonly tolerance: number;
}

export interface MelodicMatch {
  readonly line: number;
  /** the first note (global note index) and how many notes the match spans */
  readonly start: number;
  readonly noteCount: number;
  readonly distance: number;
  /** semitones from the query's first note to the match's */
  readonly transposition: number;
}

export const MAX_TOLERANCE = 3;

interface Stream {
  readonly corpus: ArrayLike<number>;
  readonly query: ArrayLike<number>;
  readonly index: NgramIndex;
  /** notes a run of s symbols spans: s + 1 for intervals, s + 2 for ratios */
  readonly extraNotes: number;
}

/**
 * A search stops collecting at this many matches: an unselective query (two notes, one chord) would
 * otherwise verify, rank and hold hundreds of thousands, blocking the thread for a second or more.
 * Reaching it means "at least this many"; the matches kept are the first in corpus order, then ranked.
 */
export const MAX_MATCHES = 10_000;

/** searchMelody(index, { notes: parseQueryNotes("E4 D4 C4 D4 E4 E4 E4"), compare: "pitch", transposed: true, tolerance: 0 }) → ranked matches */
export function searchMelody(corpus: CorpusIndex, query: MelodicQuery): MelodicMatch[] {
  const stream = streamOf(corpus, query);
  if (query.tolerance > 0) return tolerantMatches(corpus, query, stream).sort(byRank);
  const matches = exactMatches(corpus, query, stream);
  // postings are in corpus order, which is the rank of matches that differ in nothing else
  return query.compare === 'rhythm' ? matches.sort((a, b) => a.start - b.start) : matches.sort(byRank);
}

function streamOf(corpus: CorpusIndex, query: MelodicQuery): Stream {
  const { notes, compare, tolerance } = query;
  if (compare !== 'pitch' && notes.some((note) => note.duration === undefined)) {
    throw new CadenzaError('INVALID_ARGUMENT', 'Comparing rhythm needs the query notes’ durations.', { hint: 'Give durations ("C4:1 D4:0.5"), an ABC snippet or a score passage; or compare "pitch".' });
  }
  if (compare !== 'pitch' && notes.length < 3) throw new CadenzaError('INVALID_ARGUMENT', 'Comparing rhythm needs at least three notes (two durations to compare).');
  const onsets: number[] = [];
  notes.reduce((time, note) => (onsets.push(time), time + (note.duration ?? 1)), 0);
  const symbols = melodicSymbols(notes.map((note) => note.midi), onsets, notes.map((note) => note.duration ?? 1));
  const stream: Stream =
    compare === 'pitch'
      ? { corpus: corpus.intervals, query: symbols.intervals, index: corpus.pitchIndex, extraNotes: 1 }
      : compare === 'rhythm'
        ? { corpus: corpus.ratios, query: symbols.ratios, index: corpus.rhythmIndex, extraNotes: 2 }
        : { corpus: corpus.combined, query: symbols.combined, index: corpus.combinedIndex, extraNotes: 2 };
  if (tolerance > MAX_TOLERANCE || (tolerance > 0 && tolerance >= stream.query.length)) {
    throw new CadenzaError('INVALID_ARGUMENT', `A tolerance of ${tolerance} is too large for a query of ${notes.length} notes.`, { hint: `Allow at most ${MAX_TOLERANCE} edits, and fewer than the query has intervals.` });
  }
  // each of the k+1 pieces must hold an n-gram, or every start of the corpus would need the full edit distance
  const fewest = (tolerance + 1) * stream.index.n + stream.extraNotes;
  if (tolerance > 0 && notes.length < fewest) {
    throw new CadenzaError('INVALID_ARGUMENT', `With a tolerance of ${tolerance}, a query needs at least ${fewest} notes (it has ${notes.length}).`, { hint: 'Give a longer melody, or allow fewer edits; short motifs are best searched exactly.' });
  }
  return stream;
}

function exactMatches(corpus: CorpusIndex, query: MelodicQuery, stream: Stream): MelodicMatch[] {
  const length = stream.query.length;
  const found: MelodicMatch[] = [];
  const full = () => found.length >= MAX_MATCHES;
  const consider = (start: number, line: number) => {
    if (full() || start < corpus.lineStarts[line]! || start + length + stream.extraNotes > corpus.lineStarts[line + 1]!) return;
    for (let i = 0; i < length; i++) if (stream.corpus[start + i] !== stream.query[i]) return;
    // with rhythm, the last interval has no ratio of its own: checked here
    if (query.compare === 'pitch-and-rhythm' && corpus.intervals[start + length] !== melodicInterval(query.notes, length)) return;
    const match = matchAt(corpus, query, line, start, length + stream.extraNotes, 0);
    if (match) found.push(match);
  };
  const rarest = rarestNgram(stream.index, stream.query);
  if (rarest) {
    for (const position of rarest.postings) {
      if (full()) break;
      consider(position - rarest.offset, lineOf(corpus, position));
    }
  } else forEachStart(corpus, (start, line) => consider(start, line), full);
  return found;
}

function tolerantMatches(corpus: CorpusIndex, query: MelodicQuery, stream: Stream): MelodicMatch[] {
  const k = query.tolerance;
  const length = stream.query.length;
  const starts = new Map<number, { distance: number; end: number; line: number }>();
  const tryStart = (start: number, line: number) => {
    if (starts.has(start) || start < corpus.lineStarts[line]!) return;
    const limit = corpus.lineStarts[line + 1]! - stream.extraNotes;
    const { distance, end } = anchoredDistance(stream.query, stream.corpus, start, limit, k);
    if (distance <= k) starts.set(start, { distance, end, line });
  };
  const pieceLength = Math.floor(length / (k + 1));
  for (let piece = 0; piece <= k; piece++) {
    const from = piece * pieceLength;
    const to = piece === k ? length : from + pieceLength;
    const rarest = rarestNgram(stream.index, stream.query, from, to)!;
    for (const position of rarest.postings) {
      if (starts.size >= MAX_MATCHES) break;
      const pieceStart = position - (rarest.offset - from);
      const line = lineOf(corpus, position);
      if (!occursAt(stream, pieceStart, from, to)) continue;
      for (let start = pieceStart - from - k; start <= pieceStart - from + k; start++) tryStart(start, line);
    }
  }
  return collapseOverlaps(starts, k).flatMap(([start, { distance, end, line }]) => matchAt(corpus, query, line, start, end - start + stream.extraNotes, distance) ?? []);
}

/** tolerance lets one occurrence match from several nearby starts: keep the best start of each cluster (nearest first on ties) */
export function collapseOverlaps<T extends { distance: number; line: number }>(starts: ReadonlyMap<number, T>, k: number): [number, T][] {
  const sorted = [...starts].sort((a, b) => a[0] - b[0]);
  const kept: [number, T][] = [];
  let clusterEnd = -Infinity;
  let clusterLine = -1;
  for (const entry of sorted) {
    const [start, found] = entry;
    const last = kept[kept.length - 1];
    if (last && found.line === clusterLine && start <= clusterEnd + k) {
      if (found.distance < last[1].distance) kept[kept.length - 1] = entry;
    } else {
      kept.push(entry);
    }
    clusterEnd = start;
    clusterLine = found.line;
  }
  return kept;
}

function occursAt(stream: Stream, corpusStart: number, from: number, to: number): boolean {
  if (corpusStart < 0) return false;
  for (let i = from; i < to; i++) if (stream.corpus[corpusStart + i - from] !== stream.query[i]) return false;
  return true;
}

function matchAt(corpus: CorpusIndex, query: MelodicQuery, line: number, start: number, noteCount: number, distance: number): MelodicMatch | undefined {
  const transposition = corpus.notes.midi[start]! - query.notes[0]!.midi;
  if (!query.transposed && query.compare !== 'rhythm' && transposition !== 0) return undefined;
  return { line, start, noteCount, distance, transposition };
}

function melodicInterval(notes: readonly QueryNote[], index: number): number {
  return melodicSymbols([notes[index]!.midi, notes[index + 1]!.midi], [0, 1], [1, 1]).intervals[0]!;
}

function forEachStart(corpus: CorpusIndex, visit: (start: number, line: number) => void, done: () => boolean = () => false): void {
  for (let line = 0; line + 1 < corpus.lineStarts.length && !done(); line++) {
    for (let start = corpus.lineStarts[line]!; start < corpus.lineStarts[line + 1]!; start++) visit(start, line);
  }
}

/** lineOf(index, note) → the line the global note index belongs to */
export function lineOf(corpus: CorpusIndex, note: number): number {
  let low = 0;
  let high = corpus.lineStarts.length - 2;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (corpus.lineStarts[middle]! <= note) low = middle;
    else high = middle - 1;
  }
  return low;
}

function byRank(a: MelodicMatch, b: MelodicMatch): number {
  return a.distance - b.distance || Math.abs(a.transposition) - Math.abs(b.transposition) || a.start - b.start;
}
