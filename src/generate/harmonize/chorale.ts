/**
 * Four-part chorale harmonization of a melody: a dynamic-programming search (Viterbi) over the voicings
 * of every chord that fits each melody note, adding up what each chord costs in itself (doubling,
 * inversion), after the previous one (progression, part writing) and at phrase ends (cadence). The
 * cheapest path wins; a seed only breaks near-ties, so a seed always gives the same harmonization.
 */
import { romanFigure } from '../../analysis/roman.js';
import { CadenzaError } from '../../core/errors.js';
import { pitchName } from '../../core/pitch.js';
import { toNumber } from '../../core/rational.js';
import { seededRandom } from '../random.js';
import { chordsInKey, fifthsOf, pitchClassOf, spelledPitch, type ChordChoice, type HarmonizerKey } from './chords.js';
import type { Melody, MelodySlot } from './melody.js';
import { motionCost } from './motion.js';
import { cadenceCost, FORBIDDEN, progressionCost } from './progression.js';
import { voicingsFor, type Voicing } from './voicings.js';

export interface HarmonizedSlot {
  readonly slot: MelodySlot;
  readonly voicing: Voicing;
  /** the roman numeral with its inversion, RomanText spelling: "V65", "viio6", "V7/V" */
  readonly figure: string;
}

/** how many of the cheapest paths each slot keeps: bounds the work per slot whatever the vocabulary */
const BEAM = 60;
const NOISE = 0.05;

/**
 * The chords around a passage being reharmonized, kept as they are: the search leads into the passage
 * from `before` and out of it to `after`, by the same rules as inside it.
 */
export interface Surroundings {
  readonly before?: Voicing;
  readonly after?: Voicing;
}

interface State {
  readonly voicing: Voicing;
  readonly cost: number;
  readonly back: number;
  /** reached by a cadence (its best path): a phrase may end by holding this chord under its last note */
  readonly cadential: boolean;
}

/** harmonizeChorale(melodyOf(score, soprano), G major, 1) → a voicing and figure per slot */
export function harmonizeChorale(melody: Melody, key: HarmonizerKey, seed: number, surroundings: Surroundings = {}): HarmonizedSlot[] {
  const random = seededRandom(seed);
  const vocabulary = chordsInKey(key);
  const tonicPitchClass = pitchClassOf(key.tonic);
  const layers: State[][] = [];
  melody.slots.forEach((slot, index) => {
    const candidates = voicedOrRefused(slot, vocabulary).map((voicing) => ({ voicing, own: voicing.cost + chromaticCost(voicing.chord, slot, key) + random.next() * NOISE }));
    const previous = layers[index - 1];
    const layer = candidates.map(({ voicing, own }): State => {
      if (!previous) return { voicing, cost: own + openingCost(voicing, surroundings.before), back: -1, cadential: false };
      const before = melody.slots[index - 1]!;
      const sopranoEnd = before.notes[before.notes.length - 1]!.pitch.midi;
      let best = { cost: Infinity, back: -1 };
      previous.forEach((state, back) => {
        const cost = state.cost + stepCost(state, sopranoEnd, voicing, slot, before, tonicPitchClass);
        if (cost < best.cost) best = { cost, back };
      });
      const from = previous[best.back]!.voicing;
      const cadential = melody.slots[index + 1]?.phraseEnd === true && cadenceCost(from, voicing, false, voicing.midi[0] % 12 === tonicPitchClass) < FORBIDDEN;
      return { voicing, cost: best.cost + own, back: best.back, cadential };
    });
    layers.push(layer.sort((a, b) => a.cost - b.cost).slice(0, BEAM));
  });
  if (surroundings.after && layers.length > 0) layers.push(closedBy(layers.pop()!, melody.slots[melody.slots.length - 1]!, surroundings.after));
  return backtrack(layers, melody.slots, key);
}

/** what a kept chord is called when the key's vocabulary has no name for it */
const UNNAMED = 'kept';

