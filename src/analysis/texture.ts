/**
 * Texture per measure, as a teacher names it: one line alone (monophonic), lines doubling one pitch
 * (unison) or one pitch class (octaves), open fifths with no third (bare fifths), the lines moving
 * together (chordal), a tune over a pattern (melody and accompaniment), or independent lines (polyphonic).
 * A "stream" is one voice of one part, chords included, so a pianist's left hand is one stream.
 */
import { pitchedNotes } from '../core/events.js';
import { add, toNumber, type Rational } from '../core/rational.js';
import type { Event, Score } from '../core/score.js';

export type TextureKind = 'rest' | 'monophonic' | 'unison' | 'octaves' | 'bare fifths' | 'chordal' | 'melody and accompaniment' | 'polyphonic';

export interface MeasureTexture {
  readonly measureIndex: number;
  readonly measure: string;
  readonly texture: TextureKind;
  /** streams (voices of parts) that sound in the measure */
  readonly streams: number;
  /** the most pitches sounding at once */
  readonly maxSimultaneous: number;
}

interface Attack {
  readonly start: number;
  readonly end: number;
  readonly midis: readonly number[];
  /** a new attack, not a tied continuation */
  readonly struck: boolean;
}

/** a sonority must fill this share of the measure's sounding time to name it (unison, octaves, bare fifths) */
const SONORITY_SHARE = 0.8;
/** chordal: the lines' rhythms agree this much (rhythmicAgreement) */
const TOGETHER_SHARE = 0.6;

/** analyzeTexture(chorale) → [{ measure: "1", texture: "chordal", streams: 4, … }, …], one per measure */
export function analyzeTexture(score: Score): MeasureTexture[] {
  const measures = score.parts[0]?.measures ?? [];
  return measures.map((measure, measureIndex) => {
    const streams = score.parts.flatMap((part) => {
      const inMeasure = part.measures[measureIndex];
      return (inMeasure?.voices ?? []).map((voice) => attacksOf(voice.events, inMeasure!.offset)).filter((attacks) => attacks.length > 0);
    });
    const slices = sonorities(streams);
    const maxSimultaneous = Math.max(0, ...slices.map((slice) => slice.midis.length));
    return { measureIndex, measure: measure.number, texture: classify(streams, slices), streams: streams.length, maxSimultaneous };
  });
}

function attacksOf(events: readonly Event[], measureOffset: Rational): Attack[] {
  return events.flatMap((event) => {
    const notes = pitchedNotes(event);
    if (notes.length === 0 || event.kind === 'rest' || event.grace || event.duration.n === 0) return [];
    const start = add(measureOffset, event.offset);
    const tie = event.kind === 'note' ? event.tie : event.notes[0]?.tie;
    return [{ start: toNumber(start), end: toNumber(add(start, event.duration)), midis: notes.map((note) => note.pitch.midi), struck: tie !== 'stop' && tie !== 'continue' }];
  });
}

interface Sonority {
  readonly length: number;
  /** notes sounding, doublings at the unison counted */
  readonly notes: number;
  /** distinct pitches sounding, lowest first */
  readonly midis: readonly number[];
}

/** what sounds between each two successive time points of the measure */
function sonorities(streams: readonly (readonly Attack[])[]): Sonority[] {
  const all = streams.flat();
  const points = [...new Set(all.flatMap((attack) => [attack.start, attack.end]))].sort((a, b) => a - b);
  return points.slice(0, -1).flatMap((at, index) => {
    const midis = all.filter((attack) => attack.start <= at && attack.end > at).flatMap((attack) => attack.midis);
    return midis.length === 0 ? [] : [{ length: points[index + 1]! - at, notes: midis.length, midis: [...new Set(midis)].sort((a, b) => a - b) }];
  });
}

