/**
 * Learning a style from scores: for the top line (and the bass, when there is more than one line)
 * n-gram counts of melodic intervals given the scale degrees of the notes before — degrees relative to
 * each source's own tonic, so chorales in G and in D teach the same habits — and of durations given
 * the position in the measure and the durations before. Plain data in, plain data out.
 */
import { CadenzaError } from '../../core/errors.js';
import { measureLength } from '../../core/build-score.js';
import { compare, formatRational, sub, toNumber, ZERO, type Rational } from '../../core/rational.js';
import type { Score, TimeSignature } from '../../core/score.js';
import { voiceLines, type LineNote } from '../../analysis/voice-leading.js';
import { countHarmony } from './harmony-plan.js';
import { scoreKey, type StyleKey } from './key-choice.js';
import { contextCount, countNgram, emptyNgramModel, type NgramModel } from './ngram.js';

export interface LineModel {
  /** context: tonic-relative degrees (0 … 11) of the last notes → next melodic interval in semitones */
  readonly pitch: NgramModel;
  /** context: durations before, then the position in the measure ("3/2") → next duration, onset to onset */
  readonly rhythm: NgramModel;
  /** degree of each source's first note → count */
  readonly openings: Record<string, number>;
  /** quarter notes sounded on each degree 0 … 11 above the tonic, over all sources */
  readonly degreeQuarters: readonly number[];
  /** lowest and highest MIDI note the line reaches in any source */
  readonly low: number;
  readonly high: number;
  readonly notes: number;
}

/** what was learned from the sources in one mode */
export interface ModeStyle {
  /** how many sources are in this mode */
  readonly sources: number;
  readonly melody: LineModel;
  /** present when these sources have a bass line under the melody */
  readonly bass?: LineModel;
  /** chord succession ("7 major" → "0 major"), from the sources with a bass line */
  readonly harmony?: NgramModel;
}

export type ModeName = 'major' | 'minor';

export interface StyleModel {
  /** titles (or ids) of the scores learned from */
  readonly sources: readonly string[];
  /** longest context learned, 1 … 3 */
  readonly order: number;
  /** the first source's key: the default for writing */
  readonly key: StyleKey;
  readonly time: TimeSignature;
  /**
   * major and minor sources learned apart: a degree means something else in each mode (the sixth and
   * seventh above all), and mixing them blurs the pitch profile of what is written
   */
  readonly modes: Partial<Record<ModeName, ModeStyle>>;
}

export interface StyleSource {
  readonly score: Score;
  /** shown in the model and the title; default the score's title */
  readonly name?: string;
}

export const MAX_SOURCES = 50;
/** enough for fifty long chorales, few enough that learning stays well under a second */
export const MAX_SOURCE_NOTES = 100_000;
/** harmony analysis costs far more per note than counting; past this many notes the chords are not learned */
export const MAX_HARMONY_NOTES = 30_000;
const COMMON_TIME: TimeSignature = { beats: '4', beatType: 4 };

/** learnStyle([{ score: bwv269 }], { order: 2 }) → { sources: ["Aus meines Herzens Grunde"], key: G major, modes: { major: { melody, bass, harmony } } } */
export function learnStyle(sources: readonly StyleSource[], options: { readonly order?: number } = {}): StyleModel {
  const order = options.order ?? 2;
  if (!Number.isInteger(order) || order < 1 || order > 3) throw new CadenzaError('INVALID_ARGUMENT', `order must be 1, 2 or 3, not ${order}.`);
  if (sources.length === 0) throw new CadenzaError('INVALID_ARGUMENT', 'Learning a style needs at least one score.');
  if (sources.length > MAX_SOURCES) throw new CadenzaError('LIMIT_EXCEEDED', `A style is learned from at most ${MAX_SOURCES} scores, not ${sources.length}.`);
  const lined = sources.map(({ score, name }) => ({ score, name: name ?? score.metadata.title ?? score.metadata.movementTitle ?? 'untitled', lines: voiceLines(score) }));
  const total = lined.reduce((sum, source) => sum + source.lines.reduce((count, line) => count + line.notes.length, 0), 0);
  // counted before the keys are found, so an oversized request costs no key analysis
  if (total > MAX_SOURCE_NOTES) throw new CadenzaError('LIMIT_EXCEEDED', `The scores hold ${total} notes; a style is learned from at most ${MAX_SOURCE_NOTES}.`);
  const usable = lined.filter((source) => source.lines.length > 0).map((source) => ({ ...source, key: scoreKey(source.score) }));
  if (usable.length === 0) throw new CadenzaError('INVALID_ARGUMENT', 'None of the scores has any notes to learn from.');
  const first = usable[0]!;
  const time = first.score.parts[0]?.measures.find((measure) => measure.times?.length)?.times?.[0]?.value ?? COMMON_TIME;
  const modes: Partial<Record<ModeName, ModeStyle>> = {};
  for (const mode of ['major', 'minor'] as const) {
    const inMode = usable.filter((source) => source.key.mode === mode);
    if (inMode.length === 0) continue;
    const melody = newLine(order);
    const bass = newLine(order);
    const harmony = emptyNgramModel(order);
    for (const source of inMode) {
      const positions = positionsIn(source.score, time);
      countLine(melody, source.lines[0]!.notes, source.key.tonic, positions, order);
      if (source.lines.length < 2) continue;
      countLine(bass, source.lines[source.lines.length - 1]!.notes, source.key.tonic, positions, order);
      if (total <= MAX_HARMONY_NOTES) countHarmony(harmony, source.score, source.key.tonic, order);
    }
    const chords = Object.keys(harmony[0]!).length > 0 ? { harmony } : {};
    modes[mode] = { sources: inMode.length, melody: { ...melody }, ...(bass.notes > 0 ? { bass: { ...bass }, ...chords } : {}) };
  }
  return { sources: usable.map((source) => source.name), order, key: first.key, time, modes };
}

