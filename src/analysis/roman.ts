/**
 * Roman numerals for a vertical in a key, spelled as music21's `roman.romanNumeralFromChord` spells
 * them ("I", "V65", "viio6", "I752"), so figures compare one to one with music21's.
 */
import { STEPS, accidentalName, type Pitch, type Step } from '../core/pitch.js';
import { isSeventhOfType, letter, readChord, semitonesAbove, triadQuality, type ChordReading } from './chord-steps.js';

export interface KeyName {
  readonly tonic: { readonly step: Step; readonly alter: number };
  readonly mode: 'major' | 'minor';
}

/**
 * "music21": as romanNumeralFromChord spells (in minor, the natural sixth and seventh degrees are
 * flat: "bVI", "bVII"; a raised leading tone is an alteration: "V75#3").
 * "romantext": as analysts write RomanText (in minor, natural and raised sixth and seventh degrees are
 * both diatonic, and a numeral's case says which: "VI", "VII", "viio7", "V7").
 */
export type FigureStyle = 'music21' | 'romantext';

const SCALE: Readonly<Record<KeyName['mode'], readonly number[]>> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
};
const NATURAL = [0, 2, 4, 5, 7, 9, 11];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];

/** music21's figureShorthands: what figured bass leaves unsaid */
const SHORTHANDS: Readonly<Record<string, string>> = {
  '53': '', '3': '', '63': '6', '753': '7', '75': '7', '73': '7', '9753': '9', '975': '9', '953': '9', '97': '9', '95': '9', '93': '9',
  '653': '65', '6b53': '6b5', '643': '43', '642': '42', 'bb7b5b3': 'o7', 'b7b5b3': 'ø7', 'bb7b53': 'o7', 'b7b53': 'ø7',
};
const MINOR_SEVENTH: Readonly<Record<string, string>> = { b75b3: '7', '6b5': '65', b64b3: '43', '6b42': '42' };
const MINOR_MAJOR_SEVENTH: Readonly<Record<string, string>> = {
  '75b3': '7[#7]', '65': '65[#7]', b643: '43[#7]', '6b42': '42[#7]', '#753': '#7', '6#53': '65[#7]', '64#3': '43[#7]', '42': '42[#7]',
};

/** music21's aug6subs: what its figure algorithm calls an augmented sixth chord in a key */
const AUGMENTED_SIXTHS: Readonly<Record<string, string>> = {
  '#ivo6b3': 'It6', '#ivob64': 'It64', '#ivobb64': 'It64', '#ivob5b3': 'It53', '#ivob5bb3': 'It53',
  'IIø#643': 'Fr43', 'IIø75#3': 'Fr7', 'IIø7b5#3': 'Fr7', 'IIø6#42': 'Fr42', 'IIøb6#42': 'Fr42', 'IIø65': 'Fr65', 'IIø65b3': 'Fr65',
  '#ii64b3': 'Sw43', '#iiø7': 'Sw7', '#iib7bb53': 'Sw7', '#iib642': 'Sw42', '#iibb642': 'Sw42', '#ii6b5b3': 'Sw65', '#ii6b5bb3': 'Sw65',
  '#ivo6b5b3': 'Ger65', '#ivo6bb5b3': 'Ger65', '#ivob64b3': 'Ger43', '#ivobb64bb3': 'Ger43', '#ivob6b42': 'Ger42', '#ivob6bb42': 'Ger42',
  '#ivø7': 'Ger7', '#ivobb7b5bb3': 'Ger7',
};

interface Figure {
  /** generic interval above the reference, 1 … 7 */
  readonly aboveBass: number;
  /** chromatic alteration against the key's scale */
  readonly alter: number;
  readonly prefix: string;
}

