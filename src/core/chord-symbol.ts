/**
 * Chord symbols (MusicXML <harmony>): kind → chord degrees → pitches, realized as music21 10.3 realizes
 * them (`harmony.ChordSymbol`), since music21 counts these pitches as notes and we compare counts with it.
 * Degrees are written as music21 writes them: "-3" a minor third, "#5" an augmented fifth, "--7" a
 * diminished seventh, each relative to the major scale of the root.
 */
import { STEPS, accidentalName, pitch, type Pitch, type Step } from './pitch.js';

export interface ChordSymbolRoot {
  readonly step: Step;
  readonly alter: number;
}

export interface ChordDegree {
  readonly value: number;
  readonly alter: number;
  readonly type: 'add' | 'alter' | 'subtract';
}

export interface ChordSymbolSpec {
  readonly root: ChordSymbolRoot;
  /** MusicXML <kind>: "major", "dominant", "minor-seventh", "none" (N.C.) … */
  readonly kind: string;
  /** how the kind is printed (<kind text="…">) */
  readonly kindText?: string;
  readonly bass?: ChordSymbolRoot;
  readonly inversion?: number;
  readonly degrees?: readonly ChordDegree[];
}

/** kind → [degrees, abbreviation], after music21's harmony.CHORD_TYPES */
const CHORD_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  major: ['1,3,5', ''], minor: ['1,-3,5', 'm'], augmented: ['1,3,#5', '+'], diminished: ['1,-3,-5', 'dim'],
  'dominant-seventh': ['1,3,5,-7', '7'], 'major-seventh': ['1,3,5,7', 'maj7'], 'minor-major-seventh': ['1,-3,5,7', 'mM7'],
  'minor-seventh': ['1,-3,5,-7', 'm7'], 'augmented-major-seventh': ['1,3,#5,7', '+M7'], 'augmented-seventh': ['1,3,#5,-7', '7+'],
  'half-diminished-seventh': ['1,-3,-5,-7', 'ø7'], 'diminished-seventh': ['1,-3,-5,--7', 'o7'], 'seventh-flat-five': ['1,3,-5,-7', 'dom7dim5'],
  'major-sixth': ['1,3,5,6', '6'], 'minor-sixth': ['1,-3,5,6', 'm6'],
  'major-ninth': ['1,3,5,7,9', 'M9'], 'dominant-ninth': ['1,3,5,-7,9', '9'], 'minor-major-ninth': ['1,-3,5,7,9', 'mM9'],
  'minor-ninth': ['1,-3,5,-7,9', 'm9'], 'augmented-major-ninth': ['1,3,#5,7,9', '+M9'], 'augmented-dominant-ninth': ['1,3,#5,-7,9', '9#5'],
  'half-diminished-ninth': ['1,-3,-5,-7,9', 'ø9'], 'half-diminished-minor-ninth': ['1,-3,-5,-7,-9', 'øb9'],
  'diminished-ninth': ['1,-3,-5,--7,9', 'o9'], 'diminished-minor-ninth': ['1,-3,-5,--7,-9', 'ob9'],
  'dominant-11th': ['1,3,5,-7,9,11', '11'], 'major-11th': ['1,3,5,7,9,11', 'M11'], 'minor-major-11th': ['1,-3,5,7,9,11', 'mM11'],
  'minor-11th': ['1,-3,5,-7,9,11', 'm11'], 'augmented-major-11th': ['1,3,#5,7,9,11', '+M11'], 'augmented-11th': ['1,3,#5,-7,9,11', '+11'],
  'half-diminished-11th': ['1,-3,-5,-7,9,11', 'ø11'], 'diminished-11th': ['1,-3,-5,--7,9,11', 'o11'],
  'major-13th': ['1,3,5,7,9,11,13', 'M13'], 'dominant-13th': ['1,3,5,-7,9,11,13', '13'], 'minor-major-13th': ['1,-3,5,7,9,11,13', 'mM13'],
  'minor-13th': ['1,-3,5,-7,9,11,13', 'm13'], 'augmented-major-13th': ['1,3,#5,7,9,11,13', '+M13'],
  'augmented-dominant-13th': ['1,3,#5,-7,9,11,13', '+13'], 'half-diminished-13th': ['1,-3,-5,-7,9,11,13', 'ø13'],
  'suspended-second': ['1,2,5', 'sus2'], 'suspended-fourth': ['1,4,5', 'sus'], 'suspended-fourth-seventh': ['1,4,5,-7', '7sus'],
  Neapolitan: ['1,-2,3,-5', 'N6'], Italian: ['1,#4,-6', 'It+6'], French: ['1,2,#4,-6', 'Fr+6'], German: ['1,-3,#4,-6', 'Gr+6'],
  pedal: ['1', 'pedal'], power: ['1,5', 'power'], Tristan: ['1,#4,#6,#9', 'tristan'],
};

