/**
 * Repeated motifs: windows of consecutive notes in each voice, keyed by what must match for each kind
 * of repetition (exact pitches, intervals for transposition, negated intervals for inversion, reversed
 * for retrograde, durations alone for rhythm), grouped through hash maps — linear in the number of notes
 * for each window length, not quadratic like comparing every window with every other. Longer motifs
 * are found first and hide the shorter ones inside them; motifs are ranked by salience (see `salience`). Transposed repeats that follow one another
 * at a steady interval are reported as sequences.
 */
import { pitchName } from '../core/pitch.js';
import { formatRational, sub, toNumber } from '../core/rational.js';
import type { Line } from './voice-leading.js';

export type PatternKind = 'exact' | 'transposed' | 'inverted' | 'retrograde' | 'rhythm';

export interface PatternOccurrence {
  readonly voice: string;
  readonly offsetQuarters: number;
  /** first pitch of the occurrence */
  readonly startPitch: string;
  /** semitones from the first occurrence (transposed, inverted and retrograde forms) */
  readonly transposition?: number;
  readonly form: 'original' | 'inverted' | 'retrograde';
  /** ids of its written notes, in order (a tied note gives each of its written notes) */
  readonly noteIds: readonly string[];
}

export interface Pattern {
  readonly kind: PatternKind;
  /** notes in the motif */
  readonly length: number;
  /** semitones between consecutive notes of the first occurrence */
  readonly intervals: readonly number[];
  /** durations in quarter notes, "1/2" for an eighth */
  readonly rhythm: readonly string[];
  readonly occurrences: readonly PatternOccurrence[];
}

export interface Sequence {
  readonly voice: string;
  readonly offsetQuarters: number;
  /** notes in each step of the sequence */
  readonly length: number;
  readonly steps: number;
  /** semitones from one step to the next */
  readonly interval: number;
  /** ids of the written notes of all its steps, in order */
  readonly noteIds: readonly string[];
}

export interface PatternOptions {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly kinds?: readonly PatternKind[];
  readonly maxPatterns?: number;
}

interface Window {
  readonly line: number;
  readonly start: number;
}

const ALL_KINDS: readonly PatternKind[] = ['exact', 'transposed', 'inverted', 'retrograde', 'rhythm'];

/** findPatterns(lines, { minLength: 4 }) → motifs repeated at least twice, the most salient first */
export function findPatterns(lines: readonly Line[], options: PatternOptions = {}): { patterns: Pattern[]; sequences: Sequence[] } {
  const minLength = Math.max(3, options.minLength ?? 4);
  const maxLength = Math.max(minLength, options.maxLength ?? 12);
  const kinds = options.kinds ?? ALL_KINDS;
  const features = encode(lines);
  const covered = new Map(kinds.map((kind) => [kind, features.map((line) => new Uint8Array(line.midis.length))]));
  const found: { kind: PatternKind; length: number; occurrences: Window[] }[] = [];
  for (let length = maxLength; length >= minLength; length--) {
    for (const kind of kinds) {
      const marks = covered.get(kind)!;
      for (const group of groupWindows(features, length, kind)) {
        const fresh = group.filter((window) => marks[window.line]![window.start] === 0);
        const occurrences = nonOverlapping(fresh.length >= 2 ? fresh : [], length);
        if (occurrences.length < 2) continue;
        // transposed repeats all at one pitch are exact repeats, reported as such
        if (kind === 'transposed' && occurrences.every((window) => features[window.line]!.midis[window.start] === features[occurrences[0]!.line]!.midis[occurrences[0]!.start])) continue;
        for (const window of occurrences) marks[window.line]!.fill(1, window.start, window.start + length);
        found.push({ kind, length, occurrences });
      }
    }
  }
  // rank first, describe only what is returned
  const ranked = found
    .map((pattern) => ({ ...pattern, salience: salience(features, pattern.occurrences[0]!, pattern.length, pattern.kind, pattern.occurrences.length) }))
    .sort((a, b) => b.salience - a.salience || b.length - a.length)
    .slice(0, options.maxPatterns ?? 50);
  return {
    patterns: ranked.map((pattern) => describe(lines, features, pattern.occurrences, pattern.length, pattern.kind)),
    sequences: findSequences(lines, features, minLength),
  };
}

/**
 * How much a listener notices a motif: it recurs (more often, more noticed, with diminishing returns), it is
 * long, and it has a shape of its own, in rhythm (not one note value throughout) and in intervals (not a
 * run of steps or repeated notes). A run of plain quarter notes recurs everywhere and means nothing; a
 * dotted figure with a leap is what one remembers (cf. Lartillot's and Conklin's motif-salience measures,
 * which weigh frequency and length against how expected the pattern is). Exact repeats count most,
 * rhythm-only ones least.
 */