/**
 * keptVoicing([67, 62, 59, 43], vocabulary) → the kept chord as the search sees it: the vocabulary's chord
 * of those pitch classes when there is one (so its leading tone and seventh still resolve), else a chord
 * with no name and no obligations
 */
export function keptVoicing(midi: readonly [number, number, number, number], vocabulary: readonly ChordChoice[]): Voicing {
  const pitchClasses = midi.map((note) => ((note % 12) + 12) % 12);
  const named = vocabulary.find((chord) => !chord.chromatic && pitchClasses.every((pitchClass) => chord.pitchClasses.includes(pitchClass)))
    ?? vocabulary.find((chord) => pitchClasses.every((pitchClass) => chord.pitchClasses.includes(pitchClass)));
  const chord: ChordChoice = named ?? { numeral: UNNAMED, members: [], pitchClasses, function: 'T', degree: 1, chromatic: true, firstInversionOnly: false };
  const [soprano, alto, tenor, bass] = pitchClasses.map((pitchClass) => (named ? chord.pitchClasses.indexOf(pitchClass) : -1));
  return { chord, midi, members: [soprano!, alto!, tenor!, bass!], inversion: Math.max(0, bass!), cost: 0 };
}

/** a piece opens on its tonic; a passage inside one continues from the chord before it */
function openingCost(voicing: Voicing, before: Voicing | undefined): number {
  if (before) return motionCost(before, before.midi[0], voicing) + boundaryProgressionCost(before.chord, voicing.chord);
  return voicing.chord.degree === 1 && voicing.chord.target === undefined ? 0 : 1.5;
}

/** the last layer, re-ranked by what leading on to the following (kept) chord costs */
function closedBy(last: readonly State[], slot: MelodySlot, after: Voicing): State[] {
  const sopranoEnd = slot.notes[slot.notes.length - 1]!.pitch.midi;
  return last
    .map((state) => ({ ...state, cost: state.cost + motionCost(state.voicing, sopranoEnd, after) + boundaryProgressionCost(state.voicing.chord, after.chord) }))
    .sort((a, b) => a.cost - b.cost);
}

/** a kept chord the key's vocabulary cannot name has no progression to weigh, only its voices */
function boundaryProgressionCost(from: ChordChoice, to: ChordChoice): number {
  return from.numeral === UNNAMED || to.numeral === UNNAMED ? 0 : progressionCost(from, to);
}

/** chromatic chords colour a harmonization, sparingly; a major tonic in minor belongs to the last chord */
function chromaticCost(chord: ChordChoice, slot: MelodySlot, key: HarmonizerKey): number {
  if (!chord.chromatic) return 0;
  return key.mode === 'minor' && chord.numeral === 'I' && !slot.final ? 3 : 0.5;
}

function stepCost(from: State, sopranoEnd: number, after: Voicing, slot: MelodySlot, previousSlot: MelodySlot, tonicPitchClass: number): number {
  const before = from.voicing;
  const newPhrase = previousSlot.phraseEnd;
  let cost = motionCost(before, sopranoEnd, after) + progressionCost(before.chord, after.chord) * (newPhrase ? 0.3 : 1);
  if (before.chord === after.chord) cost += slot.downbeat ? 1.5 : 0.8;
  if (slot.phraseEnd) cost += holdsArrival(from, after, slot) ? HELD_ARRIVAL : cadenceCost(before, after, slot.final, after.midi[0] % 12 === tonicPitchClass);
  return cost;
}

/** what ending a phrase on the chord its cadence arrived at one beat earlier costs (Bach does it often) */
const HELD_ARRIVAL = 0.5;

/** the phrase's last note sounds over the chord a cadence has just reached, in root position; the piece's last chord is a tonic */
function holdsArrival(from: State, after: Voicing, slot: MelodySlot): boolean {
  const { chord, inversion } = from.voicing;
  if (!from.cadential || chord !== after.chord || inversion !== 0 || after.inversion !== 0) return false;
  return !slot.final || (chord.degree === 1 && chord.target === undefined);
}

