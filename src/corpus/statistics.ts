/**
 * Distributions over a corpus, or over the pieces a search found: keys, modes, meters, chord vocabulary,
 * cadence types, ranges (ambitus of each part's melody) and melodic intervals. Counts, with shares.
 */
import { CADENCE_TYPES, type CorpusIndex } from './corpus-index.js';

export interface Share {
  readonly value: string;
  readonly count: number;
  /** count / total, rounded to 4 places */
  readonly share: number;
}

export interface CorpusStatistics {
  readonly pieces: number;
  readonly lines: number;
  readonly notes: number;
  readonly harmonies: number;
  readonly keys: Share[];
  readonly modes: Share[];
  readonly meters: Share[];
  /** roman figures in their local keys, most frequent first */
  readonly chords: Share[];
  readonly cadences: Share[];
  /** ambitus of each part's melody in semitones ("12" an octave), most frequent first */
  readonly ranges: Share[];
  readonly lowest?: number;
  readonly highest?: number;
  /** melodic intervals in semitones, signed ("+2" a step up), most frequent first */
  readonly intervals: Share[];
}

/** distributionsOf(index, undefined, 20) → distributions over every piece, each list cut to its 20 most frequent */
export function distributionsOf(corpus: CorpusIndex, pieceIndexes?: Iterable<number>, top = 30): CorpusStatistics {
  const chosen = pieceIndexes ? [...new Set(pieceIndexes)].filter((index) => index >= 0 && index < corpus.pieces.length) : corpus.pieces.map((_, index) => index);
  const counters = { keys: new Counter(), modes: new Counter(), meters: new Counter(), chords: new Counter(), cadences: new Counter(), ranges: new Counter(), intervals: new Counter() };
  let lines = 0;
  let notes = 0;
  let harmonies = 0;
  let lowest = Infinity;
  let highest = -Infinity;
  for (const pieceIndex of chosen) {
    const piece = corpus.pieces[pieceIndex]!;
    if (piece.key) {
      counters.keys.add(piece.key);
      counters.modes.add(piece.key.split(' ').at(-1)!);
    }
    counters.meters.add(piece.meter ?? 'none');
    for (let line = piece.firstLine; line < piece.firstLine + piece.parts.length; line++) {
      const [from, to] = [corpus.lineStarts[line]!, corpus.lineStarts[line + 1]!];
      let low = Infinity;
      let high = -Infinity;
      for (let note = from; note < to; note++) {
        const midi = corpus.notes.midi[note]!;
        low = Math.min(low, midi);
        high = Math.max(high, midi);
        if (note + 1 < to) counters.intervals.add(signed(corpus.intervals[note]!));
      }
      if (to > from) counters.ranges.add(String(high - low));
      lowest = Math.min(lowest, low);
      highest = Math.max(highest, high);
      lines++;
      notes += to - from;
    }
    for (let harmony = piece.firstHarmony; harmony < piece.harmonyEnd; harmony++) {
      counters.chords.add(corpus.figureNames[corpus.harmonies.figure[harmony]!]!);
      const cadence = corpus.harmonies.cadence[harmony]!;
      if (cadence >= 0) counters.cadences.add(CADENCE_TYPES[cadence]!);
    }
    harmonies += piece.harmonyEnd - piece.firstHarmony;
  }
  const shares = Object.fromEntries(Object.entries(counters).map(([name, counter]) => [name, counter.shares(top)])) as Record<keyof typeof counters, Share[]>;
  return { pieces: chosen.length, lines, notes, harmonies, ...shares, ...(notes > 0 ? { lowest, highest } : {}) };
}

function signed(interval: number): string {
  return interval > 0 ? `+${interval}` : String(interval);
}

class Counter {
  private readonly counts = new Map<string, number>();
  private total = 0;

  add(value: string): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.total++;
  }

  shares(top: number): Share[] {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top)
      .map(([value, count]) => ({ value, count, share: Math.round((count / this.total) * 10000) / 10000 }));
  }
}
