/**
 * Harmonic analysis from the notes alone: chords chosen slot by slot by a learned chord model with
 * non-chord tones tolerated (chord-match.ts, chord-model.ts), grouped into harmonies wherever the chord or its bass changes on a beat, local keys
 * found over those harmonies (local-keys.ts); then the chords are chosen again, each weighed by how usual
 * it is in the key found there (analysts' counts, key-chord-model.ts), and the keys found again from
 * them; each harmony is named by a roman numeral in its key — applied dominants and leading-tone chords
 * as "V7/V", "viio7/ii".
 */
import { STEPS, accidentalName, stepName, type Pitch } from '../core/pitch.js';
import { compare, sub, toNumber, type Rational } from '../core/rational.js';
import type { Score } from '../core/score.js';
import { spellMidi } from '../core/spelling.js';
import { chooseChords, chordFits, type ChordChoice, type ChordPrior } from './chord-match.js';
import { augmentedSixth, cadentialSixFours, chromaticKind, type ChromaticKind } from './chromatic-chords.js';
import { CHORD_IN_KEY, CHORD_QUALITY_ORDER } from './key-chord-model.js';
import { harmonySlots, type Slot } from './harmony-slots.js';
import { analyzeKey } from './key.js';
import { linePosition, openingSignature, spellKey } from './key-spelling.js';
import { keyFeatures, keyLogits, signaturesByMeasure } from './key-model.js';
import { logSoftmax } from './chord-model.js';
import { ALL_KEYS, chooseKeys, inScale, type KeyChoice } from './local-keys.js';
import { parseKeyName, romanFigure } from './roman.js';

export interface Harmony {
  /** from the start of the score, in quarter notes */
  readonly offset: Rational;
  readonly duration: Rational;
  readonly measureIndex: number;
  readonly measure: string;
  /** 1-based beat, fractional between beats */
  readonly beat: number;
  /** local key, e.g. "G major" */
  readonly key: string;
  /** roman numeral in the local key, music21/RomanText spelling: "V65", "viio6", "V7/V" */
  readonly figure: string;
  readonly root: string;
  readonly quality: string;
  readonly bass: string;
  /** the chord's pitches as sounding at its start, lowest first */
  readonly pitches: readonly Pitch[];
  /** the highest note at its start */
  readonly soprano?: Pitch;
  /** a fermata falls within it: the end of a phrase in a chorale */
  readonly fermata: boolean;
  /** tonic, predominant or dominant function, from the numeral (applied chords are dominants) */
  readonly function: HarmonicFunction;
  /** what kind of chromatic chord it is, if any: augmented sixth, Neapolitan, mixture, applied, cadential six-four */
  readonly chromatic?: ChromaticKind;
}

export type HarmonicFunction = 'T' | 'PD' | 'D' | '?';

export interface HarmonyOptions {
  /** "local" (default): keys found along the piece; "global": every figure in the key of the whole piece */
  readonly keys?: 'local' | 'global';
}

export interface Stretch {
  readonly slots: readonly Slot[];
  readonly chord: ChordChoice;
  readonly bass: number;
}

const KEY_WINDOW_QUARTERS = 8;

/** analyzeHarmony(bwv269) → [{ measure: "0", beat: 3, key: "G major", figure: "I" }, …] */
export function analyzeHarmony(score: Score, options: HarmonyOptions = {}): Harmony[] {
  return harmonyAnalysis(score, options).harmonies;
}

/** what the analysis found on its way to the harmonies: their stretches of slots, the chord and key evidence, and their keys */
export interface HarmonyAnalysis {
  readonly harmonies: Harmony[];
  readonly slots: readonly Slot[];
  readonly stretches: readonly Stretch[];
  /** per slot, each chord's fit (chord-match.ts's chordFits) */
  readonly fits: readonly Float64Array[];
  /** how usual each chord is in the key first found at a slot */
  readonly prior: ChordPrior;
  /** per slot, the learned key model's log probabilities (absent with one global key) */
  readonly learned?: ReadonlyMap<Slot, Float64Array>;
  /** the key of each stretch, spelled */
  readonly keys: readonly KeyChoice[];
}

