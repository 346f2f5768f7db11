/**
 * Harmony for the bass: the succession of chords (root as a degree above the tonic, and quality) that
 * analyzeHarmony finds in the sources, counted as n-grams; when writing, one chord per beat drawn from
 * it so that it holds the melody note where it can, ending on the tonic chord after (usually) a
 * dominant, and the bass then takes a chord tone on every beat.
 */
import { ZERO, add, compare, type Rational } from '../../core/rational.js';
import type { Score, TimeSignature } from '../../core/score.js';
import { stepName } from '../../core/pitch.js';
import { CHORD_QUALITIES } from '../../analysis/chord-match.js';
import { analyzeHarmony } from '../../analysis/harmony.js';
import { beatLength } from '../../analysis/harmony-slots.js';
import type { Random } from '../random.js';
import type { LineNoteOut } from './line.js';
import { countNgram, sampleNgram, type NgramModel } from './ngram.js';

export interface PlannedChord {
  readonly start: Rational;
  /** "7 dominant seventh": root degree above the tonic (in the learned mode), quality */
  readonly token: string;
  /** sounding pitch classes in the written key */
  readonly pitchClasses: ReadonlySet<number>;
}

/** countHarmony(model, bwv269, 7, 2) → the chord succession of bwv269, in G, counted into `model` */
export function countHarmony(model: NgramModel, score: Score, tonic: number, order: number): void {
  const tokens: string[] = [];
  for (const harmony of analyzeHarmony(score, { keys: 'global' })) {
    const root = harmony.pitches.find((pitch) => stepName(pitch) === harmony.root);
    if (!root) continue;
    const token = `${(((root.pitchClass - tonic) % 12) + 12) % 12} ${harmony.quality}`;
    countNgram(model, tokens.slice(Math.max(0, tokens.length - order)), token);
    tokens.push(token);
  }
}

export interface ChordPlan {
  readonly harmony: NgramModel;
  readonly order: number;
  readonly tonic: number;
  readonly modeShift: readonly number[];
  /** the mode the chords were learned in */
  readonly learnedMode: 'major' | 'minor';
  readonly time: TimeSignature;
  readonly finalStart: Rational;
  readonly end: Rational;
  readonly melody: readonly LineNoteOut[];
  readonly random: Random;
}

/** planChords({ harmony, melody, … }) → one chord per beat up to the final tonic chord */
export function planChords(plan: ChordPlan): PlannedChord[] {
  const beat = beatLength(plan.time);
  const chords: PlannedChord[] = [];
  const tokens: string[] = [];
  const beats: Rational[] = [];
  for (let at = ZERO; compare(at, plan.end) < 0; at = add(at, beat)) beats.push(at);
  beats.forEach((start, index) => {
    const melodyPitchClass = soundingAt(plan.melody, start)?.midi;
    const final = compare(start, plan.finalStart) >= 0;
    const beforeFinal = !final && index + 1 < beats.length && compare(beats[index + 1]!, plan.finalStart) >= 0;
    const weight = (token: string) => {
      const [degree, quality] = splitToken(token);
      if (final) return degree === 0 && (quality === 'major' || quality === 'minor') ? 1 : 0;
      const holdsMelody = melodyPitchClass === undefined || soundingClasses(token, plan).has(melodyPitchClass % 12);
      // a chord that holds the melody note, and a dominant before the close: what the sources' cadences do
      return (holdsMelody ? 1 : 0.1) * (beforeFinal && degree === 7 ? 6 : 1);
    };
    const token = sampleNgram(plan.harmony, tokens.slice(Math.max(0, tokens.length - plan.order)), plan.order, plan.random, weight) ?? (final ? `0 ${plan.learnedMode}` : undefined);
    if (token === undefined) return;
    tokens.push(token);
    chords.push({ start, token, pitchClasses: soundingClasses(token, plan) });
  });
  return chords;
}

/** the chord in force at `start`, when a chord starts exactly there (a beat) */
export function chordOnBeat(chords: readonly PlannedChord[], start: Rational): PlannedChord | undefined {
  const found = lastAtOrBefore(chords, start);
  return found && compare(found.start, start) === 0 ? found : undefined;
}

/** the melody note sounding at `start` */
export function soundingAt(melody: readonly LineNoteOut[], start: Rational): LineNoteOut | undefined {
  return lastAtOrBefore(melody, start);
}

function lastAtOrBefore<T extends { readonly start: Rational }>(items: readonly T[], start: Rational): T | undefined {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (compare(items[middle]!.start, start) <= 0) low = middle + 1;
    else high = middle;
  }
  return items[low - 1];
}

function splitToken(token: string): [number, string] {
  const space = token.indexOf(' ');
  return [Number(token.slice(0, space)), token.slice(space + 1)];
}

function soundingClasses(token: string, plan: { readonly tonic: number; readonly modeShift: readonly number[] }): Set<number> {
  const [degree, qualityName] = splitToken(token);
  const quality = CHORD_QUALITIES.find((candidate) => candidate.name === qualityName);
  return new Set(
    (quality?.intervals ?? [0, 4, 7]).map((interval) => {
      const tone = (degree + interval) % 12;
      return (((plan.tonic + tone + plan.modeShift[tone]!) % 12) + 12) % 12;
    }),
  );
}