/** parseKeyName("F# minor") → { tonic: { step: 'F', alter: 1 }, mode: 'minor' } */
export function parseKeyName(name: string): KeyName {
  const match = /^([A-G])(#*|b*|-*)\s+(major|minor)$/.exec(name.trim());
  if (!match) throw new RangeError(`not a key name: "${name}"`);
  const accidentals = match[2]!;
  const alter = accidentals.startsWith('#') ? accidentals.length : -accidentals.length;
  return { tonic: { step: match[1] as Step, alter }, mode: match[3] as KeyName['mode'] };
}

/**
 * readKeyName("e minor") → E minor as parseKeyName gives it, from what people type: any case, extra
 * spaces, music21's "E- minor"; undefined when the text is not a key
 */
export function readKeyName(text: string): KeyName | undefined {
  const tidy = text.trim().replace(/\s+/g, ' ').replace(/^([a-g])/, (letter) => letter.toUpperCase()).replace(/ (major|minor)$/i, (mode) => mode.toLowerCase());
  try {
    return parseKeyName(tidy);
  } catch {
    return undefined;
  }
}

/** romanFigure([G2, B3, D4, G4], G major) → "I"; ([C3, B3, D4, G4], G major) → "I752" */
export function romanFigure(pitches: readonly Pitch[], key: KeyName, style: FigureStyle = 'music21'): string {
  if (pitches.length === 0) return '';
  const chord = readChord(pitches);
  // Without a third, music21 writes lower case; an analyst reads the degree's usual quality (V, not v5).
  const isMajorThird =
    chord.third !== undefined ? semitonesAbove(chord.root, chord.third) === 4 : style === 'romantext' && diatonicTriadIsMajor(chord.root, key);
  const rootFigure = style === 'music21' ? correctForMinor(figureOf(chord.root, key, key.tonic), key) : figureOf(chord.root, key, key.tonic, style);
  const alteredKey: KeyName = { ...key, tonic: { step: key.tonic.step, alter: key.tonic.alter + rootFigure.alter } };
  const numeral = isMajorThird ? ROMAN[rootFigure.aboveBass - 1]! : ROMAN[rootFigure.aboveBass - 1]!.toLowerCase();
  const inversion = inversionFigure(pitches, chord, alteredKey, style);
  if (!isMajorThird && inversion in MINOR_SEVENTH && isSeventhOfType(pitches, chord, [0, 3, 7, 10])) {
    return rootFigure.prefix + numeral + MINOR_SEVENTH[inversion];
  }
  if (!isMajorThird && inversion in MINOR_MAJOR_SEVENTH && isSeventhOfType(pitches, chord, [0, 3, 7, 11])) {
    return rootFigure.prefix + numeral + MINOR_MAJOR_SEVENTH[inversion];
  }
  const figure = rootFigure.prefix + numeral + inversion;
  return figure in AUGMENTED_SIXTHS && isAugmentedSixth(pitches) ? AUGMENTED_SIXTHS[figure]! : figure;
}

/**
 * isAugmentedSixth([Ab3, C4, F#4]) → true: some note has an augmented sixth above it (a sixth by letter,
 * ten semitones) and the pitch classes over that note are an Italian {0,4,10}, French {0,4,6,10} or
 * German/Swiss {0,4,7,10} sixth, in any inversion.
 */
function isAugmentedSixth(pitches: readonly Pitch[]): boolean {
  const classes = new Set(pitches.map((pitch) => pitch.pitchClass));
  if (classes.size !== 3 && classes.size !== 4) return false;
  return pitches.some((lower) => {
    const hasSixth = pitches.some((upper) => (letter(upper) - letter(lower) + 7) % 7 === 5 && semitonesAbove(lower, upper) === 10);
    if (!hasSixth) return false;
    const shape = [...classes].map((pitchClass) => (pitchClass - lower.pitchClass + 12) % 12).sort((a, b) => a - b).join(',');
    return shape === '0,4,10' || shape === '0,4,6,10' || shape === '0,4,7,10';
  });
}

/** music21's figureTupleSolo: the generic interval from `reference` and the alteration against the key */
function figureOf(pitch: Pitch, key: KeyName, reference: { step: Step; alter: number }, style: FigureStyle = 'music21'): Figure {
  const aboveBass = ((letter(pitch) - STEPS.indexOf(reference.step) + 7) % 7) + 1;
  const degree = (letter(pitch) - STEPS.indexOf(key.tonic.step) + 7) % 7;
  const tonicPitchClass = NATURAL[STEPS.indexOf(key.tonic.step)]! + key.tonic.alter;
  const scalePitchClass = tonicPitchClass + SCALE[key.mode][degree]!;
  const scaleAlter = wrap(scalePitchClass - NATURAL[letter(pitch)]!);
  const raisedSixthOrSeventh = style === 'romantext' && key.mode === 'minor' && degree >= 5 && pitch.alter - scaleAlter === 1;
  const alter = raisedSixthOrSeventh ? 0 : pitch.alter - scaleAlter;
  return { aboveBass, alter, prefix: accidentalName(alter) };
}

/** whether the triad on this root's degree is major in the key (minor keys: III, V, VI, VII, harmonic V) */
function diatonicTriadIsMajor(root: Pitch, key: KeyName): boolean {
  const degree = (letter(root) - STEPS.indexOf(key.tonic.step) + 7) % 7;
  return key.mode === 'major' ? [0, 3, 4].includes(degree) : [2, 4, 5, 6].includes(degree);
}

/** semitones folded into -6 … 5, so B# against C counts as +1 and Cb as -1 */
function wrap(semitones: number): number {
  return ((((semitones + 6) % 12) + 12) % 12) - 6;
}

/** music21's correctRNAlterationForMinor: in minor, the raised sixth and seventh degrees are the plain ones */
function correctForMinor(figure: Figure, key: KeyName): Figure {
  if (key.mode !== 'minor' || (figure.aboveBass !== 6 && figure.aboveBass !== 7)) return figure;
  if (figure.alter === 1) return { ...figure, alter: 0, prefix: '' };
  if (figure.alter === 0) return { ...figure, prefix: 'b' };
  if (figure.alter > 1) return { ...figure, alter: figure.alter - 1, prefix: figure.prefix.slice(1) };
  return { ...figure, prefix: `b${figure.prefix}` };
}

/** music21's _postFigureFromChordAndKey: intervals above the bass, shortened as figured bass does */
function inversionFigure(pitches: readonly Pitch[], chord: ChordReading, key: KeyName, style: FigureStyle): string {
  const bassRef = { step: chord.bass.step, alter: chord.bass.alter };
  const figures = pitches.map((pitch) => ({ pitch, figure: figureOf(pitch, key, bassRef, style) }));
  const bassAlter = figures[0]!.figure.alter;
  const quality = triadQuality(pitches, chord);
  const plainTriad = quality === 'major' || quality === 'minor';
  const parts: string[] = [];
  const ordered = [...figures].sort((a, b) => b.figure.aboveBass - a.figure.aboveBass || a.figure.alter - b.figure.alter || a.pitch.midi - b.pitch.midi);
  for (const { pitch, figure } of ordered) {
    let prefix = figure.prefix;
    // the numeral's case already says whether the third is major or minor
    if (figure.aboveBass !== 1 && pitch === chord.third && (plainTriad || style === 'romantext')) prefix = '';
    else if (figure.aboveBass !== 1 && pitch === chord.fifth && quality !== undefined) prefix = '';
    if (figure.aboveBass === 1) {
      if (figure.alter !== bassAlter && prefix !== '' && !parts.includes(`${prefix}8`)) parts.unshift(`${prefix}8`);
    } else if (!parts.includes(`${prefix}${figure.aboveBass}`)) {
      parts.push(`${prefix}${figure.aboveBass}`);
    }
  }
  let joined = parts.join('');
  joined = SHORTHANDS[joined] ?? joined;
  if (joined === '75' || joined === '73') joined = '7';
  if (style === 'romantext' && (joined === '5' || joined === '8' || joined === '85')) joined = '';
  return qualitySuffix(chord, joined);
}

/** music21's correctSuffixForChordQuality: "o" for diminished fifths, "+" for augmented, "ø" for half-diminished sevenths */
function qualitySuffix(chord: ChordReading, figure: string): string {
  const fifth = chord.fifth ? semitonesAbove(chord.root, chord.fifth) : undefined;
  let quality = fifth === 6 ? 'o' : fifth === 8 ? '+' : '';
  if (/^(o|°|\/o|ø)/.test(figure) && quality === 'o') quality = '';
  const seventh = chord.seventh ? semitonesAbove(chord.root, chord.seventh) : undefined;
  if (seventh && fifth === 6 && seventh === 10 && quality === 'o') quality = 'ø';
  return quality + figure;
}