function salience(features: readonly Features[], first: Window, length: number, kind: PatternKind, occurrences: number): number {
  const line = features[first.line]!;
  const durations = Array.from(line.durationIds.subarray(first.start, first.start + length));
  const intervals = Array.from(line.steps.subarray(first.start + 1, first.start + length));
  const rhythmic = 1 - largestShare(durations);
  const distinctIntervals = new Set(intervals).size / Math.max(1, intervals.length);
  const leaps = intervals.filter((step) => Math.abs(step) > 2).length / Math.max(1, intervals.length);
  const contour = kind === 'rhythm' ? 0 : (distinctIntervals + leaps) / 2;
  const shape = 0.1 + rhythmic + contour;
  return KIND_WEIGHT[kind] * length * Math.log2(1 + occurrences) * shape;
}

const KIND_WEIGHT: Readonly<Record<PatternKind, number>> = { exact: 1, transposed: 0.9, inverted: 0.7, retrograde: 0.6, rhythm: 0.4 };

/** largestShare([1, 1, 2]) → 2/3: the share of the commonest value */
function largestShare(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return Math.max(0, ...counts.values()) / Math.max(1, values.length);
}

interface Features {
  readonly midis: readonly number[];
  readonly rhythm: readonly string[];
  /** each note's duration as a small integer id */
  readonly durationIds: Int32Array;
  /** semitones from the previous note (0 for the first) */
  readonly steps: Int32Array;
}

function encode(lines: readonly Line[]): Features[] {
  const ids = new Map<string, number>();
  return lines.map((line) => {
    const midis = line.notes.map((note) => note.pitch.midi);
    const rhythm = line.notes.map((note) => formatRational(sub(note.end, note.start)));
    const durationIds = Int32Array.from(rhythm, (value) => {
      if (!ids.has(value)) ids.set(value, ids.size + 1);
      return ids.get(value)!;
    });
    const steps = Int32Array.from(midis, (midi, index) => (index === 0 ? 0 : midi - midis[index - 1]!));
    return { midis, rhythm, durationIds, steps };
  });
}

function intervalsOf(midis: readonly number[], start: number, length: number): number[] {
  const intervals: number[] = [];
  for (let index = start + 1; index < start + length; index++) intervals.push(midis[index]! - midis[index - 1]!);
  return intervals;
}

/**
 * Polynomial hashing of a window's values, two moduli combined into one safe integer: each window's key
 * costs O(length) arithmetic and no strings. Groups are then checked value by value, so a collision
 * can never join windows that differ.
 */
const [MOD_A, MOD_B, BASE] = [67_108_859, 33_554_393, 131];

function hashOf(values: (index: number) => number, count: number): number {
  let a = 0;
  let b = 0;
  for (let index = 0; index < count; index++) {
    const value = values(index) + 1000;
    a = (a * BASE + value) % MOD_A;
    b = (b * BASE + value) % MOD_B;
  }
  return a * MOD_B + b;
}

/** the values a window must share with its repeats, read in the given form */
function signature(features: Features, start: number, length: number, kind: PatternKind, form: 'forward' | 'mirror'): (index: number) => number {
  const { midis, durationIds, steps } = features;
  const intervals = length - 1;
  if (kind === 'exact') return (index) => (index < length ? midis[start + index]! : durationIds[start + index - length]!);
  if (kind === 'rhythm') return (index) => durationIds[start + index]!;
  if (kind === 'transposed' || form === 'forward') return (index) => (index < intervals ? steps[start + 1 + index]! : durationIds[start + index - intervals]!);
  if (kind === 'inverted') return (index) => (index < intervals ? -steps[start + 1 + index]! : durationIds[start + index - intervals]!);
  // retrograde: the notes backwards, so the intervals reversed and negated, the durations reversed
  return (index) => (index < intervals ? -steps[start + length - 1 - index]! : durationIds[start + length - 1 - (index - intervals)]!);
}

function signatureLength(length: number, kind: PatternKind): number {
  return kind === 'exact' ? 2 * length : kind === 'rhythm' ? length : 2 * length - 1;
}

function sameSignature(a: (index: number) => number, b: (index: number) => number, count: number): boolean {
  for (let index = 0; index < count; index++) if (a(index) !== b(index)) return false;
  return true;
}

