/**
 * An analysis written into MusicXML 4.0, under the lowest part: each roman numeral as a <harmony> whose
 * <numeral> gives the scale degree, its alteration and the key (<numeral-key>), with <kind> and
 * <inversion>; an applied chord (V7/V) as two stacked harmony-chords, the chord's numeral in the key it
 * leads to, then that degree in the local key, as the MusicXML 4.0 documentation shows "V of II". The
 * local key is named in words where it changes ("D major:") and each cadence where it arrives ("PAC").
 */
import { keyTonic, type AnalysedCadence, type AnalysedHarmony, type HarmonicAnalysis } from '../../core/harmonic-analysis.js';
import { compare, rational, sub, toNumber, ZERO, type Rational } from '../../core/rational.js';
import type { Measure, Part, Score } from '../../core/score.js';

/** something written at an offset in a measure, as MusicXML text */
export interface PlacedXml {
  readonly offset: Rational;
  readonly xml: string;
}

const STEP_ORDER = 'CDEFGAB';
const NATURAL = [0, 2, 4, 5, 7, 9, 11];
const LINE_OF_FIFTHS: Readonly<Record<string, number>> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };
const SCALES = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 10] } as const;
const KINDS: Readonly<Record<string, string>> = {
  major: 'major', minor: 'minor', diminished: 'diminished', augmented: 'augmented', 'dominant seventh': 'dominant', 'major seventh': 'major-seventh',
  'minor seventh': 'minor-seventh', 'diminished seventh': 'diminished-seventh', 'half-diminished seventh': 'half-diminished',
};
const SPECIAL_KINDS: readonly (readonly [RegExp, string])[] = [[/^It/, 'Italian'], [/^Fr/, 'French'], [/^Ger/, 'German'], [/^N(?![a-z])/, 'Neapolitan']];
const INVERSIONS: Readonly<Record<string, number>> = { '6': 1, '63': 1, '65': 1, '64': 2, '43': 2, '42': 3, '2': 3 };

interface Tonic {
  readonly step: string;
  readonly alter: number;
  readonly mode: 'major' | 'minor';
}

/** analysisMarks(bwv269, its analysis) → for each measure of the lowest part, the numerals, key names and cadences to write there */
export function analysisMarks(score: Score, analysis: HarmonicAnalysis): Map<Measure, PlacedXml[]> {
  const marks = new Map<Measure, PlacedXml[]>();
  const part = score.parts.at(-1);
  if (!part) return marks;
  const place = (measure: Measure | undefined, offset: Rational, xml: string) => {
    if (!measure) return;
    const within = sub(offset, measure.offset);
    const clamped = compare(within, ZERO) < 0 ? ZERO : compare(within, measure.duration) > 0 ? measure.duration : within;
    marks.set(measure, [...(marks.get(measure) ?? []), { offset: clamped, xml }]);
  };
  let key = '';
  for (const harmony of analysis.harmonies) {
    const measure = part.measures[harmony.measureIndex];
    if (harmony.key !== key) place(measure, harmony.offset, words(`${harmony.key}:`));
    key = harmony.key;
    const numeral = numeralHarmony(harmony);
    if (numeral) place(measure, harmony.offset, numeral);
  }
  for (const cadence of analysis.cadences) {
    const at = analysis.harmonies.find((harmony) => Math.abs(toNumber(harmony.offset) - cadence.offsetQuarters) < 1e-9)?.offset ?? quarters(cadence.offsetQuarters);
    place(measureAt(part, cadence.offsetQuarters), at, words(cadenceText(cadence)));
  }
  return marks;
}