/** harmonyAnalysis(score) → the harmonies and what they were found from (chord-alternatives weighs other readings from it) */
export function harmonyAnalysis(score: Score, options: HarmonyOptions = {}): HarmonyAnalysis {
  const slots = harmonySlots(score);
  const fits = chordFits(slots);
  const firstChords = chooseChords(slots, () => 0, fits);
  const heard = group(slots, firstChords);
  if (options.keys === 'global') {
    const key = globalKey(score, slots);
    const harmonies = nameChromaticChords(heard.map((stretch) => describe(stretch, key)));
    return { harmonies, slots, stretches: heard, fits, prior: () => 0, keys: heard.map(() => key) };
  }
  const signatures = signaturesByMeasure(score);
  const learned = slotKeyLogProbabilities(slots, signatures, firstChords);
  const firstKeys = localKeys(heard, slots, signatures, learned);
  // the chords heard again, each slot weighing how usual each chord is in the key found there (I6 rather than iii, V7 rather than V)
  const keyOfSlot = new Map<Slot, KeyChoice>();
  heard.forEach((stretch, index) => stretch.slots.forEach((slot) => keyOfSlot.set(slot, firstKeys[index]!)));
  const slotKeys = slots.map((slot) => keyOfSlot.get(slot));
  const prior: ChordPrior = (index, chord) => chordInKeyPrior(slotKeys[index], chord);
  const stretches = group(slots, chooseChords(slots, prior, fits));
  // and the keys found again from those chords
  const keys = localKeys(stretches, slots, signatures, learned);
  const spelled = spellKeys(keys, stretches, score);
  const harmonies = nameChromaticChords(stretches.map((stretch, index) => describe(stretch, spelled[index]!)));
  return { harmonies, slots, stretches, fits, prior, learned, keys: spelled };
}

/**
 * Every chromatic chord tagged with its kind; a cadential six-four keeps its figure "I64" (the Bach
 * chorales' and lieder analysts' spelling; the sonatas' and quartets' write "Cad64": see bench/results.md)
 * and is tagged, a dominant in function.
 */
function nameChromaticChords(harmonies: Harmony[]): Harmony[] {
  for (const index of cadentialSixFours(harmonies)) harmonies[index] = { ...harmonies[index]!, function: 'D', chromatic: 'cadential six-four' };
  return harmonies.map((harmony) => {
    if (harmony.chromatic) return harmony;
    const kind = harmony.figure ? chromaticKind(harmony.figure, parseKeyName(harmony.key).mode) : undefined;
    return kind ? { ...harmony, chromatic: kind } : harmony;
  });
}

/** how much the key's chord counts weigh against the notes in hearing chords again, chosen on the tuning fold */
const KEY_PRIOR_WEIGHT = 0.1;
/** the triad each quality of chord-match.ts stands on: a seventh chord is weighed with its triad */
const TRIAD_OF: Readonly<Record<string, string>> = {
  major: 'major',
  minor: 'minor',
  diminished: 'diminished',
  'dominant seventh': 'major',
  'minor seventh': 'minor',
  'half-diminished seventh': 'diminished',
  'diminished seventh': 'diminished',
  'major seventh': 'major',
};

/**
 * TRIAD_IN_KEY[mode][root − tonic][triad]: the counted log probability of a chord on that root and
 * triad, seventh or not (V and V7 together), so the prior picks the root (I6 over iii) and leaves the
 * seventh to the notes.
 */
const TRIAD_IN_KEY: readonly (readonly Map<string, number>[])[] = CHORD_IN_KEY.map((byRoot) =>
  byRoot.map((byQuality) => {
    const sums = new Map<string, number>();
    CHORD_QUALITY_ORDER.forEach((quality, index) => sums.set(TRIAD_OF[quality]!, (sums.get(TRIAD_OF[quality]!) ?? 0) + Math.exp(byQuality[index]!)));
    return new Map([...sums].map(([triad, probability]) => [triad, Math.log(probability)]));
  }),
);