/** The windows that repeat each other in the given way; inverted and retrograde forms join their originals' group. */
function groupWindows(features: readonly Features[], length: number, kind: PatternKind): Window[][] {
  const count = signatureLength(length, kind);
  const buckets = new Map<number, { window: Window; mirror: boolean }[]>();
  const mirrorKind = kind === 'inverted' || kind === 'retrograde';
  features.forEach((line, lineIndex) => {
    for (let start = 0; start + length <= line.midis.length; start++) {
      const window = { line: lineIndex, start };
      const forward = hashOf(signature(line, start, length, kind, 'forward'), count);
      const entry = buckets.get(forward);
      if (entry) entry.push({ window, mirror: false });
      else buckets.set(forward, [{ window, mirror: false }]);
      if (!mirrorKind) continue;
      const mirrored = hashOf(signature(line, start, length, kind, 'mirror'), count);
      if (mirrored === forward) continue; // symmetric motifs are their own mirror: nothing to pair
      const other = buckets.get(mirrored);
      if (other) other.push({ window, mirror: true });
      else buckets.set(mirrored, [{ window, mirror: true }]);
    }
  });
  const groups: Window[][] = [];
  for (const entries of buckets.values()) {
    if (entries.length < 2) continue;
    if (mirrorKind && (!entries.some((entry) => entry.mirror) || !entries.some((entry) => !entry.mirror))) continue;
    const reference = entries.find((entry) => !entry.mirror)!;
    const expected = signature(features[reference.window.line]!, reference.window.start, length, kind, 'forward');
    // keep only true matches (hash collisions would be rare; checking makes them harmless)
    const members = entries.filter((entry) => sameSignature(signature(features[entry.window.line]!, entry.window.start, length, kind, entry.mirror ? 'mirror' : 'forward'), expected, count));
    // a window can sit in a bucket both as itself and as a mirror only for mirror kinds
    const windows = mirrorKind ? [...new Set(members.map((entry) => entry.window))] : members.map((entry) => entry.window);
    if (windows.length >= 2) groups.push(windows);
  }
  return groups;
}

function nonOverlapping(windows: readonly Window[], length: number): Window[] {
  const kept: Window[] = [];
  const lastEnd = new Map<number, number>();
  for (const window of [...windows].sort((a, b) => a.line - b.line || a.start - b.start)) {
    if ((lastEnd.get(window.line) ?? -1) >= window.start) continue;
    kept.push(window);
    lastEnd.set(window.line, window.start + length - 1);
  }
  return kept;
}

function describe(lines: readonly Line[], features: readonly Features[], windows: readonly Window[], length: number, kind: PatternKind): Pattern {
  const first = windows[0]!;
  const firstIntervals = intervalsOf(features[first.line]!.midis, first.start, length);
  const firstMidi = features[first.line]!.midis[first.start]!;
  return {
    kind,
    length,
    intervals: firstIntervals,
    rhythm: features[first.line]!.rhythm.slice(first.start, first.start + length),
    occurrences: windows.map((window) => {
      const note = lines[window.line]!.notes[window.start]!;
      const intervals = intervalsOf(features[window.line]!.midis, window.start, length);
      const form = kind === 'inverted' || kind === 'retrograde' ? (intervals.join() === firstIntervals.join() ? 'original' : kind) : 'original';
      return {
        voice: lines[window.line]!.name,
        offsetQuarters: toNumber(note.start),
        startPitch: pitchName(note.pitch),
        ...(kind === 'rhythm' ? {} : { transposition: note.pitch.midi - firstMidi }),
        form,
        noteIds: idsOf(lines[window.line]!, window.start, length),
      };
    }),
  };
}

/** the ids of `count` notes of a line from `start` */
function idsOf(line: Line, start: number, count: number): string[] {
  return line.notes.slice(start, start + count).flatMap((note) => note.ids ?? []);
}

/** Back-to-back transposed repeats of one motif at one interval, at least three steps long. */
function findSequences(lines: readonly Line[], features: readonly Features[], minLength: number): Sequence[] {
  const sequences: Sequence[] = [];
  features.forEach(({ midis, rhythm }, line) => {
    for (let length = minLength; length <= 8; length++) {
      for (let start = 0; start + 3 * length <= midis.length; ) {
        const key = (at: number) => `${intervalsOf(midis, at, length).join(',')}|${rhythm.slice(at, at + length).join(',')}`;
        const interval = midis[start + length]! - midis[start]!;
        let steps = 1;
        while (start + (steps + 1) * length <= midis.length && key(start + steps * length) === key(start) && midis[start + steps * length]! - midis[start + (steps - 1) * length]! === interval) steps++;
        if (steps >= 3 && interval !== 0) {
          sequences.push({ voice: lines[line]!.name, offsetQuarters: toNumber(lines[line]!.notes[start]!.start), length, steps, interval, noteIds: idsOf(lines[line]!, start, steps * length) });
          start += steps * length;
        } else start++;
      }
    }
  });
  return sequences;
}
