/**
 * A roman numeral read back as a chord in its key — degree, root, quality and inversion — the parts
 * AugmentedNet (Nápoles López, Gotham & Fujinaga, ISMIR 2021) scores separately, so two analyses can be
 * compared part by part whichever way each spells its figures ("V6/5" or "V65", "N6" or "bII6").
 * Minor keys follow music21's reading of RomanText: a numeral's case picks the raised or natural sixth
 * and seventh degree (vi, viio: raised; VI, VII: natural).
 */
import { STEPS, accidentalName, type Step } from '../core/pitch.js';
import { parseKeyName, type KeyName } from './roman.js';

export interface RomanLabel {
  /** the numeral's degree in the key it is read in, altered against major or harmonic minor: "V", "bII", "#IV", "It" */
  readonly primaryDegree: string;
  /** the degree tonicized ("V" in V7/V), "I" when none */
  readonly secondaryDegree: string;
  /** spelled root: "F#" */
  readonly root: string;
  /** "major", "dominant seventh", "diminished seventh", "Italian sixth" … */
  readonly quality: string;
  /** 0 root position, 1 first, 2 second, 3 third inversion */
  readonly inversion: number;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
const NATURAL: Readonly<Record<Step, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const SCALES: Readonly<Record<KeyName['mode'], readonly number[]>> = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 10] };
/** degrees are named against the major scale in major and the harmonic minor in minor */
const DEGREE_SCALES: Readonly<Record<KeyName['mode'], readonly number[]>> = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 11] };
const NUMERAL = /^([#b-]*)(VII|VI|V|IV|III|II|I|vii|vi|v|iv|iii|ii|i)([o°ø+M]?)(.*)$/;
const AUGMENTED_SIXTH = /^(It|Fr|Ger|Sw)\d*$/;
const AUGMENTED_SIXTH_NAMES: Readonly<Record<string, string>> = { It: 'Italian sixth', Fr: 'French sixth', Ger: 'German sixth', Sw: 'Swiss sixth' };
const INVERSIONS: Readonly<Record<string, number>> = { '6': 1, '63': 1, '64': 2, '65': 1, '653': 1, '43': 2, '643': 2, '42': 3, '2': 3, '642': 3 };
const SEVENTH_QUALITIES: Readonly<Record<string, string>> = {
  'major 11': 'major seventh',
  'major 10': 'dominant seventh',
  'minor 10': 'minor seventh',
  'minor 11': 'minor-major seventh',
  'diminished 9': 'diminished seventh',
  'diminished 10': 'half-diminished seventh',
  'augmented 10': 'augmented seventh',
  'augmented 11': 'augmented major seventh',
};

/** readRomanLabel("V65/V", "C major") → { primaryDegree: "V", secondaryDegree: "V", root: "D", quality: "dominant seventh", inversion: 1 } */
export function readRomanLabel(figure: string, keyName: string): RomanLabel | undefined {
  let key: KeyName;
  try {
    key = parseKeyName(keyName);
  } catch {
    return undefined;
  }
  const tidy = figure.trim().replace(/\[[^\]]*\]/g, '').replace(/\/o/g, 'ø').replace(/%/g, 'ø').replace(/(\d)\/(?=\d)/g, '$1');
  const [primary, ...secondaries] = tidy.split('/');
  let local = key;
  let secondaryDegree = 'I';
  for (const secondary of secondaries.reverse()) {
    const tonicized = readNumeral(secondary, local);
    if (!tonicized) return undefined;
    secondaryDegree = tonicized.degree;
    local = { tonic: tonicized.root, mode: tonicized.triad === 'major' || tonicized.triad === 'augmented' ? 'major' : 'minor' };
  }
  const chord = readChordFigure(primary ?? '', local);
  return chord && { ...chord, secondaryDegree };
}

type ChordPart = Omit<RomanLabel, 'secondaryDegree'>;

function readChordFigure(figure: string, key: KeyName): ChordPart | undefined {
  const sixth = AUGMENTED_SIXTH.exec(figure);
  if (sixth) {
    // named by its kind; rooted, for comparison's sake, on the lowered sixth degree its bass has in root position
    return { primaryDegree: sixth[1]!, root: spell(key, 5, -1 + (key.mode === 'minor' ? 1 : 0)).name, quality: AUGMENTED_SIXTH_NAMES[sixth[1]!]!, inversion: 0 };
  }
  const written = figure === 'Cad64' ? (key.mode === 'major' ? 'I64' : 'i64') : figure.replace(/^N(?=\d*$)/, 'bII');
  const numeral = readNumeral(written, key);
  if (!numeral) return undefined;
  const digits = numeral.figure.replace(/\D/g, '');
  const seventh = /7|9|11|13/.test(digits) || ['65', '653', '43', '643', '42', '2', '642'].includes(digits) || numeral.mark === 'ø';
  return {
    primaryDegree: numeral.degree,
    root: numeral.rootName,
    quality: seventh ? seventhQuality(numeral, key) : numeral.triad,
    inversion: INVERSIONS[digits] ?? 0,
  };
}

interface Numeral {
  readonly degree: string;
  readonly root: KeyName['tonic'];
  readonly rootName: string;
  readonly triad: 'major' | 'minor' | 'diminished' | 'augmented';
  readonly mark: string;
  readonly figure: string;
  readonly step: number;
}

function readNumeral(text: string, key: KeyName): Numeral | undefined {
  const match = NUMERAL.exec(text);
  if (!match) return undefined;
  const [, prefix, roman, mark, figure] = match as unknown as [string, string, string, string, string];
  const upper = roman === roman.toUpperCase();
  const step = ROMAN.indexOf(roman.toUpperCase());
  const prefixAlter = [...prefix].reduce((sum, sign) => sum + (sign === '#' ? 1 : -1), 0);
  // in minor, vi and viio stand on the raised degrees, VI and VII on the natural ones
  const raised = key.mode === 'minor' && step >= 5 && (!upper || mark === 'o' || mark === '°' || mark === 'ø') ? 1 : 0;
  const root = spell(key, step, raised + prefixAlter);
  const triad = mark === 'o' || mark === '°' || mark === 'ø' ? 'diminished' : mark === '+' ? 'augmented' : upper ? 'major' : 'minor';
  const degreeAlter = root.pitchClass - pitchClassOf(key.tonic) - DEGREE_SCALES[key.mode][step]!;
  return { degree: `${accidentalName(wrap(degreeAlter))}${ROMAN[step]}`, root: root.tonic, rootName: root.name, triad, mark: mark === '°' ? 'o' : mark, figure, step };
}

function seventhQuality(numeral: Numeral, key: KeyName): string {
  if (numeral.mark === 'o') return 'diminished seventh';
  if (numeral.mark === 'ø') return 'half-diminished seventh';
  if (numeral.mark === 'M') return numeral.triad === 'minor' ? 'minor-major seventh' : 'major seventh';
  // the seventh the key's scale (natural minor in minor) puts a seventh above the root
  const seventh = spell(key, (numeral.step + 6) % 7, 0);
  const interval = (((seventh.pitchClass - pitchClassOf(numeral.root)) % 12) + 12) % 12;
  return SEVENTH_QUALITIES[`${numeral.triad} ${interval}`] ?? (numeral.triad === 'major' ? 'dominant seventh' : `${numeral.triad} seventh`);
}

/** the degree `step` steps above the key's tonic, altered by `alter` semitones from the key's scale */
function spell(key: KeyName, step: number, alter: number): { tonic: KeyName['tonic']; name: string; pitchClass: number } {
  const letter = STEPS[(STEPS.indexOf(key.tonic.step) + step) % 7]!;
  const pitchClass = pitchClassOf(key.tonic) + SCALES[key.mode][step]! + alter;
  const letterAlter = wrap(pitchClass - NATURAL[letter]);
  return { tonic: { step: letter, alter: letterAlter }, name: `${letter}${accidentalName(letterAlter)}`, pitchClass: ((pitchClass % 12) + 12) % 12 };
}

function pitchClassOf(tonic: KeyName['tonic']): number {
  return NATURAL[tonic.step] + tonic.alter;
}

/** semitones folded into -6 … 5 */
function wrap(semitones: number): number {
  return ((((semitones + 6) % 12) + 12) % 12) - 6;
}