/** the counted log probability of the chord's root and triad in the key, weighted; nothing where no key is known */
function chordInKeyPrior(key: KeyChoice | undefined, chord: ChordChoice): number {
  const triad = TRIAD_OF[chord.quality.name];
  if (!key || triad === undefined) return 0;
  return KEY_PRIOR_WEIGHT * TRIAD_IN_KEY[key.mode === 'major' ? 0 : 1]![(chord.root - key.tonic + 12) % 12]!.get(triad)!;
}

function localKeys(stretches: readonly Stretch[], slots: readonly Slot[], signatures: readonly (number | undefined)[], learned: ReadonlyMap<Slot, Float64Array>): KeyChoice[] {
  return chooseKeys(
    stretches.map((stretch, index) => ({
      signature: signatures[stretch.slots[0]!.measureIndex],
      window: windowAround(slots, stretch),
      chord: stretch.chord.pitchClasses,
      chordRoot: stretch.chord.root,
      chordQuality: stretch.chord.quality.name,
      quarters: toNumber(sub(stretch.slots[stretch.slots.length - 1]!.end, stretch.slots[0]!.start)),
      ...cadenceTonic(stretches, index),
      ...(index === 0 ? openingTonic(stretch) : {}),
      learned: meanOf(stretch.slots.map((slot) => learned.get(slot)!)),
    })),
  );
}

/** the learned key model's log probabilities of the 24 keys at each slot, given the chords first heard there */
function slotKeyLogProbabilities(slots: readonly Slot[], signatures: readonly (number | undefined)[], chords: readonly (ChordChoice | undefined)[]): Map<Slot, Float64Array> {
  const features = keyFeatures(slots, slots.map((slot) => signatures[slot.measureIndex]), chords);
  return new Map(slots.map((slot, index) => [slot, logSoftmax(keyLogits(features[index]!))]));
}

function meanOf(rows: readonly Float64Array[]): Float64Array {
  const mean = new Float64Array(rows[0]!.length);
  for (const row of rows) row.forEach((value, index) => (mean[index]! += value / rows.length));
  return mean;
}

/**
 * Each run of one key is spelled from the notes written in it (D♭ major, not C♯ major), so figures are
 * counted from the tonic as written.
 */
function spellKeys(keys: readonly KeyChoice[], stretches: readonly Stretch[], score: Score): KeyChoice[] {
  const signature = openingSignature(score);
  const spelled: KeyChoice[] = [];
  for (let start = 0; start < keys.length; ) {
    let end = start;
    while (end < keys.length && keys[end] === keys[start]) end++;
    const pitches = stretches.slice(start, end).flatMap((stretch) => stretch.slots.flatMap((slot) => slot.pitches));
    const key = keys[start]!;
    const name = spellKey(key.tonic, key.mode, pitches, signature).name;
    for (let index = start; index < end; index++) spelled.push({ ...key, name });
    start = end;
  }
  return spelled;
}

function globalKey(score: Score, slots: readonly Slot[]): KeyChoice {
  const found = analyzeKey(score);
  const key = ALL_KEYS.find((candidate) => candidate.name === found.name)!;
  return { ...key, name: spellKey(key.tonic, key.mode, slots.flatMap((slot) => slot.pitches), openingSignature(score)).name };
}