/** ngramCounts(model) → distinct contexts per length for each mode and line, e.g. { "major melody pitch": [1, 12, 70], … } */
export function ngramCounts(model: StyleModel): Record<string, number[]> {
  const counts: Record<string, number[]> = {};
  for (const [mode, style] of Object.entries(model.modes)) {
    for (const [name, line] of [['melody', style.melody], ['bass', style.bass]] as const) {
      if (!line) continue;
      counts[`${mode} ${name} pitch`] = contextCount(line.pitch);
      counts[`${mode} ${name} rhythm`] = contextCount(line.rhythm);
    }
    if (style.harmony) counts[`${mode} harmony`] = contextCount(style.harmony);
  }
  return counts;
}

interface MutableLine {
  pitch: NgramModel;
  rhythm: NgramModel;
  openings: Record<string, number>;
  degreeQuarters: number[];
  low: number;
  high: number;
  notes: number;
}

function newLine(order: number): MutableLine {
  return { pitch: emptyNgramModel(order), rhythm: emptyNgramModel(order), openings: {}, degreeQuarters: new Array<number>(12).fill(0), low: Infinity, high: -Infinity, notes: 0 };
}

function countLine(
  line: MutableLine,
  notes: readonly LineNote[],
  tonic: number,
  positionOf: (at: Rational) => Rational,
  order: number,
): void {
  if (notes.length === 0) return;
  const heard = notes.map((note) => note.pitch.midi);
  const degrees = heard.map((midi) => String((((midi - tonic) % 12) + 12) % 12));
  line.openings[degrees[0]!] = (line.openings[degrees[0]!] ?? 0) + 1;
  const durations: string[] = [];
  notes.forEach((note, index) => {
    line.low = Math.min(line.low, note.pitch.midi);
    line.high = Math.max(line.high, note.pitch.midi);
    line.notes++;
    line.degreeQuarters[Number(degrees[index])]! += toNumber(sub(note.end, note.start));
    const next = notes[index + 1];
    if (next) countNgram(line.pitch, degrees.slice(Math.max(0, index + 1 - order), index + 1), String(heard[index + 1]! - heard[index]!));
    // onset to onset, so a rest belongs to the note before it; the last note keeps its written length
    const length = next && compare(next.start, note.start) > 0 ? sub(next.start, note.start) : sub(note.end, note.start);
    if (length.n <= 0) return;
    const token = formatRational(length);
    countNgram(line.rhythm, [...durations.slice(Math.max(0, durations.length - (order - 1))), formatRational(positionOf(note.start))], token);
    durations.push(token);
  });
}

/**
 * positionsIn(score, 3/4) → at ↦ offset of `at` in its measure; a pickup counts from the end of its
 * bar, so an upbeat reads as the last beat it is rather than as a downbeat
 */
function positionsIn(score: Score, time: TimeSignature): (at: Rational) => Rational {
  const measures = score.parts[0]?.measures ?? [];
  const fullBar = measureLength(time);
  let cursor = 0;
  return (at) => {
    // onsets come in order, so one pointer walks the bars
    if (cursor > 0 && compare(at, measures[cursor]!.offset) < 0) cursor = 0;
    while (cursor + 1 < measures.length && compare(measures[cursor + 1]!.offset, at) <= 0) cursor++;
    const measure = measures[cursor];
    if (!measure) return ZERO;
    const into = sub(at, measure.offset);
    const pickup = measure.index === 0 && compare(measure.duration, fullBar) < 0;
    return pickup ? sub(fullBar, sub(measure.duration, into)) : into;
  };
}