/** MusicXML names music21 maps to its own (other unknown kinds realize as the root alone, as in music21) */
const KIND_ALIASES: Readonly<Record<string, string>> = {
  dominant: 'dominant-seventh',
  'major-minor': 'minor-major-seventh',
  'half-diminished': 'half-diminished-seventh',
};

/** Inversions music21 accepts per kind (harmony.ChordSymbol.inversionIsValid); others add the bass below. */
const SEVENTHS = new Set(['French', 'German', 'Italian', 'Neapolitan', 'Tristan', 'augmented-seventh', 'diminished-seventh', 'dominant-seventh', 'half-diminished', 'major-minor', 'major-seventh', 'minor-seventh']);
const NINTHS = new Set(['dominant-ninth', 'major-ninth', 'minor-ninth']);
const ELEVENTHS = new Set(['dominant-11th', 'major-11th', 'minor-11th']);
const THIRTEENTHS = new Set(['dominant-13th', 'major-13th', 'minor-13th']);

const MAJOR_SCALE_SEMITONES = [0, 2, 4, 5, 7, 9, 11];

interface Member {
  readonly degree: number;
  readonly pitch: Pitch;
}

/** realizeChordSymbol({ root: { step: 'C', alter: 0 }, kind: 'dominant' }) → C3 E3 G3 Bb3 */
export function realizeChordSymbol(spec: ChordSymbolSpec): Pitch[] {
  const kind = KIND_ALIASES[spec.kind] ?? spec.kind;
  if (kind === 'none') return [];
  const degrees = (CHORD_TYPES[kind]?.[0] ?? '1').split(',');
  let members: Member[] = degrees.map((degree) => ({ degree: degreeNumber(degree), pitch: degreePitch(spec.root, degree, 3) }));
  const bass = spec.bass ?? bassOfInversion(spec, members);
  const inverted = bass !== undefined && (bass.step !== spec.root.step || bass.alter !== spec.root.alter);
  const inversion = inverted ? genericInversion(bass, spec.root) : 0;
  const bassAdded = inverted && !inversionIsValid(kind, inversion);
  if (bassAdded) members.push({ degree: 0, pitch: pitch(bass.step, bass.alter, 2) });
  for (const modification of spec.degrees ?? []) members = modify(members, modification, spec.root, degrees);
  let pitches = members.map((member) => member.pitch);
  if (inverted && !bassAdded) pitches = invert(pitches, inversion, bass);
  const realized = placeInRange(pitches).sort((a, b) => diatonic(a) - diatonic(b) || a.midi - b.midi);
  return spec.bass ? withWrittenBass(realized, spec.bass) : realized;
}

/**
 * A written bass that no chord member spells sounds under the chord: F𝄫/C has C natural in the bass, not the
 * C𝄫 its letter inverts to. music21 adds it the same way (Chord.bass with allow_add, at octave 3).
 */
function withWrittenBass(pitches: Pitch[], bass: ChordSymbolRoot): Pitch[] {
  if (pitches.some((p) => p.step === bass.step && p.alter === bass.alter)) return pitches;
  return [pitch(bass.step, bass.alter, 3), ...pitches];
}

