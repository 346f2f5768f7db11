/**
 * The features a style is recognised by, one fixed-length vector per score or passage. Chosen because
 * each separates the styles at hand for a musical reason, and each is a share (0…1) or a small count, so
 * passages of any length compare:
 * - pitch: duration-weighted scale degrees against the key found (modal vs tonal writing, chromaticism);
 * - melody: each part's intervals and two-interval contour n-grams (Palestrina's steps, Bach's leaps);
 * - rhythm: note values, notes per quarter and off-beat attacks (a chorale's quarters, a quartet's runs);
 * - texture and meter: parts, simultaneous notes, ranges, the time signature;
 * - harmony (analyze_harmony): functions, chord qualities, inversions, applied chords, harmonic rhythm.
 * After the features of Herremans et al. and jSymbolic (McKay & Fujinaga), kept few for a small corpus.
 */
import { analyzeHarmony, type Harmony } from '../../analysis/harmony.js';
import { analyzeKey, KEY_TONICS } from '../../analysis/key.js';
import { heardNotes } from '../../core/notes.js';
import { toNumber } from '../../core/rational.js';
import type { Score } from '../../core/score.js';
import { positionsOf } from '../../core/beats.js';
import { isCadenzaError } from '../../core/errors.js';

const DEGREES = ['1', 'b2', '2', 'b3', '3', '4', '#4', '5', 'b6', '6', 'b7', '7'];
const CONTOURS = ['leap down', 'step down', 'repeat', 'step up', 'leap up'];
const DURATIONS = [
  { name: '≤ 1/16', max: 0.25 },
  { name: '1/8', max: 0.5 },
  { name: 'dotted 1/8', max: 0.75 },
  { name: '1/4', max: 1 },
  { name: 'dotted 1/4', max: 1.5 },
  { name: '1/2', max: 2 },
  { name: 'dotted 1/2', max: 3 },
  { name: 'whole', max: 4 },
  { name: 'longer than whole', max: Infinity },
];
const METERS = ['2/2', '4/4', '3/4', '2/4', '6/8', '3/8', '3/2', '4/2', '2/1'];
const FUNCTIONS = ['T', 'PD', 'D', '?'] as const;
const QUALITIES = ['major', 'minor', 'diminished', 'augmented', 'dominant seventh', 'minor seventh', 'half-diminished seventh', 'diminished seventh', 'major seventh'];

/** the names of the features, in vector order: "pitch: degree b3", "harmony: applied chords", … */
export const STYLE_FEATURE_NAMES: readonly string[] = [
  ...DEGREES.map((degree) => `pitch: scale degree ${degree}`),
  'pitch: key clarity (correlation)',
  'pitch: major mode',
  ...Array.from({ length: 13 }, (_, semitones) => `melody: interval of ${semitones} semitones`),
  'melody: interval over an octave',
  'melody: share rising',
  ...CONTOURS.flatMap((first) => CONTOURS.map((second) => `melody: ${first} then ${second}`)),
  ...DURATIONS.map((duration) => `rhythm: ${duration.name} notes`),
  'rhythm: tuplet notes',
  'rhythm: notes per quarter per part',
  'rhythm: attacks off the beat',
  ...METERS.map((meter) => `meter: ${meter}`),
  'meter: other',
  ...[1, 2, 3, 4, 5].map((parts) => `texture: ${parts} part${parts > 1 ? 's' : ''}`),
  'texture: 6 or more parts',
  'texture: notes sounding together',
  'texture: ambitus (octaves)',
  'texture: mean part range (octaves)',
  'texture: mean pitch (octaves above C4)',
  'harmony: analysed',
  ...FUNCTIONS.map((name) => `harmony: function ${name}`),
  ...QUALITIES.map((quality) => `harmony: ${quality} chords`),
  'harmony: other chords',
  'harmony: root position',
  'harmony: first inversion',
  'harmony: second inversion',
  'harmony: applied chords',
  'harmony: chromatic numerals',
  'harmony: chords per quarter',
  'harmony: local keys per 100 chords',
];

