/**
 * Writing a new piece from a learned style: a melody, and under it a bass consonant with it when the
 * sources had one, in the requested key and length, closing on the tonic on a downbeat; then the notes
 * written out as a Score through buildScore.
 */
import { buildScore, measureLength, type WrittenPart } from '../../core/build-score.js';
import { CadenzaError } from '../../core/errors.js';
import { mul, rational, type Rational } from '../../core/rational.js';
import type { Score } from '../../core/score.js';
import { spellMidi } from '../../core/spelling.js';
import { seededRandom } from '../random.js';
import { chordOnBeat, planChords, soundingAt, type PlannedChord } from './harmony-plan.js';
import { modeShift, styleKey, type StyleKey } from './key-choice.js';
import type { StyleModel } from './learn.js';
import { generateLine, type LineNoteOut } from './line.js';

export const MAX_MEASURES = 256;
export const DEFAULT_SEED = 1685;

export interface ImitateOptions {
  /** length in measures, 1 … 256; default 16 */
  readonly measures?: number;
  /** "G major", "e minor"; default the first source's key */
  readonly key?: string;
  readonly seed?: number;
  /** context length, 1 … the model's order; default the model's order */
  readonly order?: number;
}

export interface Imitation {
  readonly score: Score;
  readonly key: StyleKey;
  readonly measures: number;
  readonly order: number;
  readonly melody: readonly LineNoteOut[];
  readonly bass?: readonly LineNoteOut[];
  /** the chord planned for each beat, when the sources taught harmony (the bass takes their tones on beats) */
  readonly chords: readonly PlannedChord[];
}

/** intervals a bass may make with the melody, in semitones modulo the octave: unisons, thirds, fifths, sixths */
const CONSONANT = new Set([0, 3, 4, 7, 8, 9]);

/** imitateStyle(learnStyle(chorales), { measures: 8, seed: 7 }) → an 8-bar melody and bass in the chorales' key */
export function imitateStyle(model: StyleModel, options: ImitateOptions = {}): Imitation {
  const measures = options.measures ?? 16;
  const seed = options.seed ?? DEFAULT_SEED;
  const order = options.order ?? model.order;
  if (!Number.isInteger(measures) || measures < 1) throw new CadenzaError('INVALID_ARGUMENT', `measures must be a whole number from 1, not ${measures}.`);
  if (measures > MAX_MEASURES) throw new CadenzaError('LIMIT_EXCEEDED', `A piece is at most ${MAX_MEASURES} measures long, not ${measures}.`, { hint: `Ask for ${MAX_MEASURES} measures or fewer.` });
  if (!Number.isSafeInteger(seed)) throw new CadenzaError('INVALID_ARGUMENT', `seed must be an integer, not ${seed}.`);
  if (!Number.isInteger(order) || order < 1 || order > model.order) throw new CadenzaError('INVALID_ARGUMENT', `order must be from 1 to ${model.order} (the order learned), not ${order}.`);
  const key = options.key === undefined ? model.key : styleKey(options.key);
  const learnedMode = model.modes[key.mode] ? key.mode : key.mode === 'major' ? 'minor' : 'major';
  const style = model.modes[learnedMode];
  if (!style) throw new CadenzaError('INVALID_ARGUMENT', 'The style model has learned nothing to write with.');
  const bar = measureLength(model.time);
  const end = mul(bar, rational(measures));
  const random = seededRandom(seed);
  const plan = {
    order,
    tonic: key.tonic,
    // a mode the sources never use is borrowed from the other, its third, sixth and seventh moved
    modeShift: modeShift(learnedMode, key.mode),
    measureLength: bar,
    finalStart: finalDownbeat(model, measures, bar),
    end,
    random,
  };
  const melody = generateLine({ ...plan, line: style.melody });
  const chords = style.bass && style.harmony ? planChords({ ...plan, harmony: style.harmony, learnedMode, time: model.time, melody }) : [];
  const bass = style.bass ? generateLine({ ...plan, line: style.bass, fit: bassFit(melody, chords) }) : undefined;
  const parts: WrittenPart[] = [writtenPart('Melody', melody, key, { sign: 'G', line: 2 })];
  if (bass) parts.push(writtenPart('Bass', bass, key, { sign: 'F', line: 4 }));
  const score = buildScore({ title: styleTitle(model.sources), key: { fifths: key.fifths, mode: key.mode }, time: model.time, parts });
  return { score, key, measures, order, melody, ...(bass ? { bass } : {}), chords };
}

/** styleTitle(["A", "B", "C", "D"]) → "In the style of A, B, C and 1 more" */
export function styleTitle(sources: readonly string[]): string {
  const named = sources.slice(0, 3).join(', ');
  return `In the style of ${named}${sources.length > 3 ? ` and ${sources.length - 3} more` : ''}`;
}

/** the downbeat of the last bar; in a one-bar piece the middle of a duple bar, so the tonic still falls on a strong beat after something else */
function finalDownbeat(model: StyleModel, measures: number, bar: Rational): Rational {
  if (measures > 1) return mul(bar, rational(measures - 1));
  const beats = model.time.beats.split('+').reduce((sum, part) => sum + Number(part), 0);
  return beats % 2 === 0 ? mul(bar, rational(1, 2)) : rational(0);
}

/**
 * a bass note is welcome when it sounds below the melody note above it and a consonance away from it,
 * and, on a beat with a planned chord, when it is one of that chord's tones
 */
function bassFit(melody: readonly LineNoteOut[], chords: readonly PlannedChord[]): (midi: number, start: Rational) => number {
  return (midi, start) => {
    const above = soundingAt(melody, start);
    if (above && !(midi < above.midi && CONSONANT.has((above.midi - midi) % 12))) return 0;
    const chord = chordOnBeat(chords, start);
    return !chord || chord.pitchClasses.has(midi % 12) ? 1 : 0;
  };
}

function writtenPart(name: string, notes: readonly LineNoteOut[], key: StyleKey, clef: { sign: 'G' | 'F'; line: number }): WrittenPart {
  return { name, clef, notes: notes.map((note) => ({ pitches: [spellMidi(note.midi, key.fifths)], start: note.start, duration: note.duration })) };
}
