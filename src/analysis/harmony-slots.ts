/**
 * The score cut into short, equal time slots (half a beat by default), each with what sounds in it:
 * pitch-class weights (longer and freshly attacked notes weigh more), the bass, and the pitches
 * themselves, ready for chord matching.
 */
import type { Pitch } from '../core/pitch.js';
import { ZERO, add, compare, max, min, mul, rational, sub, toNumber, type Rational } from '../core/rational.js';
import type { Score, TimeSignature } from '../core/score.js';
import { timeSpans, type Sounding } from './chordify.js';

interface SlotNote extends Sounding {
  /** semitones to add to the note's part when looking for the bass (see registerCorrections) */
  readonly registerCorrection: number;
}

export interface Slot {
  readonly start: Rational;
  readonly end: Rational;
  /** how strong the slot's start is: 3 downbeat, 2 beat, 1 offbeat */
  readonly strength: number;
  readonly measureIndex: number;
  readonly measure: string;
  /** 1-based beat in the measure, fractional between beats ("2.5") */
  readonly beat: number;
  readonly weights: readonly number[];
  /** the lowest pitch sounding at the slot's start (or, failing that, within it) */
  readonly bass?: Pitch;
  readonly pitches: readonly Pitch[];
  /** the highest pitch sounding at the slot's start */
  readonly soprano?: Pitch;
  /** a note with a fermata starts in the slot */
  readonly fermata: boolean;
}

const ATTACK_WEIGHT = 1;
const HELD_WEIGHT = 0.7;

/** harmonySlots(chorale) → one slot per eighth note in 4/4, each with its sounding pitch classes */
export function harmonySlots(score: Score): Slot[] {
  const lines = score.parts.map((part) => timeSpans(part).filter((span): span is Sounding => span.pitch !== undefined));
  const corrections = registerCorrections(lines);
  const notes = lines.flatMap((line, partIndex) => line.map((note) => ({ ...note, registerCorrection: corrections[partIndex]! })));
  const measures = score.parts[0]?.measures ?? [];
  const slots: Slot[] = [];
  let time: TimeSignature = { beats: '4', beatType: 4 };
  const byStart = [...notes].sort((a, b) => compare(a.start, b.start));
  let active: SlotNote[] = [];
  let next = 0;
  measures.forEach((measure, measureIndex) => {
    time = measure.times?.[0]?.value ?? time;
    const beat = beatLength(time);
    const step = mul(beat, rational(1, 2));
    // a pickup counts its beats from where a full bar would have begun (beat 3 of a 3/4 upbeat)
    const bar = mul(rational(time.beats.split('+').reduce((sum, term) => sum + Number(term), 0)), rational(4, time.beatType));
    const padding = measureIndex === 0 && compare(measure.duration, bar) < 0 ? sub(bar, measure.duration) : ZERO;
    for (let at = ZERO; compare(at, measure.duration) < 0; at = add(at, step)) {
      const start = add(measure.offset, at);
      const end = add(start, min(step, sub(measure.duration, at)));
      while (next < byStart.length && compare(byStart[next]!.start, end) < 0) active.push(byStart[next++]!);
      active = active.filter((note) => compare(note.end, start) > 0);
      const sounding = active.filter((note) => compare(note.start, end) < 0);
      const beatNumber = toNumber(add(at, padding)) / toNumber(beat) + 1;
      const strength = beatNumber === 1 ? 3 : Number.isInteger(beatNumber) ? 2 : 1;
      slots.push({ start, end, strength, measureIndex, measure: measure.number, beat: beatNumber, ...slotContent(sounding, start, end) });
    }
  });
  return slots;
}

/**
 * Parts are listed top to bottom, the bass last. A part listed above the bass whose median pitch is not
 * above the bass part's is written octaves too low (an octave-treble clef exported twice) or doubles the
 * bass from below (timpani); in looking for the bass it counts as if raised until it lies above.
 */
function registerCorrections(lines: readonly (readonly Sounding[])[]): number[] {
  const medians = lines.map((line) => {
    const midis = line.map((note) => note.pitch.midi).sort((a, b) => a - b);
    return midis[Math.floor(midis.length / 2)];
  });
  const bassIndex = medians.length - 1 - [...medians].reverse().findIndex((median) => median !== undefined);
  const bassMedian = medians[bassIndex];
  return medians.map((median, index) =>
    index === bassIndex || median === undefined || bassMedian === undefined || median > bassMedian ? 0 : 12 * (Math.floor((bassMedian - median) / 12) + 1),
  );
}

/** a beat in quarter notes: a quarter in 4/4, a dotted quarter in 6/8, a half in 3/2 */
export function beatLength(time: TimeSignature): Rational {
  const beats = Number(time.beats.split('+')[0]);
  const compound = time.beatType >= 8 && beats % 3 === 0 && beats > 3;
  return compound ? rational(12, time.beatType) : rational(4, time.beatType);
}

function slotContent(sounding: readonly SlotNote[], start: Rational, end: Rational): Pick<Slot, 'weights' | 'bass' | 'pitches' | 'soprano' | 'fermata'> {
  const weights = new Array<number>(12).fill(0);
  const length = toNumber(sub(end, start));
  for (const note of sounding) {
    const overlap = toNumber(sub(min(note.end, end), max(note.start, start))) / length;
    weights[note.pitch.pitchClass]! += overlap * (compare(note.start, start) >= 0 ? ATTACK_WEIGHT : HELD_WEIGHT);
  }
  const atStart = sounding.filter((note) => compare(note.start, start) <= 0);
  const height = (note: SlotNote) => note.pitch.midi + note.registerCorrection;
  const lowest = (atStart.length > 0 ? atStart : sounding).reduce<SlotNote | undefined>((low, note) => (!low || height(note) < height(low) ? note : low), undefined);
  const highest = atStart.reduce<Sounding | undefined>((high, note) => (!high || note.pitch.midi > high.pitch.midi ? note : high), undefined);
  const fermata = sounding.some((note) => note.fermata === true && compare(note.start, start) >= 0);
  return {
    weights,
    ...(lowest ? { bass: lowest.pitch } : {}),
    ...(highest ? { soprano: highest.pitch } : {}),
    pitches: sounding.map((note) => note.pitch),
    fermata,
  };
}