/** styleFeatures(bwv66_6) → STYLE_FEATURE_NAMES.length numbers, each a share or a small scaled count */
export function styleFeatures(score: Score): number[] {
  const key = analyzeKey(score);
  const tonic = KEY_TONICS[key.mode].indexOf(key.tonic);
  const lines = score.parts.map((part) => heardNotes(part).filter((note) => !note.unpitched));
  const notes = lines.flat();
  const degrees = new Array<number>(12).fill(0);
  for (const note of notes) degrees[(note.pitch.pitchClass - tonic + 12) % 12]! += toNumber(note.end) - toNumber(note.start);
  const harmonies = polyphonic(score, lines.length) ? harmoniesOf(score) : [];
  return [
    ...shares(degrees),
    key.correlation,
    key.mode === 'major' ? 1 : 0,
    ...melodyFeatures(lines.map(melodyLine)),
    ...rhythmFeatures(score, lines),
    ...meterFeatures(score),
    ...textureFeatures(lines),
    ...harmonyFeatures(harmonies, totalQuarters(score)),
  ];
}

/** the top note at each onset of a part, in MIDI numbers */
function melodyLine(notes: readonly ReturnType<typeof heardNotes>[number][]): number[] {
  const line: number[] = [];
  let lastOnset = NaN;
  for (const note of notes) {
    const onset = toNumber(note.start);
    if (onset === lastOnset) line[line.length - 1] = note.pitch.midi;
    else line.push(note.pitch.midi);
    lastOnset = onset;
  }
  return line;
}

function melodyFeatures(lines: readonly number[][]): number[] {
  const sizes = new Array<number>(14).fill(0);
  const contours = new Array<number>(25).fill(0);
  let rising = 0;
  let moving = 0;
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const interval = line[i]! - line[i - 1]!;
      sizes[Math.min(13, Math.abs(interval))]!++;
      if (interval !== 0) moving++;
      if (interval > 0) rising++;
      if (i >= 2) contours[contourOf(line[i - 1]! - line[i - 2]!) * 5 + contourOf(interval)]!++;
    }
  }
  return [...shares(sizes), moving ? rising / moving : 0.5, ...shares(contours)];
}

function contourOf(interval: number): number {
  if (interval <= -3) return 0;
  if (interval < 0) return 1;
  if (interval === 0) return 2;
  return interval < 3 ? 3 : 4;
}

function rhythmFeatures(score: Score, lines: readonly ReturnType<typeof heardNotes>[]): number[] {
  const values = new Array<number>(DURATIONS.length).fill(0);
  let tuplets = 0;
  let offBeat = 0;
  let onsets = 0;
  const at = positionsOf(score);
  for (const line of lines) {
    let lastOnset = NaN;
    for (const note of line) {
      const length = toNumber(note.end) - toNumber(note.start);
      values[DURATIONS.findIndex((duration) => length <= duration.max + 1e-9)]!++;
      if (!isBinary(length)) tuplets++;
      const onset = toNumber(note.start);
      if (onset === lastOnset) continue;
      lastOnset = onset;
      onsets++;
      if (!Number.isInteger(Math.round(at(onset).beat * 1e6) / 1e6)) offBeat++;
    }
  }
  const parts = Math.max(1, lines.filter((line) => line.length > 0).length);
  const density = onsets / parts / Math.max(1, totalQuarters(score));
  const noteCount = lines.reduce((sum, line) => sum + line.length, 0);
  return [...shares(values), noteCount ? tuplets / noteCount : 0, Math.min(4, density) / 4, onsets ? offBeat / onsets : 0];
}

