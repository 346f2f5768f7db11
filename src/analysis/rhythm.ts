/**
 * Rhythm and meter: the meters in force, the metric weight of each onset, a syncopation index
 * (Longuet-Higgins & Lee: a note on a weak position held across a stronger one), note density per
 * measure, the durations used, and the tempo map.
 */
import { compare, formatRational, sub, toNumber, type Rational } from '../core/rational.js';
import type { Score, TimeSignature } from '../core/score.js';
import { timeSpans } from './chordify.js';
import { beatLength } from './harmony-slots.js';

export interface RhythmAnalysis {
  readonly meters: readonly { readonly measure: string; readonly timeSignature: string }[];
  /** onsets by metric weight: 1 downbeat, 0.75 secondary strong beat, 0.5 beat, 0.25 half beat, 0.125 finer */
  readonly onsetsByWeight: Readonly<Record<string, number>>;
  /** syncopations per 100 notes */
  readonly syncopationIndex: number;
  readonly syncopations: number;
  /** note onsets (all voices) per measure, in measure order */
  readonly density: readonly { readonly measure: string; readonly onsets: number }[];
  /** note values in quarter notes ("1/2" an eighth) → how many */
  readonly durations: Readonly<Record<string, number>>;
  readonly tempos: readonly { readonly measure: string; readonly quarterBpm?: number; readonly text?: string }[];
}

/** metricWeight(2, 4/4) → 0.75: how strong a position (in quarters from the barline) is in the meter */
export function metricWeight(position: number, time: TimeSignature): number {
  const beat = toNumber(beatLength(time));
  const beats = time.beats.split('+').reduce((sum, term) => sum + Number(term), 0);
  const beatsPerBar = beat === 1.5 ? beats / 3 : beats;
  if (Math.abs(position) < 1e-9) return 1;
  const inBeats = position / beat;
  if (Math.abs(inBeats - Math.round(inBeats)) < 1e-9) return beatsPerBar % 2 === 0 && Math.round(inBeats) === beatsPerBar / 2 ? 0.75 : 0.5;
  const half = inBeats * 2;
  return Math.abs(half - Math.round(half)) < 1e-9 ? 0.25 : 0.125;
}

/** analyzeRhythm(chorale) → { meters: [{ measure: "1", timeSignature: "4/4" }], syncopationIndex: 2.1, … } */
export function analyzeRhythm(score: Score): RhythmAnalysis {
  const measures = score.parts[0]?.measures ?? [];
  const meters: { measure: string; timeSignature: string }[] = [];
  const tempos: { measure: string; quarterBpm?: number; text?: string }[] = [];
  let time: TimeSignature = { beats: '4', beatType: 4 };
  const timeAt: TimeSignature[] = measures.map((measure) => {
    const written = measure.times?.[0]?.value;
    if (written) {
      time = written;
      meters.push({ measure: measure.number, timeSignature: `${written.beats}/${written.beatType}` });
    }
    for (const tempo of measure.tempos ?? []) {
      tempos.push({ measure: measure.number, ...(tempo.value.quarterBpm ? { quarterBpm: tempo.value.quarterBpm } : {}), ...(tempo.value.text ? { text: tempo.value.text } : {}) });
    }
    return time;
  });
  const notes = score.parts.flatMap(timeSpans).filter((span) => span.pitch !== undefined);
  const onsetsByWeight: Record<string, number> = {};
  const durations: Record<string, number> = {};
  const density = measures.map((measure) => ({ measure: measure.number, onsets: 0 }));
  let syncopations = 0;
  for (const note of notes) {
    const index = measureIndexAt(measures.map((measure) => measure.offset), note.start);
    const measure = measures[index]!;
    const meter = timeAt[index]!;
    const position = toNumber(sub(note.start, measure.offset));
    const weight = metricWeight(position, meter);
    onsetsByWeight[String(weight)] = (onsetsByWeight[String(weight)] ?? 0) + 1;
    density[index]!.onsets++;
    const length = formatRational(sub(note.end, note.start));
    durations[length] = (durations[length] ?? 0) + 1;
    if (holdsAcrossStrongerPosition(position, toNumber(sub(note.end, note.start)), weight, meter, toNumber(measure.duration))) syncopations++;
  }
  return {
    meters,
    onsetsByWeight,
    syncopationIndex: notes.length === 0 ? 0 : Math.round((1000 * syncopations) / notes.length) / 10,
    syncopations,
    density,
    durations,
    tempos,
  };
}

function measureIndexAt(starts: readonly Rational[], at: Rational): number {
  let found = 0;
  for (let index = 0; index < starts.length; index++) if (compare(starts[index]!, at) <= 0) found = index;
  return found;
}

/** a note that starts on a weaker position and is still sounding at a stronger one within its bar */
function holdsAcrossStrongerPosition(position: number, length: number, weight: number, meter: TimeSignature, barLength: number): boolean {
  const step = toNumber(beatLength(meter)) / 2;
  for (let at = Math.ceil((position + 1e-9) / step) * step; at < Math.min(position + length, barLength) - 1e-9; at += step) {
    if (metricWeight(at, meter) > weight) return true;
  }
  return false;
}
