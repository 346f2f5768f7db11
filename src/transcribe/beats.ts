/**
 * Beat tracking from note onsets by dynamic programming (Ellis, "Beat Tracking by Dynamic Programming",
 * Journal of New Music Research 36(1), 2007): the tempo is the period whose autocorrelation of the onset
 * strength, weighted by a log-normal preference around 120 beats a minute, is highest; the beats are the
 * path through the onsets that best balances landing on strong onsets against keeping that period.
 */
import type { TimedNote } from './timed-note.js';

/** onset-strength frames per second */
const ENVELOPE_RATE = 100;
const SLOWEST_BPM = 40;
const FASTEST_BPM = 240;
/** Ellis's tempo prior: centred on 120 beats a minute, 1.4 octaves wide */
const PREFERRED_BPM = 120;
const PRIOR_OCTAVES = 1.4;
/** how strongly the path keeps its period, against following onsets (Ellis's α, for an envelope of unit spread) */
const TIGHTNESS = 100;

export interface Beats {
  /** seconds, one per beat, covering every note */
  readonly times: readonly number[];
  readonly beatsPerMinute: number;
}

/** onsetEnvelope(notes) → onset strength per 10 ms frame: each note adds its amplitude, smoothed over ±20 ms */
function onsetEnvelope(notes: readonly TimedNote[]): Float64Array {
  const end = Math.max(0, ...notes.map((note) => note.end));
  const envelope = new Float64Array(Math.ceil(end * ENVELOPE_RATE) + 4);
  const spread = [0.25, 0.5, 1, 0.5, 0.25];
  for (const note of notes) {
    const frame = Math.round(note.start * ENVELOPE_RATE);
    spread.forEach((weight, offset) => {
      const at = frame + offset - 2;
      if (at >= 0 && at < envelope.length) envelope[at]! += weight * (0.5 + note.amplitude);
    });
  }
  return envelope;
}

/** beatPeriod(envelope) → the beat's length in envelope frames (50 for 120 beats a minute) */
function beatPeriod(envelope: Float64Array): number {
  let best = Math.round((60 / PREFERRED_BPM) * ENVELOPE_RATE);
  let bestScore = -Infinity;
  for (let lag = Math.floor((60 / FASTEST_BPM) * ENVELOPE_RATE); lag <= Math.ceil((60 / SLOWEST_BPM) * ENVELOPE_RATE); lag++) {
    let sum = 0;
    for (let frame = lag; frame < envelope.length; frame++) sum += envelope[frame]! * envelope[frame - lag]!;
    const octaves = Math.log2(lag / ((60 / PREFERRED_BPM) * ENVELOPE_RATE)) / PRIOR_OCTAVES;
    const score = sum * Math.exp(-0.5 * octaves * octaves);
    if (score > bestScore) [best, bestScore] = [lag, score];
  }
  return best;
}

/** trackBeats(notes of a chorale at ♩ = 100) → a beat every 0.6 s, on the chords */
export function trackBeats(notes: readonly TimedNote[]): Beats {
  if (notes.length === 0) return { times: [], beatsPerMinute: PREFERRED_BPM };
  const envelope = onsetEnvelope(notes);
  const period = beatPeriod(envelope);
  const spread = standardDeviation(envelope) || 1;
  const strength = envelope.map((value) => value / spread);
  const score = new Float64Array(strength.length);
  const previous = new Int32Array(strength.length).fill(-1);
  for (let frame = 0; frame < strength.length; frame++) {
    let best = 0;
    for (let back = Math.round(period / 2); back <= 2 * period && back <= frame; back++) {
      const penalty = Math.log(back / period);
      const candidate = score[frame - back]! - TIGHTNESS * penalty * penalty;
      if (previous[frame] === -1 || candidate > best) [best, previous[frame]] = [candidate, frame - back];
    }
    score[frame] = strength[frame]! + Math.max(0, best);
  }
  // the path ends at the best-scoring frame within the last beat period
  let last = strength.length - 1;
  for (let frame = Math.max(0, strength.length - period); frame < strength.length; frame++) if (score[frame]! > score[last]!) last = frame;
  const path: number[] = [];
  for (let frame = last; frame >= 0; frame = previous[frame]!) path.unshift(frame);
  const times = path.map((frame) => frame / ENVELOPE_RATE);
  return { times: extended(times, notes, period / ENVELOPE_RATE), beatsPerMinute: (60 * ENVELOPE_RATE) / period };
}

/**
 * the beats from the first note on (the path also crosses the silence before it), continued at the
 * period before the first and after the last, so that every note falls between two
 */
function extended(times: number[], notes: readonly TimedNote[], period: number): number[] {
  const first = Math.min(...notes.map((note) => note.start));
  const last = Math.max(...notes.map((note) => note.end));
  const fromFirstNote = times.filter((time) => time >= first - period / 4);
  const beats = fromFirstNote.length > 0 ? fromFirstNote : [first];
  while (beats[0]! > first + period / 4) beats.unshift(beats[0]! - period);
  while (beats[beats.length - 1]! < last + period) beats.push(beats[beats.length - 1]! + period);
  return beats;
}

function standardDeviation(values: Float64Array): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}