function classify(streams: readonly (readonly Attack[])[], slices: readonly Sonority[]): TextureKind {
  if (streams.length === 0) return 'rest';
  const chords = streams.flat().filter((attack) => attack.midis.length > 1).length;
  if (streams.length === 1 && chords === 0) return 'monophonic';
  const sonority = dominantSonority(slices);
  if (sonority) return sonority;
  if (streams.length === 1) return chords * 2 >= streams[0]!.length ? 'chordal' : 'melody and accompaniment';
  if (rhythmicAgreement(streams) >= TOGETHER_SHARE) return 'chordal';
  return isMelodyOverAccompaniment(streams) ? 'melody and accompaniment' : 'polyphonic';
}

/**
 * unison, octaves or bare fifths, when one of them fills most of the time where more than one note sounds
 * (and that is at least half the time anything sounds)
 */
function dominantSonority(slices: readonly Sonority[]): TextureKind | undefined {
  const length = (of: readonly Sonority[]) => of.reduce((sum, slice) => sum + slice.length, 0);
  const plural = slices.filter((slice) => slice.notes > 1);
  if (length(plural) < length(slices) / 2) return undefined;
  const share = (test: (slice: Sonority) => boolean) => length(plural.filter(test)) / length(plural);
  const classes = (slice: Sonority) => new Set(slice.midis.map((midi) => midi % 12));
  if (share((slice) => slice.midis.length === 1) >= SONORITY_SHARE) return 'unison';
  if (share((slice) => classes(slice).size === 1) >= SONORITY_SHARE) return 'octaves';
  const fifth = (slice: Sonority) => {
    const [low, high] = [...classes(slice)].sort((a, b) => a - b);
    return classes(slice).size === 2 && [5, 7].includes(high! - low!);
  };
  return share(fifth) >= SONORITY_SHARE ? 'bare fifths' : undefined;
}

/**
 * how alike the lines' rhythms are: for each two lines, the attack times both strike over the times either
 * strikes (Jaccard), averaged; a passing eighth in one voice of a chorale costs little, independent lines much
 */
function rhythmicAgreement(streams: readonly (readonly Attack[])[]): number {
  const starts = streams.map((stream) => new Set(stream.filter((attack) => attack.struck).map((attack) => attack.start)));
  let sum = 0;
  let pairs = 0;
  starts.forEach((one, index) =>
    starts.slice(index + 1).forEach((other) => {
      const union = new Set([...one, ...other]).size;
      const both = [...one].filter((start) => other.has(start)).length;
      sum += union === 0 ? 1 : both / union;
      pairs += 1;
    }),
  );
  return pairs === 0 ? 1 : sum / pairs;
}

/**
 * Lines that do not move together are a melody over an accompaniment when the lines under the highest
 * move together among themselves (or, one alone, strike chords or keep repeating a few pitches, as an
 * Alberti bass does); otherwise they are independent lines.
 */
function isMelodyOverAccompaniment(streams: readonly (readonly Attack[])[]): boolean {
  const mean = (stream: readonly Attack[]) => stream.flatMap((attack) => attack.midis).reduce((sum, midi, _, all) => sum + midi / all.length, 0);
  const [, ...accompaniment] = [...streams].sort((a, b) => mean(b) - mean(a));
  return isAccompaniment(accompaniment);
}

/** the lower lines accompany when they move together, or each strikes chords, repeats a few pitches or holds */
function isAccompaniment(streams: readonly (readonly Attack[])[]): boolean {
  return (streams.length > 1 && rhythmicAgreement(streams) >= TOGETHER_SHARE) || streams.every(isPatternOrHeld);
}

/** a line that strikes chords, keeps repeating a few pitches (an Alberti bass, repeated chords) or holds a note or two */
function isPatternOrHeld(stream: readonly Attack[]): boolean {
  const struck = stream.filter((attack) => attack.struck);
  const chords = struck.filter((attack) => attack.midis.length > 1).length;
  const distinct = new Set(struck.flatMap((attack) => attack.midis)).size;
  return struck.length <= 2 || chords * 2 >= struck.length || struck.length >= 2 * distinct;
}
