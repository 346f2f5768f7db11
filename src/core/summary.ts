/**
 * Counts and facts about a score, counted as music21 counts them so results compare one to one:
 * every staff of a multi-staff part is a part (music21's PartStaff), a chord of three is three
 * noteheads, grace notes are not counted, tied continuations are, unpitched percussion is counted apart.
 */
import { pitchName, type Pitch } from './pitch.js';
import { ZERO, add, formatRational, max, toNumber, type Rational } from './rational.js';
import { pitchedNotes } from './events.js';
import type { Measure, Metadata, Part, Score } from './score.js';

export interface Ambitus {
  readonly lowest: string;
  readonly highest: string;
  /** span in semitones */
  readonly semitones: number;
}

export interface Counts {
  readonly measureCount: number;
  /** sounding noteheads: a chord of 3 counts 3, grace notes excluded; chord symbols count their pitches, as in music21 */
  readonly noteCount: number;
  /** of noteCount, the pitches that chord symbols stand for */
  readonly chordSymbolPitchCount: number;
  readonly restCount: number;
  readonly graceNoteCount: number;
  /** unpitched percussion noteheads, not in noteCount, the histogram or the ambitus (music21 counts only pitched notes) */
  readonly unpitchedNoteCount: number;
  readonly ambitus?: Ambitus;
}

export interface PartSummary extends Counts {
  readonly id: string;
  readonly name?: string;
  readonly instrument?: string;
  readonly staffCount: number;
  readonly transposition?: Part['transposition'];
}

export interface ScoreSummary extends Counts {
  readonly metadata: Metadata;
  /** staves count as parts, as in music21: a piano part on two staves is two parts */
  readonly partCount: number;
  /** highest time of the score in quarter notes */
  readonly durationQuarters: number;
  /** the same, exactly, e.g. "74/3" */
  readonly durationExact: string;
  readonly keySignatureFifths: number | null;
  readonly timeSignature: string | null;
  /** noteheads per pitch class, C = 0 … B = 11 */
  readonly pitchClassHistogram: readonly number[];
  readonly parts: readonly PartSummary[];
}

/** summarizeScore(bwv66.6) → { partCount: 4, measureCount: 10, noteCount: 157, timeSignature: "4/4", … } */
export function summarizeScore(score: Score): ScoreSummary {
  const histogram = new Array<number>(12).fill(0);
  const range: PitchRange = {};
  const parts = score.parts.map((part) => summarizePart(part, histogram, range));
  const first = score.parts[0];
  const duration = scoreEnd(score);
  return {
    metadata: score.metadata,
    partCount: score.parts.reduce((sum, part) => sum + Math.max(1, part.staffCount), 0),
    measureCount: first ? first.measures.length : 0,
    noteCount: sum(parts, 'noteCount'),
    chordSymbolPitchCount: sum(parts, 'chordSymbolPitchCount'),
    restCount: sum(parts, 'restCount'),
    graceNoteCount: sum(parts, 'graceNoteCount'),
    unpitchedNoteCount: sum(parts, 'unpitchedNoteCount'),
    ...(range.lowest && range.highest ? { ambitus: ambitus(range.lowest, range.highest) } : {}),
    durationQuarters: toNumber(duration),
    durationExact: formatRational(duration),
    keySignatureFifths: first ? firstKeyFifths(first) : null,
    timeSignature: first ? firstTimeSignature(first) : null,
    pitchClassHistogram: histogram,
    parts,
  };
}

interface PitchRange {
  lowest?: Pitch;
  highest?: Pitch;
}

function widen(range: PitchRange, pitch: Pitch): void {
  if (!range.lowest || pitch.midi < range.lowest.midi) range.lowest = pitch;
  if (!range.highest || pitch.midi > range.highest.midi) range.highest = pitch;
}

/** what one measure adds to its part's counts */
interface MeasureTally {
  readonly noteCount: number;
  readonly chordSymbolPitchCount: number;
  readonly restCount: number;
  readonly graceNoteCount: number;
  readonly unpitchedNoteCount: number;
  /** noteheads per pitch class, and the sounding pitches at either end */
  readonly histogram: readonly number[];
  readonly range: PitchRange;
}