/** chordSymbolFigure({ root: { step: 'C', alter: 0 }, kind: 'major-seventh', bass: { step: 'E', alter: 0 } }) → "Cmaj7/E" */
export function chordSymbolFigure(spec: ChordSymbolSpec): string {
  const kind = KIND_ALIASES[spec.kind] ?? spec.kind;
  if (kind === 'none') return 'N.C.';
  const modifications = (spec.degrees ?? []).map((degree) => ` ${degree.type} ${accidentalName(degree.alter)}${degree.value}`).join('');
  const bass = spec.bass && (spec.bass.step !== spec.root.step || spec.bass.alter !== spec.root.alter) ? `/${rootName(spec.bass)}` : '';
  return `${rootName(spec.root)}${CHORD_TYPES[kind]?.[1] ?? ''}${modifications}${bass}`;
}

function rootName(root: ChordSymbolRoot): string {
  return `${root.step}${accidentalName(root.alter)}`;
}

/** "--7" → 7 */
function degreeNumber(degree: string): number {
  return Number(degree.replace(/[-#]/g, ''));
}

/** degreePitch(C, "-3", 3) → Eb3: the degree above the root in its major scale, altered */
function degreePitch(root: ChordSymbolRoot, degree: string, octave: number): Pitch {
  const number = degreeNumber(degree);
  const alteration = (degree.match(/#/g)?.length ?? 0) - (degree.match(/-/g)?.length ?? 0);
  return degreeAbove(root, number, alteration, octave);
}

function degreeAbove(root: ChordSymbolRoot, number: number, alteration: number, octave: number): Pitch {
  const rootIndex = STEPS.indexOf(root.step);
  const steps = rootIndex + number - 1;
  const step = STEPS[steps % 7]!;
  const semitones = MAJOR_SCALE_SEMITONES[(number - 1) % 7]! + 12 * Math.floor((number - 1) / 7) + alteration;
  const natural = pitch(step, 0, octave + Math.floor(steps / 7));
  const target = pitch(root.step, root.alter, octave).midi + semitones;
  return pitch(step, target - natural.midi, natural.octave);
}

/** music21's Chord._findInversion: by letter distance from bass up to root (6 → first, 4 → second …) */
function genericInversion(bass: ChordSymbolRoot, root: ChordSymbolRoot): number {
  const distance = ((STEPS.indexOf(root.step) - STEPS.indexOf(bass.step) + 7) % 7) + 1;
  return ({ 1: 0, 6: 1, 4: 2, 2: 3, 7: 4, 5: 5, 3: 6 } as Record<number, number>)[distance]!;
}

function inversionIsValid(kind: string, inversion: number): boolean {
  if (inversion === 5) return THIRTEENTHS.has(kind) || ELEVENTHS.has(kind);
  if (inversion === 4) return ELEVENTHS.has(kind) || THIRTEENTHS.has(kind) || NINTHS.has(kind);
  if (inversion === 3) return SEVENTHS.has(kind) || NINTHS.has(kind) || ELEVENTHS.has(kind) || THIRTEENTHS.has(kind);
  return (inversion === 1 || inversion === 2) && kind !== 'pedal';
}

function bassOfInversion(spec: ChordSymbolSpec, members: readonly Member[]): ChordSymbolRoot | undefined {
  const member = spec.inversion === undefined ? undefined : members[spec.inversion];
  return member && { step: member.pitch.step, alter: member.pitch.alter };
}

/** music21's inversion voicing: the first `inversion` members go up (two octaves past the third inversion), then whatever is still below the bass. */
function invert(pitches: readonly Pitch[], inversion: number, bass: ChordSymbolRoot): Pitch[] {
  const lowest = diatonic(pitch(bass.step, bass.alter, 3));
  const up = (p: Pitch, octaves: number) => pitch(p.step, p.alter, p.octave + octaves);
  return pitches
    .map((p, index) => (index < inversion ? up(p, inversion > 3 ? 2 : 1) : p))
    .map((p) => (diatonic(p) < lowest ? up(p, 1) : p));
}

/** <degree> add/alter/subtract, as harmony.ChordSymbol._adjustPitchesForChordStepModifications */
function modify(members: Member[], modification: ChordDegree, root: ChordSymbolRoot, degrees: readonly string[]): Member[] {
  const index = members.findIndex((member) => member.degree === modification.value);
  if (modification.type === 'subtract') return index < 0 ? members : members.filter((_, at) => at !== index);
  if (modification.type === 'alter' && index >= 0) {
    const old = members[index]!.pitch;
    const altered = pitch(old.step, old.alter + modification.alter, old.octave);
    return members.map((member, at) => (at === index ? { ...member, pitch: altered } : member));
  }
  // add (and alter of a degree the chord lacks): relative to a dominant chord, whose seventh is minor
  const seventhFlat = modification.value === 7 ? -1 : 0;
  const added = { degree: modification.value, pitch: degreeAbove(root, modification.value, modification.alter + seventhFlat, 3) };
  if (degrees.includes(String(modification.value)) && index >= 0) return members.map((member, at) => (at === index ? added : member));
  return [...members, added];
}

function diatonic(p: Pitch): number {
  return p.octave * 7 + STEPS.indexOf(p.step);
}

/** music21 keeps chord symbols between A1 and D4: octaves move together until they fit. */
function placeInRange(pitches: Pitch[]): Pitch[] {
  let shift = 0;
  const HIGH_D = diatonic(pitch('D', 0, 4));
  const LOW_A = diatonic(pitch('A', 0, 1));
  while (pitches.some((p) => diatonic(p) + shift * 7 > HIGH_D)) shift--;
  while (pitches.some((p) => diatonic(p) + shift * 7 < LOW_A)) shift++;
  return shift === 0 ? pitches : pitches.map((p) => pitch(p.step, p.alter, p.octave + shift));
}

/** how lead sheets also write the kinds chordSymbolFigure abbreviates otherwise */
const WRITTEN_KINDS: Readonly<Record<string, string>> = {
  M: 'major', maj: 'major', min: 'minor', '-': 'minor', aug: 'augmented', M7: 'major-seventh', '-7': 'minor-seventh', min7: 'minor-seventh',
  dim7: 'diminished-seventh', m7b5: 'half-diminished-seventh', sus4: 'suspended-fourth', '7sus4': 'suspended-fourth-seventh', maj9: 'major-ninth', maj13: 'major-13th',
};
const KIND_OF_ABBREVIATION: ReadonlyMap<string, string> = new Map([
  ...Object.entries(CHORD_TYPES).map(([kind, [, abbreviation]]) => [abbreviation, kind] as const).reverse(),
  ...Object.entries(WRITTEN_KINDS),
]);
const ROOT = '([A-G])(##|#|bb|b)?';
const FIGURE = new RegExp(`^\\s*${ROOT}([^/]*?)(?:/${ROOT})?\\s*$`);

/** parseChordSymbolFigure("F#m7/A") → { root: F#, kind: "minor-seventh", bass: A }; undefined for what is not a chord symbol */
export function parseChordSymbolFigure(text: string): ChordSymbolSpec | undefined {
  const match = FIGURE.exec(text);
  const kind = match ? KIND_OF_ABBREVIATION.get(match[3]!.trim()) : undefined;
  if (!match || kind === undefined) return undefined;
  const alterOf = (accidental: string | undefined) => (accidental ?? '').replace(/b/g, '-').split('').reduce((sum, sign) => sum + (sign === '#' ? 1 : -1), 0);
  const root: ChordSymbolRoot = { step: match[1] as Step, alter: alterOf(match[2]) };
  const bass: ChordSymbolRoot | undefined = match[4] ? { step: match[4] as Step, alter: alterOf(match[5]) } : undefined;
  return bass ? { root, kind, bass } : { root, kind };
}
