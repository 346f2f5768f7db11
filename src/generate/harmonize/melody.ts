/**
 * A melody to harmonize, cut into harmonic slots: a chord on every beat where the melody has a note,
 * the notes between beats carried as passing and neighbour notes over that chord. Fermatas, rests and
 * the last note end phrases, where a cadence belongs.
 */
import { profileCorrelation, PROFILES } from '../../analysis/key.js';
import { readKeyName } from '../../analysis/roman.js';
import { beatLength } from '../../analysis/harmony-slots.js';
import { type Line, type LineNote } from '../../analysis/voice-leading.js';
import { measureLength } from '../../core/build-score.js';
import { CadenzaError } from '../../core/errors.js';
import { ZERO, compare, sub, toNumber, type Rational } from '../../core/rational.js';
import type { Score, TimeSignature } from '../../core/score.js';
import { stepName } from '../../core/pitch.js';
import { fifthsOf, spelledPitch, type HarmonizerKey } from './chords.js';

export interface MelodySlot {
  readonly start: Rational;
  readonly end: Rational;
  /** the melody's notes in the slot; the first carries the chord, the others pass over it */
  readonly notes: readonly LineNote[];
  /** a fermata, a rest or the end follows: a cadence belongs here */
  readonly phraseEnd: boolean;
  readonly final: boolean;
  /** on the first beat of a measure */
  readonly downbeat: boolean;
}

export interface Melody {
  readonly line: Line;
  readonly time: TimeSignature;
  readonly fifths: number;
  readonly pickup?: Rational;
  readonly slots: readonly MelodySlot[];
}

/** the longest melody harmonized in one call: the search is linear in it, but a request must stay bounded */
export const MAX_MELODY_NOTES = 2000;

/** melodyOf(score, line) → the line with its meter, key signature, pickup and slots */
export function melodyOf(score: Score, line: Line): Melody {
  if (line.notes.length === 0) throw new CadenzaError('INVALID_ARGUMENT', `The voice "${line.name}" has no notes to harmonize.`);
  if (line.notes.length > MAX_MELODY_NOTES) {
    throw new CadenzaError('LIMIT_EXCEEDED', `The melody has ${line.notes.length} notes; harmonize_melody takes at most ${MAX_MELODY_NOTES}.`, {
      hint: 'Harmonize a range of measures: extract them first with transform_score.',
    });
  }
  const first = score.parts[0]!.measures[0]!;
  const time = first.times?.[0]?.value ?? { beats: '4', beatType: 4 };
  const fifths = first.keys?.[0]?.value.fifths ?? 0;
  const full = measureLength(time);
  const pickup = first.implicit || compare(first.duration, full) < 0 ? first.duration : undefined;
  return { line, time, fifths, ...(pickup ? { pickup } : {}), slots: slotsOf(line.notes, time, pickup ?? ZERO) };
}

function slotsOf(notes: readonly LineNote[], time: TimeSignature, pickup: Rational): MelodySlot[] {
  const beat = toNumber(beatLength(time));
  const bar = toNumber(measureLength(time));
  const barStart = toNumber(pickup) > 0 ? toNumber(pickup) - bar : 0;
  const position = (at: Rational) => (((toNumber(at) - barStart) % bar) + bar) % bar;
  const groups: LineNote[][] = [];
  notes.forEach((note, index) => {
    const previous = notes[index - 1];
    const afterGap = !previous || compare(previous.end, note.start) < 0;
    const onBeat = Math.abs(position(note.start) / beat - Math.round(position(note.start) / beat)) < 1e-9;
    if (afterGap || onBeat || previous?.fermata) groups.push([note]);
    else groups[groups.length - 1]!.push(note);
  });
  return groups.map((group, index) => {
    const last = group[group.length - 1]!;
    const next = groups[index + 1]?.[0];
    const final = index === groups.length - 1;
    return {
      start: group[0]!.start,
      end: last.end,
      notes: group,
      phraseEnd: final || group.some((note) => note.fermata) || (next !== undefined && compare(last.end, next.start) < 0),
      final,
      downbeat: position(group[0]!.start) < 1e-9,
    };
  });
}

/**
 * keyOfMelody(melody) → the key the melody is in: of the keys its signature can stand for (major and
 * relative minor, and the older dorian and mixolydian notations with one accidental fewer: D minor
 * without a flat), the one whose profile fits its notes best, its last note (where melodies come home)
 * weighing as much as two bars
 */
export function keyOfMelody(melody: Melody): HarmonizerKey {
  const weights = new Array<number>(12).fill(0);
  for (const note of melody.line.notes) weights[note.pitch.pitchClass]! += toNumber(sub(note.end, note.start));
  const last = melody.line.notes[melody.line.notes.length - 1]!;
  weights[last.pitch.pitchClass]! += toNumber(measureLength(melody.time)) * 2;
  const candidates: HarmonizerKey[] = [
    { tonic: melody.fifths, mode: 'major' },
    { tonic: melody.fifths + 3, mode: 'minor' },
    { tonic: melody.fifths + 1, mode: 'major' },
    { tonic: melody.fifths + 2, mode: 'minor' },
  ];
  const fit = (key: HarmonizerKey) => profileCorrelation(weights, PROFILES.aarden[key.mode], (((key.tonic * 7) % 12) + 12) % 12);
  return candidates.reduce((best, key) => (fit(key) > fit(best) ? key : best));
}

/** harmonizerKeyName({ tonic: -3, mode: 'minor' }) → "Eb minor": the name parseHarmonizerKey reads back */
export function harmonizerKeyName(key: HarmonizerKey): string {
  return `${stepName(spelledPitch(key.tonic, 60))} ${key.mode}`;
}

/** the key a name such as "Eb major" or "f# minor" stands for */
export function parseHarmonizerKey(name: string): HarmonizerKey {
  const key = readKeyName(name);
  if (!key) throw new CadenzaError('INVALID_ARGUMENT', `"${name}" is not a key name.`, { hint: 'Write a key as "G major", "F# minor" or "Bb major".' });
  return { tonic: fifthsOf(key.tonic), mode: key.mode };
}