/** T for I, vi, iii; PD for ii and IV and augmented sixths; D for V and vii, and for every applied chord */
export function harmonicFunction(figure: string): HarmonicFunction {
  if (figure.includes('/')) return 'D';
  if (/^(It|Fr|Ger|Sw)/.test(figure)) return 'PD';
  const degree = /^[b#]?(VII|vii|III|iii|IV|iv|VI|vi|II|ii|V|v|I|i)/.exec(figure)?.[1]?.toUpperCase();
  if (degree === 'I' || degree === 'VI' || degree === 'III') return 'T';
  if (degree === 'II' || degree === 'IV') return 'PD';
  if (degree === 'V' || degree === 'VII') return 'D';
  return '?';
}

const DOMINANTS = new Set(['major', 'dominant seventh']);

/**
 * A dominant moving to a chord a fifth below, arriving in root position, confirms that chord's root as
 * tonic, for both stretches; a six-four arrival (V–I64) passes on, it does not close.
 */
function cadenceTonic(stretches: readonly Stretch[], index: number): { cadenceTonic?: number } {
  const resolves = (from: Stretch | undefined, to: Stretch | undefined) =>
    from !== undefined &&
    to !== undefined &&
    DOMINANTS.has(from.chord.quality.name) &&
    (from.chord.root + 5) % 12 === to.chord.root &&
    to.chord.quality.intervals.length === 3 &&
    to.bass === to.chord.root;
  const [previous, current, next] = [stretches[index - 1], stretches[index], stretches[index + 1]];
  if (resolves(previous, current)) return { cadenceTonic: current!.chord.root };
  if (resolves(current, next)) return { cadenceTonic: next!.chord.root };
  return {};
}

/** A piece mostly opens on its tonic chord: a first triad proposes its root as the tonic. */
function openingTonic(first: Stretch): { openingTonic?: number } {
  return first.chord.quality.intervals.length === 3 ? { openingTonic: first.chord.root } : {};
}

/** Consecutive slots with one chord and, on the beat, one bass make one harmony. */
function group(slots: readonly Slot[], chords: readonly (ChordChoice | undefined)[]): Stretch[] {
  const stretches: { slots: Slot[]; chord: ChordChoice; bass: number }[] = [];
  slots.forEach((slot, index) => {
    const chord = chords[index];
    if (!chord) return;
    const bass = chordBass(slot, chord);
    const last = stretches[stretches.length - 1];
    const contiguous = last && compare(last.slots[last.slots.length - 1]!.end, slot.start) === 0;
    const sameBass = last?.bass === bass || slot.strength < 2 || bass === undefined;
    if (last && contiguous && last.chord === chord && sameBass) last.slots.push(slot);
    else stretches.push({ slots: [slot], chord, bass: bass ?? chord.root });
  });
  return stretches;
}

export function chordBass(slot: Slot, chord: ChordChoice): number | undefined {
  if (slot.bass && chord.pitchClasses.has(slot.bass.pitchClass)) return slot.bass.pitchClass;
  const lowest = [...slot.pitches].sort((a, b) => a.midi - b.midi).find((pitch) => chord.pitchClasses.has(pitch.pitchClass));
  return lowest?.pitchClass;
}

function windowAround(slots: readonly Slot[], stretch: Stretch): number[] {
  const from = toNumber(stretch.slots[0]!.start) - KEY_WINDOW_QUARTERS / 2;
  const to = toNumber(stretch.slots[stretch.slots.length - 1]!.end) + KEY_WINDOW_QUARTERS / 2;
  const window = new Array<number>(12).fill(0);
  for (const slot of slots) {
    const at = toNumber(slot.start);
    if (at < from || at >= to) continue;
    const length = toNumber(sub(slot.end, slot.start));
    slot.weights.forEach((weight, pitchClass) => (window[pitchClass]! += weight * length));
  }
  return window;
}

/** nameReading(stretch, key) → the stretch's chord named in the key, as a harmony is named (without the augmented-sixth reading of its pitches) */
export function nameReading(stretch: Stretch, key: KeyChoice): Pick<Harmony, 'key' | 'figure' | 'root' | 'quality' | 'bass'> {
  const pitches = chordPitches(stretch);
  const figure = pitches.length > 0 ? figureIn(voicedAboveBass(pitches), stretch.chord, key) : '';
  return { key: key.name, figure, root: rootName(pitches, stretch.chord.root, key), quality: stretch.chord.quality.name, bass: pitches[0] ? stepName(pitches[0]) : '' };
}

function describe(stretch: Stretch, key: KeyChoice): Harmony {
  const first = stretch.slots[0]!;
  const sixth = augmentedSixthAt(first, key);
  if (sixth) {
    const harmony = describeChord(stretch, key, sixth.pitches, sixth.figure, sixth.quality);
    return sixth.root ? { ...harmony, root: sixth.root } : harmony;
  }
  const pitches = chordPitches(stretch);
  const figure = pitches.length > 0 ? figureIn(voicedAboveBass(pitches), stretch.chord, key) : '';
  return describeChord(stretch, key, pitches, figure, stretch.chord.quality.name);
}

/**
 * An augmented sixth sounding at a harmony's start is named as one ("Fr43", not the V7/V the nearest of
 * the chord model's chords would make of it), all its sounding pitches its chord tones.
 */
function augmentedSixthAt(slot: Slot, key: KeyChoice) {
  const pitches = distinctPitches(slot.pitches);
  const found = pitches.length >= 3 ? augmentedSixth(voicedAboveBass(pitches), parseKeyName(key.name)) : undefined;
  if (!found) return undefined;
  const flatSixth = pitches.find((pitch) => (pitch.pitchClass - key.tonic + 12) % 12 === 8);
  // rooted, as roman-label.ts reads "It6", on the lowered sixth degree
  return { pitches, figure: found.figure, quality: found.quality, root: flatSixth && stepName(flatSixth) };
}

/** pitches lowest first, each pitch class once (its lowest sounding) */
function distinctPitches(pitches: readonly Pitch[]): Pitch[] {
  const seen = new Set<number>();
  return [...pitches].sort((a, b) => a.midi - b.midi).filter((pitch) => !seen.has(pitch.pitchClass) && seen.add(pitch.pitchClass));
}

function describeChord(stretch: Stretch, key: KeyChoice, pitches: readonly Pitch[], figure: string, quality: string): Harmony {
  const first = stretch.slots[0]!;
  const last = stretch.slots[stretch.slots.length - 1]!;
  return {
    offset: first.start,
    duration: sub(last.end, first.start),
    measureIndex: first.measureIndex,
    measure: first.measure,
    beat: first.beat,
    key: key.name,
    figure,
    root: rootName(pitches, stretch.chord.root, key),
    quality,
    bass: pitches[0] ? stepName(pitches[0]) : '',
    pitches: [...pitches],
    ...(first.soprano ? { soprano: first.soprano } : {}),
    fermata: stretch.slots.some((slot) => slot.fermata),
    function: harmonicFunction(figure),
  };
}

/** The chord's tones as written, from the first slots of the stretch, bass first, each pitch class once. */
function chordPitches(stretch: Stretch): Pitch[] {
  const found = new Map<number, Pitch>();
  for (const slot of stretch.slots) {
    for (const pitch of [...slot.pitches].sort((a, b) => a.midi - b.midi)) {
      if (stretch.chord.pitchClasses.has(pitch.pitchClass) && !found.has(pitch.pitchClass)) found.set(pitch.pitchClass, pitch);
    }
  }
  const bass = found.get(stretch.bass);
  const upper = [...found.values()].filter((pitch) => pitch !== bass).sort((a, b) => a.midi - b.midi);
  return bass ? [bass, ...upper] : upper;
}

/** voicedAboveBass([C4, E3]) → [C4, E4]: the same pitches with every upper one raised above the bass, as a figure reads them */
export function voicedAboveBass(pitches: readonly Pitch[]): Pitch[] {
  const [bass, ...upper] = pitches;
  if (!bass) return [];
  const raise = (pitch: Pitch): Pitch => {
    const octaves = pitch.midi < bass.midi ? Math.ceil((bass.midi - pitch.midi) / 12) : 0;
    return octaves === 0 ? pitch : { ...pitch, octave: pitch.octave + octaves, midi: pitch.midi + 12 * octaves };
  };
  return [bass, ...upper.map(raise)];
}

/** Dominant-function chords foreign to the key are named as applied chords of the degree they lead to. */
function figureIn(pitches: readonly Pitch[], chord: ChordChoice, key: KeyChoice): string {
  const keyName = parseKeyName(key.name);
  const diatonic = [...chord.pitchClasses].every((pitchClass) => inScale(key, pitchClass));
  const applied = appliedTarget(chord, key);
  if (diatonic || applied === undefined) return romanFigure(pitches, keyName, 'romantext');
  const targetKey = parseKeyName(`${spellDegree(key, applied.degree)} ${applied.mode}`);
  return `${romanFigure(pitches, targetKey, 'romantext')}/${applied.numeral}`;
}

interface AppliedTarget {
  readonly degree: number;
  readonly mode: 'major' | 'minor';
  readonly numeral: string;
}

const MAJOR_DEGREES = [0, 2, 4, 5, 7, 9, 11];
const MINOR_DEGREES = [0, 2, 3, 5, 7, 8, 10];
const NUMERALS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
/** quality of the triad on each degree: major keys ii, iii, vi minor; minor keys III, V (harmonic), VI, VII major */
const MAJOR_TRIADS: Readonly<Record<'major' | 'minor', readonly boolean[]>> = {
  major: [true, false, false, true, true, false, false],
  minor: [false, false, true, false, true, true, true],
};

function appliedTarget(chord: ChordChoice, key: KeyChoice): AppliedTarget | undefined {
  const name = chord.quality.name;
  const dominant = name === 'major' || name === 'dominant seventh';
  const leadingTone = name === 'diminished' || name === 'diminished seventh' || name === 'half-diminished seventh';
  // a major tonic in minor is a Picardy third (or a tonic major), not V/iv
  if ((!dominant && !leadingTone) || (name === 'major' && chord.root === key.tonic)) return undefined;
  const targetPitchClass = (chord.root + (dominant ? 5 : 1)) % 12;
  const degrees = key.mode === 'major' ? MAJOR_DEGREES : MINOR_DEGREES;
  const degree = degrees.indexOf((targetPitchClass - key.tonic + 12) % 12);
  if (degree <= 0 || (key.mode === 'major' && degree === 6) || (key.mode === 'minor' && degree === 1)) return undefined;
  const major = MAJOR_TRIADS[key.mode][degree]!;
  return { degree, mode: major ? 'major' : 'minor', numeral: major ? NUMERALS[degree]! : NUMERALS[degree]!.toLowerCase() };
}

/** spellDegree(G major, 4) → "D": the letter `degree` steps above the tonic, altered to fit the key */
function spellDegree(key: KeyChoice, degree: number): string {
  const tonic = parseKeyName(key.name).tonic;
  const step = STEPS[(STEPS.indexOf(tonic.step) + degree) % 7]!;
  const natural = [0, 2, 4, 5, 7, 9, 11][STEPS.indexOf(step)]!;
  const target = (key.tonic + (key.mode === 'major' ? MAJOR_DEGREES : MINOR_DEGREES)[degree]!) % 12;
  const alter = ((((target - natural) % 12) + 18) % 12) - 6;
  return `${step}${accidentalName(alter)}`;
}

/**
 * rootName([Ab3, C4, Eb4], 8, key) → "Ab": the root as the score spells it, accidental included (as `bass`
 * is); a root the chord model hears but no note sounds (an incomplete chord) is spelled as the key would
 */
function rootName(pitches: readonly Pitch[], rootPitchClass: number, key: KeyChoice): string {
  const root = pitches.find((pitch) => pitch.pitchClass === rootPitchClass);
  if (root) return stepName(root);
  const { tonic, mode } = parseKeyName(key.name);
  return stepName(spellMidi(60 + rootPitchClass, linePosition(tonic) + (mode === 'minor' ? -3 : 0)));
}