/**
 * Tallies by measure object: an edit copies only the measures it changes (edit/draft.ts), so summarizing
 * the next version counts just those again (a 1,000-measure score: a few measures, not 4,000).
 */
const tallies = new WeakMap<Measure, MeasureTally>();

function tallyOf(measure: Measure): MeasureTally {
  const cached = tallies.get(measure);
  if (cached) return cached;
  const histogram = new Array<number>(12).fill(0);
  const range: PitchRange = {};
  let [noteCount, restCount, graceNoteCount, unpitchedNoteCount, chordSymbolPitchCount] = [0, 0, 0, 0, 0];
  const sound = (pitch: Pitch): void => {
    noteCount++;
    histogram[pitch.pitchClass]!++;
    widen(range, pitch);
  };
  for (const voice of measure.voices) {
    for (const event of voice.events) {
      if (event.kind === 'rest') restCount++;
      else if (event.grace) graceNoteCount += event.kind === 'chord' ? event.notes.length : 1;
      else {
        const pitched = pitchedNotes(event);
        unpitchedNoteCount += (event.kind === 'note' ? 1 : event.notes.length) - pitched.length;
        for (const note of pitched) sound(note.pitch);
      }
    }
  }
  for (const harmony of measure.harmonies ?? []) {
    chordSymbolPitchCount += harmony.value.pitches.length;
    harmony.value.pitches.forEach(sound);
  }
  const tally = { noteCount, chordSymbolPitchCount, restCount, graceNoteCount, unpitchedNoteCount, histogram, range };
  tallies.set(measure, tally);
  return tally;
}

function summarizePart(part: Part, histogram: number[], scoreRange: PitchRange): PartSummary {
  const counts = { noteCount: 0, chordSymbolPitchCount: 0, restCount: 0, graceNoteCount: 0, unpitchedNoteCount: 0 };
  const range: PitchRange = {};
  for (const measure of part.measures) {
    const tally = tallyOf(measure);
    for (const field of COUNT_FIELDS) counts[field] += tally[field];
    for (let pitchClass = 0; pitchClass < 12; pitchClass++) histogram[pitchClass]! += tally.histogram[pitchClass]!;
    for (const pitch of [tally.range.lowest, tally.range.highest]) {
      if (!pitch) continue;
      widen(range, pitch);
      widen(scoreRange, pitch);
    }
  }
  return {
    id: part.id,
    ...(part.name ? { name: part.name } : {}),
    ...(part.instrument?.name ? { instrument: part.instrument.name } : {}),
    staffCount: part.staffCount,
    ...(part.transposition ? { transposition: part.transposition } : {}),
    measureCount: part.measures.length,
    ...counts,
    ...(range.lowest && range.highest ? { ambitus: ambitus(range.lowest, range.highest) } : {}),
  };
}

const COUNT_FIELDS = ['noteCount', 'chordSymbolPitchCount', 'restCount', 'graceNoteCount', 'unpitchedNoteCount'] as const;

function ambitus(lowest: Pitch, highest: Pitch): Ambitus {
  return { lowest: pitchName(lowest), highest: pitchName(highest), semitones: highest.midi - lowest.midi };
}

/** scoreEnd(bwv66.6) → 36: the highest time of the score, where its longest part's last measure ends, in quarter notes */
export function scoreEnd(score: Score): Rational {
  return score.parts.reduce((end, part) => max(end, partEnd(part)), ZERO);
}

function partEnd(part: Part): Rational {
  const last = part.measures[part.measures.length - 1];
  return last ? add(last.offset, last.duration) : ZERO;
}

function firstKeyFifths(part: Part): number | null {
  for (const measure of part.measures) if (measure.keys?.[0]) return measure.keys[0].value.fifths;
  return null;
}

function firstTimeSignature(part: Part): string | null {
  for (const measure of part.measures) {
    const time = measure.times?.[0]?.value;
    if (time) return `${time.beats}/${time.beatType}`;
  }
  return null;
}

function sum(parts: readonly PartSummary[], field: (typeof COUNT_FIELDS)[number]): number {
  return parts.reduce((total, part) => total + part[field], 0);
}