/** the voicings of every chord that holds the slot's melody note, keeping passing notes above the alto */
function candidatesFor(slot: MelodySlot, vocabulary: readonly ChordChoice[]): Voicing[] {
  const soprano = slot.notes[0]!.pitch;
  const fits = (voicing: Voicing) => slot.notes.every((note) => note.pitch.midi > voicing.midi[1] && note.pitch.midi - voicing.midi[1] <= 12);
  const inKey = vocabulary.flatMap((chord) => voicingsFor(chord, soprano.midi)).filter(fits);
  if (inKey.length > 0) return inKey;
  return chromaticTriads(fifthsOf(soprano)).flatMap((chord) => voicingsFor(chord, soprano.midi)).filter(fits);
}

/** the slot's voicings; none means the note lies where no alto, tenor and bass fit under it (C2, or C7) */
function voicedOrRefused(slot: MelodySlot, vocabulary: readonly ChordChoice[]): Voicing[] {
  const voicings = candidatesFor(slot, vocabulary);
  if (voicings.length > 0) return voicings;
  const note = pitchName(slot.notes[0]!.pitch);
  throw new CadenzaError('INVALID_ARGUMENT', `The melody's ${note} (at quarter ${toNumber(slot.start)}) cannot be the top of a four-part chorale: no alto (G3–D5), tenor (C3–G4) and bass (E2–C4) fit under it.`, {
    hint: 'Transpose the melody into the soprano range (C4–G5), or harmonize it in the pop or jazz style.',
  });
}

/** major and minor triads holding a note the key's chords do not: it may be their root, third or fifth */
function chromaticTriads(note: number): ChordChoice[] {
  const triads = [[note, note + 4, note + 1], [note, note - 3, note + 1], [note - 4, note, note - 3], [note + 3, note + 7, note + 4], [note - 1, note + 3, note], [note - 1, note - 4, note]];
  return triads.map((members) => ({
    numeral: '?',
    members,
    pitchClasses: members.map(pitchClassOf),
    function: 'T' as const,
    degree: 1,
    chromatic: true,
    firstInversionOnly: false,
  }));
}

function backtrack(layers: readonly State[][], slots: readonly MelodySlot[], key: HarmonizerKey): HarmonizedSlot[] {
  const chosen: HarmonizedSlot[] = [];
  let index = 0;
  for (let layer = layers.length - 1; layer >= 0; layer--) {
    const state = layers[layer]![index]!;
    chosen.push({ slot: slots[layer]!, voicing: state.voicing, figure: figureOf(state.voicing, key) });
    index = state.back;
  }
  return chosen.reverse();
}

const TRIAD_INVERSIONS = ['', '6', '64'];
const SEVENTH_INVERSIONS = ['7', '65', '43', '42'];

/** figureOf(V7 with its third in the bass) → "V65"; an applied chord keeps its target: "V43/V" */
export function figureOf(voicing: Voicing, key: HarmonizerKey): string {
  const { chord, inversion } = voicing;
  if (chord.numeral === '?') return romanFigure(pitchesOf(voicing), { tonic: spelledPitch(key.tonic, 60), mode: key.mode }, 'romantext');
  const [head, target] = chord.numeral.split('/');
  const seventh = head!.endsWith('7');
  const numeral = seventh ? head!.slice(0, -1) : head!;
  const inverted = seventh ? SEVENTH_INVERSIONS[inversion]! : TRIAD_INVERSIONS[inversion]!;
  return `${numeral}${inverted}${target ? `/${target}` : ''}`;
}

/** the voicing's pitches, spelled as chord members: soprano, alto, tenor, bass */
export function pitchesOf(voicing: Voicing): ReturnType<typeof spelledPitch>[] {
  return voicing.midi.map((midi, voice) => spelledPitch(voicing.chord.members[voicing.members[voice]!]!, midi));
}
