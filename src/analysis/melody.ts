/**
 * A melody's shape: range and tessitura, interval histogram, contour and its reduction to turning
 * points, steps against leaps, the climax, and phrases (split at rests, fermatas and long notes).
 */
import { pitchName } from '../core/pitch.js';
import { compare, toNumber } from '../core/rational.js';
import type { Line } from './voice-leading.js';

/** where a note of the melody is: its time, and the ids of its written notes (a tied note is several) */
export interface MelodyPlace {
  readonly offsetQuarters: number;
  readonly noteIds: readonly string[];
}

/** a leap between two consecutive notes, placed at the note it arrives on, naming both notes */
export interface MelodyLeap extends MelodyPlace {
  /** signed: up is positive */
  readonly semitones: number;
  readonly from: string;
  readonly to: string;
}

/** how many of the widest leaps are named */
const NAMED_LEAPS = 5;

export interface MelodyAnalysis {
  readonly voice: string;
  readonly noteCount: number;
  /** the lowest and highest notes, each placed where it first sounds */
  readonly range: { readonly lowest: string; readonly highest: string; readonly semitones: number; readonly lowestAt: MelodyPlace; readonly highestAt: MelodyPlace };
  /** the middle half of the melody's time, by pitch (duration-weighted quartiles) */
  readonly tessitura: { readonly low: string; readonly high: string; readonly meanMidi: number };
  /** signed semitones between consecutive notes → how often */
  readonly intervals: Readonly<Record<string, number>>;
  /** "+" up, "-" down, "=" repeated, one per interval */
  readonly contour: string;
  /** the turning points only (Morris-style reduction to local peaks and troughs), as pitch names */
  readonly contourReduction: readonly string[];
  /** share of intervals that are steps (at most 2 semitones, repeats excluded) */
  readonly stepShare: number;
  readonly leapCount: number;
  /** the widest leaps (more than 2 semitones), widest first, earliest first among equals */
  readonly widestLeaps: readonly MelodyLeap[];
  /** the highest note where it first sounds */
  readonly climax: MelodyPlace & { readonly pitch: string; readonly occurrences: number };
  readonly phrases: readonly { readonly fromQuarters: number; readonly toQuarters: number; readonly notes: number }[];
}

/** analyzeMelody(soprano line) → { range: { lowest: "D4", highest: "E5", … }, stepShare: 0.8, … } */
export function analyzeMelody(line: Line): MelodyAnalysis {
  const notes = line.notes;
  if (notes.length === 0) throw new RangeError(`voice ${line.name} has no notes`);
  const midis = notes.map((note) => note.pitch.midi);
  const lowest = notes.reduce((low, note) => (note.pitch.midi < low.pitch.midi ? note : low));
  const highest = notes.reduce((high, note) => (note.pitch.midi > high.pitch.midi ? note : high));
  const intervals: Record<string, number> = {};
  let contour = '';
  let steps = 0;
  let leaps = 0;
  for (let index = 1; index < notes.length; index++) {
    const interval = midis[index]! - midis[index - 1]!;
    intervals[String(interval)] = (intervals[String(interval)] ?? 0) + 1;
    contour += interval > 0 ? '+' : interval < 0 ? '-' : '=';
    if (interval !== 0 && Math.abs(interval) <= 2) steps++;
    else if (Math.abs(interval) > 2) leaps++;
  }
  return {
    voice: line.name,
    noteCount: notes.length,
    range: { lowest: pitchName(lowest.pitch), highest: pitchName(highest.pitch), semitones: highest.pitch.midi - lowest.pitch.midi, lowestAt: placeOf(lowest), highestAt: placeOf(highest) },
    tessitura: tessitura(line),
    intervals,
    contour,
    contourReduction: reduceContour(line),
    stepShare: steps + leaps === 0 ? 0 : Math.round((steps / (steps + leaps)) * 1000) / 1000,
    leapCount: leaps,
    widestLeaps: widestLeaps(notes),
    climax: {
      pitch: pitchName(highest.pitch),
      ...placeOf(highest),
      occurrences: notes.filter((note) => note.pitch.midi === highest.pitch.midi).length,
    },
    phrases: phrases(line),
  };
}

function placeOf(note: Line['notes'][number]): MelodyPlace {
  return { offsetQuarters: toNumber(note.start), noteIds: note.ids ?? [] };
}

function widestLeaps(notes: Line['notes']): MelodyLeap[] {
  const leaps: MelodyLeap[] = [];
  for (let index = 1; index < notes.length; index++) {
    const [before, after] = [notes[index - 1]!, notes[index]!];
    const semitones = after.pitch.midi - before.pitch.midi;
    if (Math.abs(semitones) <= 2) continue;
    leaps.push({ semitones, from: pitchName(before.pitch), to: pitchName(after.pitch), offsetQuarters: toNumber(after.start), noteIds: [...(before.ids ?? []), ...(after.ids ?? [])] });
  }
  return leaps.sort((a, b) => Math.abs(b.semitones) - Math.abs(a.semitones) || a.offsetQuarters - b.offsetQuarters).slice(0, NAMED_LEAPS);
}

function tessitura(line: Line): MelodyAnalysis['tessitura'] {
  const weighted = line.notes.map((note) => ({ note, weight: toNumber(note.end) - toNumber(note.start) })).sort((a, b) => a.note.pitch.midi - b.note.pitch.midi);
  const total = weighted.reduce((sum, item) => sum + item.weight, 0);
  const at = (share: number) => {
    let seen = 0;
    for (const item of weighted) {
      seen += item.weight;
      if (seen >= share * total) return item.note.pitch;
    }
    return weighted[weighted.length - 1]!.note.pitch;
  };
  const mean = weighted.reduce((sum, item) => sum + item.note.pitch.midi * item.weight, 0) / total;
  return { low: pitchName(at(0.25)), high: pitchName(at(0.75)), meanMidi: Math.round(mean * 10) / 10 };
}

/** keeps the first and last notes and every local peak and trough, merging repeated notes */
function reduceContour(line: Line): string[] {
  const distinct = line.notes.filter((note, index) => index === 0 || note.pitch.midi !== line.notes[index - 1]!.pitch.midi);
  return distinct
    .filter((note, index) => {
      if (index === 0 || index === distinct.length - 1) return true;
      const [before, after] = [distinct[index - 1]!.pitch.midi, distinct[index + 1]!.pitch.midi];
      return (note.pitch.midi > before && note.pitch.midi > after) || (note.pitch.midi < before && note.pitch.midi < after);
    })
    .map((note) => pitchName(note.pitch));
}

function phrases(line: Line): MelodyAnalysis['phrases'] {
  let start = 0;
  return phraseEndIndices(line).map((end) => {
    const phrase = { fromQuarters: toNumber(line.notes[start]!.start), toQuarters: toNumber(line.notes[end]!.end), notes: end - start + 1 };
    start = end + 1;
    return phrase;
  });
}

/** phraseEndIndices(line) → the index of each phrase's last note: before a rest, at a fermata, on a note at least twice the melody's median length, and the last */
export function phraseEndIndices(line: Line): number[] {
  const lengths = line.notes.map((note) => toNumber(note.end) - toNumber(note.start)).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)]!;
  const ends: number[] = [];
  let start = 0;
  line.notes.forEach((note, index) => {
    const next = line.notes[index + 1];
    const rest = next !== undefined && compare(note.end, next.start) < 0;
    const long = toNumber(note.end) - toNumber(note.start) >= 2 * median && index > start;
    if (!next || rest || note.fermata || long) {
      ends.push(index);
      start = index + 1;
    }
  });
  return ends;
}
