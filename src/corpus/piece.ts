/**
 * What a corpus keeps of one piece: each part's melody (its highest note at each onset, ties merged) as
 * arrays of numbers, and for pieces in several voices the roman numerals of analyze_harmony and the
 * cadences they make. Plain data, so it crosses worker threads and is built once per piece, never again.
 */
import { findCadences, phraseEndTimes } from '../analysis/cadence.js';
import { analyzeHarmony } from '../analysis/harmony.js';
import { analyzeKey } from '../analysis/key.js';
import { positionsOf } from '../core/beats.js';
import { lineOfFifths } from '../core/interval.js';
import { heardNotes } from '../core/notes.js';
import { toNumber } from '../core/rational.js';
import type { Part, Score } from '../core/score.js';

export interface PieceLine {
  readonly partId: string;
  readonly partName?: string;
  readonly midi: readonly number[];
  /** spelling: position on the line of fifths (C 0, G 1, F −1) */
  readonly fifths: readonly number[];
  /** from the start of the piece, in quarter notes */
  readonly onset: readonly number[];
  readonly duration: readonly number[];
  /** 0-based index into PieceExtract.measures */
  readonly measure: readonly number[];
  readonly beat: readonly number[];
}

export interface PieceHarmonies {
  /** roman numerals in their local key, a repeated numeral kept once */
  readonly figure: readonly string[];
  readonly key: readonly string[];
  readonly measure: readonly number[];
  readonly beat: readonly number[];
  /** the harmonies a cadence ends on, with its type */
  readonly cadences: readonly { readonly harmony: number; readonly type: string }[];
}

export interface PieceExtract {
  readonly id: string;
  readonly title?: string;
  readonly composer?: string;
  /** the key of the whole piece, e.g. "G major" */
  readonly key?: string;
  /** the first time signature, e.g. "3/4" */
  readonly meter?: string;
  /** printed measure numbers, in order */
  readonly measures: readonly string[];
  readonly lines: readonly PieceLine[];
  /** absent for a single melody, which has no harmony to name */
  readonly harmonies?: PieceHarmonies;
}

export interface ExtractOptions {
  /** analyse harmony (the slow part) for pieces in several voices; default true */
  readonly harmony?: boolean;
}

/** extractPiece(bwv66_6, "bach/bwv66.6") → four lines of melody and the chorale's roman numerals */
export function extractPiece(score: Score, id: string, options: ExtractOptions = {}): PieceExtract {
  const at = positionsOf(score);
  const measures = score.parts[0]?.measures ?? [];
  const measureIndex = measureLocator(measures.map((measure) => toNumber(measure.offset)));
  const lines = score.parts.map((part) => melodyOf(part, at, measureIndex)).filter((line) => line.midi.length > 0);
  const polyphonic = lines.length > 1 || lines.some((line) => hasChords(score.parts.find((part) => part.id === line.partId)));
  const noteCount = lines.reduce((sum, line) => sum + line.midi.length, 0);
  const { title, composer } = score.metadata;
  const time = measures.find((measure) => measure.times?.length)?.times?.[0]?.value;
  return {
    id,
    ...(title ? { title } : {}),
    ...(composer ? { composer } : {}),
    ...(noteCount > 0 ? { key: keyName(score) } : {}),
    ...(time ? { meter: `${time.beats}/${time.beatType}` } : {}),
    measures: measures.map((measure) => measure.number),
    lines,
    ...(polyphonic && options.harmony !== false ? { harmonies: harmoniesOf(score, measureIndex) } : {}),
  };
}

function keyName(score: Score): string {
  const key = analyzeKey(score);
  return `${key.tonic} ${key.mode}`;
}

function melodyOf(part: Part, at: ReturnType<typeof positionsOf>, measureIndex: (quarters: number) => number): PieceLine {
  const line = { midi: [] as number[], fifths: [] as number[], onset: [] as number[], duration: [] as number[], measure: [] as number[], beat: [] as number[] };
  for (const note of heardNotes(part)) {
    if (note.unpitched) continue;
    const onset = toNumber(note.start);
    const last = line.onset.length - 1;
    // notes are ordered by onset then pitch: a later note at the same onset is higher, and the melody
    if (last >= 0 && line.onset[last] === onset) for (const column of Object.values(line)) column.pop();
    line.midi.push(note.pitch.midi);
    line.fifths.push(lineOfFifths(note.pitch));
    line.onset.push(onset);
    line.duration.push(toNumber(note.end) - onset);
    line.measure.push(measureIndex(onset));
    line.beat.push(at(onset).beat);
  }
  return { partId: part.id, ...(part.name ? { partName: part.name } : {}), ...line };
}

function hasChords(part: Part | undefined): boolean {
  return part?.measures.some((measure) => measure.voices.length > 1 || measure.voices.some((voice) => voice.events.some((event) => event.kind === 'chord'))) ?? false;
}

function harmoniesOf(score: Score, measureIndex: (quarters: number) => number): PieceHarmonies {
  const harmonies = analyzeHarmony(score);
  const cadences = findCadences(harmonies, phraseEndTimes(score));
  const kept = { figure: [] as string[], key: [] as string[], measure: [] as number[], beat: [] as number[], offset: [] as number[] };
  for (const harmony of harmonies) {
    const last = kept.figure.length - 1;
    if (last >= 0 && kept.figure[last] === harmony.figure && kept.key[last] === harmony.key) continue;
    kept.figure.push(harmony.figure);
    kept.key.push(harmony.key);
    kept.measure.push(measureIndex(toNumber(harmony.offset)));
    kept.beat.push(harmony.beat);
    kept.offset.push(toNumber(harmony.offset));
  }
  const harmonyAt = measureLocator(kept.offset);
  const { offset: _offset, ...columns } = kept;
  return { ...columns, cadences: cadences.map((cadence) => ({ harmony: harmonyAt(cadence.offsetQuarters), type: cadence.type })) };
}

/** measureLocator([0, 4, 8])(5) → 1: the last start at or before a time (0 before the first) */
function measureLocator(starts: readonly number[]): (quarters: number) => number {
  return (quarters) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle]! <= quarters) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  };
}