/** numeralHarmony(V65 in G major, root D) → <harmony> with numeral 5, kind dominant, inversion 1 */
export function numeralHarmony(harmony: AnalysedHarmony): string | undefined {
  const local = keyTonic(harmony.key);
  const root = /^([A-G])(#*|b*)$/.exec(harmony.root);
  if (!local || !root || harmony.figure === '') return undefined;
  const [chordFigure = '', targetFigure] = harmony.figure.split('/');
  const target = targetFigure === undefined ? undefined : appliedKey(local, targetFigure);
  if (targetFigure !== undefined && !target) return undefined;
  const chordKey = target?.key ?? local;
  const rootPitch = { step: root[1]!, alter: accidentalCount(root[2]!) };
  const chord = harmonyChord(chordFigure, degreeOf(rootPitch, chordKey), chordKey, kindOf(chordFigure, harmony.quality), inversionOf(chordFigure));
  const tonicization = target ? harmonyChord(targetFigure!, target.degree, local, target.key.mode, 0) : '';
  return `<harmony placement="below">${chord}${tonicization}</harmony>`;
}

function harmonyChord(text: string, degree: { value: number; alter: number }, key: Tonic, kind: string, inversion: number): string {
  const alter = degree.alter !== 0 ? `<numeral-alter>${degree.alter}</numeral-alter>` : '';
  const numeralKey = `<numeral-key print-object="no"><numeral-fifths>${fifthsOf(key)}</numeral-fifths><numeral-mode>${key.mode}</numeral-mode></numeral-key>`;
  const shown = text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<numeral><numeral-root text="${shown}">${degree.value}</numeral-root>${alter}${numeralKey}</numeral><kind text="">${kind}</kind>${inversion > 0 ? `<inversion>${inversion}</inversion>` : ''}`;
}

/** appliedKey(G major, "vi") → the key of E minor, and degree 6 of G major */
function appliedKey(local: Tonic, figure: string): { key: Tonic; degree: { value: number; alter: number } } | undefined {
  const match = /^(b*|#*)(VII|vii|III|iii|IV|iv|VI|vi|II|ii|V|v|I|i)/.exec(figure);
  if (!match) return undefined;
  const numeral = match[2]!;
  const value = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'].indexOf(numeral.toUpperCase()) + 1;
  const alter = accidentalCount(match[1]!);
  const step = STEP_ORDER[(STEP_ORDER.indexOf(local.step) + value - 1) % 7]!;
  const pitchClass = NATURAL[STEP_ORDER.indexOf(local.step)]! + local.alter + SCALES[local.mode][value - 1]! + alter;
  const mode = numeral === numeral.toUpperCase() ? 'major' : 'minor';
  return { key: { step, alter: wrap(pitchClass - NATURAL[STEP_ORDER.indexOf(step)]!), mode }, degree: { value, alter } };
}

/** degreeOf(D, G major) → 5; the alteration against the key's scale (natural minor for minor keys, as MusicXML reads "minor") */
function degreeOf(root: { step: string; alter: number }, key: Tonic): { value: number; alter: number } {
  const value = ((STEP_ORDER.indexOf(root.step) - STEP_ORDER.indexOf(key.step) + 7) % 7) + 1;
  const rootClass = NATURAL[STEP_ORDER.indexOf(root.step)]! + root.alter;
  const scaleClass = NATURAL[STEP_ORDER.indexOf(key.step)]! + key.alter + SCALES[key.mode][value - 1]!;
  return { value, alter: wrap(rootClass - scaleClass) };
}

function kindOf(figure: string, quality: string): string {
  return SPECIAL_KINDS.find(([pattern]) => pattern.test(figure))?.[1] ?? KINDS[quality] ?? 'other';
}

/** inversionOf("V65") → 1; "I64" → 2; "V42" → 3; "viio7" → 0 */
function inversionOf(figure: string): number {
  const digits = /^[^0-9[]*?([0-9]+)/.exec(figure)?.[1] ?? '';
  return INVERSIONS[digits] ?? 0;
}

function fifthsOf(key: Tonic): number {
  return LINE_OF_FIFTHS[key.step]! + 7 * key.alter - (key.mode === 'minor' ? 3 : 0);
}

function accidentalCount(text: string): number {
  return text.startsWith('#') ? text.length : -text.length;
}

/** semitones folded into -6 … 5 */
function wrap(semitones: number): number {
  return ((((semitones + 6) % 12) + 12) % 12) - 6;
}

function words(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<direction placement="below"><direction-type><words>${escaped}</words></direction-type></direction>`;
}

function cadenceText(cadence: AnalysedCadence): string {
  return `${cadence.type} (${cadence.key})`;
}

function measureAt(part: Part, at: number): Measure | undefined {
  return part.measures.find((measure) => at >= toNumber(measure.offset) && at < toNumber(measure.offset) + toNumber(measure.duration)) ?? part.measures.at(-1);
}

/** a time in quarters as the exact fraction it stands for (offsets are multiples of small fractions) */
function quarters(value: number): Rational {
  const denominator = 3 * 5 * 7 * 64;
  return rational(Math.round(value * denominator), denominator);
}