/** a length made of halvings of a quarter (dotted or not), not a tuplet's */
function isBinary(quarters: number): boolean {
  const scaled = quarters * 64;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function meterFeatures(score: Score): number[] {
  const time = score.parts[0]?.measures.find((measure) => measure.times?.length)?.times?.[0]?.value;
  const name = time ? `${time.beats}/${time.beatType}` : '';
  const oneHot = METERS.map((meter) => (meter === name ? 1 : 0));
  return [...oneHot, time && !METERS.includes(name) ? 1 : 0];
}

function textureFeatures(lines: readonly ReturnType<typeof heardNotes>[]): number[] {
  const sounding = lines.filter((line) => line.length > 0);
  const count = sounding.length;
  const partCount = [1, 2, 3, 4, 5].map((parts) => (count === parts ? 1 : 0));
  const all = sounding.flat();
  // folded, not spread: a whole symphony has more notes than a call takes arguments
  const pitches = all.map((note) => note.pitch.midi);
  const [low, high] = extent(pitches);
  const ranges = sounding.map((line) => {
    const [lowest, highest] = extent(line.map((note) => note.pitch.midi));
    return highest - lowest;
  });
  const heard = all.reduce((sum, note) => sum + toNumber(note.end) - toNumber(note.start), 0);
  const span = all.length ? extent(all.map((note) => toNumber(note.end)))[1] - extent(all.map((note) => toNumber(note.start)))[0] : 0;
  const mean = pitches.length ? pitches.reduce((sum, midi) => sum + midi, 0) / pitches.length : 60;
  return [
    ...partCount,
    count >= 6 ? 1 : 0,
    span > 0 ? Math.min(8, heard / span) / 8 : 0,
    pitches.length ? (high - low) / 12 / 6 : 0,
    ranges.length ? ranges.reduce((sum, range) => sum + range, 0) / ranges.length / 12 / 3 : 0,
    (mean - 60) / 12,
  ];
}

function harmonyFeatures(harmonies: readonly Harmony[], quarters: number): number[] {
  if (harmonies.length === 0) return [0, ...new Array<number>(FUNCTIONS.length + QUALITIES.length + 8).fill(0)];
  const count = harmonies.length;
  const share = (test: (harmony: Harmony) => boolean) => harmonies.filter(test).length / count;
  const inversion = (harmony: Harmony) => /(\d*)(?:\/|$)/.exec(harmony.figure.replace(/^[^\d/]*/, ''))?.[1] ?? '';
  const keys = harmonies.filter((harmony, index) => index === 0 || harmony.key !== harmonies[index - 1]!.key).length;
  return [
    1,
    ...FUNCTIONS.map((name) => share((harmony) => harmony.function === name)),
    ...QUALITIES.map((quality) => share((harmony) => harmony.quality === quality)),
    share((harmony) => !QUALITIES.includes(harmony.quality)),
    share((harmony) => ['', '7'].includes(inversion(harmony))),
    share((harmony) => ['6', '65'].includes(inversion(harmony))),
    share((harmony) => ['64', '43'].includes(inversion(harmony))),
    share((harmony) => harmony.figure.includes('/')),
    share((harmony) => /^[b#]/.test(harmony.figure)),
    Math.min(2, count / Math.max(1, quarters)) / 2,
    Math.min(1, keys / count),
  ];
}

function polyphonic(score: Score, lineCount: number): boolean {
  return lineCount > 1 || score.parts.some((part) => part.measures.some((measure) => measure.voices.length > 1 || measure.voices.some((voice) => voice.events.some((event) => event.kind === 'chord'))));
}

function harmoniesOf(score: Score): Harmony[] {
  try {
    return analyzeHarmony(score);
  } catch (error) {
    // a passage harmony cannot read (no pitched notes in a slot) is described without harmony
    if (isCadenzaError(error)) return [];
    throw error;
  }
}

function totalQuarters(score: Score): number {
  const measures = score.parts[0]?.measures ?? [];
  const last = measures.at(-1);
  return last ? toNumber(last.offset) + toNumber(last.duration) - toNumber(measures[0]!.offset) : 0;
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, value) => sum + value, 0);
  return counts.map((value) => (total > 0 ? value / total : 0));
}

function extent(values: readonly number[]): [number, number] {
  return values.reduce<[number, number]>(([low, high], value) => [Math.min(low, value), Math.max(high, value)], [Infinity, -Infinity]);
}
