/**
 * Chord symbols as lead sheets print them ("G", "F#m", "D7", "Bbmaj7/D"): the text ABC's quoted chord
 * symbols hold (ABC 2.1 §4.18), read into a chord symbol of the model and written back.
 */
import type { ChordSymbolRoot, ChordSymbolSpec } from './chord-symbol.js';
import { chordSymbolFigure, realizeChordSymbol } from './chord-symbol.js';
import { isStep } from './pitch.js';
import type { ChordSymbol } from './score.js';

/** printed suffix → MusicXML kind; the first suffix of a kind is the one written */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['', 'major'], ['maj', 'major'], ['M', 'major'],
  ['m', 'minor'], ['min', 'minor'], ['mi', 'minor'], ['-', 'minor'],
  ['7', 'dominant-seventh'], ['dom7', 'dominant-seventh'],
  ['maj7', 'major-seventh'], ['M7', 'major-seventh'], ['ma7', 'major-seventh'], ['Δ7', 'major-seventh'], ['Δ', 'major-seventh'],
  ['m7', 'minor-seventh'], ['min7', 'minor-seventh'], ['mi7', 'minor-seventh'], ['-7', 'minor-seventh'],
  ['mmaj7', 'minor-major-seventh'], ['mM7', 'minor-major-seventh'], ['minmaj7', 'minor-major-seventh'],
  ['dim', 'diminished'], ['o', 'diminished'], ['°', 'diminished'],
  ['dim7', 'diminished-seventh'], ['o7', 'diminished-seventh'], ['°7', 'diminished-seventh'],
  ['m7b5', 'half-diminished-seventh'], ['ø7', 'half-diminished-seventh'], ['ø', 'half-diminished-seventh'], ['min7b5', 'half-diminished-seventh'],
  ['aug', 'augmented'], ['+', 'augmented'],
  ['aug7', 'augmented-seventh'], ['+7', 'augmented-seventh'], ['7#5', 'augmented-seventh'], ['7+', 'augmented-seventh'],
  ['6', 'major-sixth'], ['m6', 'minor-sixth'], ['min6', 'minor-sixth'],
  ['9', 'dominant-ninth'], ['maj9', 'major-ninth'], ['M9', 'major-ninth'], ['m9', 'minor-ninth'], ['min9', 'minor-ninth'],
  ['11', 'dominant-11th'], ['m11', 'minor-11th'], ['13', 'dominant-13th'], ['maj13', 'major-13th'], ['m13', 'minor-13th'],
  ['sus', 'suspended-fourth'], ['sus4', 'suspended-fourth'], ['sus2', 'suspended-second'],
  ['7sus', 'suspended-fourth-seventh'], ['7sus4', 'suspended-fourth-seventh'],
  ['5', 'power'],
];

const KIND_OF_SUFFIX: ReadonlyMap<string, string> = new Map(SUFFIXES);
const SUFFIX_OF_KIND: ReadonlyMap<string, string> = new Map([...SUFFIXES].reverse().map(([suffix, kind]) => [kind, suffix]));
/** MusicXML names written with another kind's suffix */
const SAME_SUFFIX: Readonly<Record<string, string>> = { dominant: 'dominant-seventh', 'half-diminished': 'half-diminished-seventh', 'major-minor': 'minor-major-seventh' };

const TEXT = /^([A-G])([#b♯♭]?)([^/]*)(?:\/([A-Ga-g])([#b♯♭]?))?$/;

/** chordSymbolFromText("F#m7/A") → F♯ minor-seventh over A, realized; not a chord symbol ("^Allegro", "Fine") → undefined */
export function chordSymbolFromText(text: string): ChordSymbol | undefined {
  const match = TEXT.exec(text.trim());
  if (!match) return undefined;
  const [, step, accidental, suffix, bassStep, bassAccidental] = match as unknown as [string, string, string, string, string | undefined, string];
  const kind = KIND_OF_SUFFIX.get(suffix.trim());
  if (kind === undefined || !isStep(step)) return undefined;
  const bassLetter = bassStep?.toUpperCase();
  const bass = bassLetter !== undefined && isStep(bassLetter) ? { step: bassLetter, alter: alterOf(bassAccidental) } : undefined;
  const spec: ChordSymbolSpec = { root: { step, alter: alterOf(accidental) }, kind, ...(bass ? { bass } : {}) };
  return { ...spec, figure: chordSymbolFigure(spec), pitches: realizeChordSymbol(spec) };
}

/** chordSymbolText(F♯ minor-seventh over A) → "F#m7/A"; a kind with no printed suffix here → its music21 figure */
export function chordSymbolText(symbol: ChordSymbol): string {
  const suffix = SUFFIX_OF_KIND.get(SAME_SUFFIX[symbol.kind] ?? symbol.kind);
  if (suffix === undefined || symbol.degrees?.length || symbol.kind === 'none') return symbol.kind === 'none' ? 'N.C.' : symbol.figure;
  const bass = symbol.bass && (symbol.bass.step !== symbol.root.step || symbol.bass.alter !== symbol.root.alter) ? `/${rootText(symbol.bass)}` : '';
  return `${rootText(symbol.root)}${suffix}${bass}`;
}

function alterOf(accidental: string): number {
  return accidental === '#' || accidental === '♯' ? 1 : accidental === 'b' || accidental === '♭' ? -1 : 0;
}

function rootText(root: ChordSymbolRoot): string {
  return `${root.step}${root.alter > 0 ? '#'.repeat(root.alter) : 'b'.repeat(-root.alter)}`;
}
