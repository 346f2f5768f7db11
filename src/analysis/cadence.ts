/**
 * Cadences at phrase ends (fermatas, and the end of the piece): the last two harmonies decide the kind.
 * PAC: V(7) → I, both in root position, tonic in the soprano; IAC: any other V/viio → I; HC: ending on V
 * (Phrygian when iv6 leads to it in minor); plagal: IV → I; deceptive: V → vi. A phrase that ends on a
 * chord its own applied dominant leads to (V6/vi → vi) cadences in that chord's key, as a tonicization:
 * authentic there (its key is named in `key`); through V/V to V it is a half cadence at home. Minor
 * keys cadence in their relative major as chorales do: VII(7) → III authentic, VI → III plagal, and a
 * phrase ending on VII a half cadence there; major keys cadence plagally in their relative minor, ii → vi.
 */
import { STEPS, pitch, stepName } from '../core/pitch.js';
import { toNumber } from '../core/rational.js';
import type { Score } from '../core/score.js';
import type { Harmony } from './harmony.js';
import { phraseEndIndices } from './melody.js';
import { voiceLines } from './voice-leading.js';
import { parseKeyName } from './roman.js';

export type CadenceType = 'PAC' | 'IAC' | 'HC' | 'Phrygian HC' | 'plagal' | 'deceptive';

export interface Cadence {
  readonly type: CadenceType;
  readonly offsetQuarters: number;
  readonly measure: string;
  readonly beat: number;
  readonly key: string;
  /** the two harmonies, e.g. ["V7", "I"] */
  readonly progression: readonly [string, string];
}

interface Numeral {
  readonly degree: string;
  readonly inversion: string;
  readonly applied: boolean;
  /** what an applied chord leads to: "vi" in "V6/vi" */
  readonly target?: string;
}

/** numeral("V65/V") → { degree: "V", inversion: "65", applied: true, target: "V" } */
function numeral(figure: string): Numeral | undefined {
  // an augmented sixth leads to V as iv6 would: a half cadence
  if (/^(It|Fr|Ger|Sw)\d*$/.test(figure)) return { degree: 'aug6', inversion: '', applied: false };
  const match = /^[b#]?(VII|vii|III|iii|IV|iv|VI|vi|II|ii|V|v|I|i)[o+ø]?([0-9]*)(?:\/(.*))?$/.exec(figure);
  if (!match) return undefined;
  return { degree: match[1]!, inversion: match[2]!, applied: match[3] !== undefined, ...(match[3] !== undefined ? { target: match[3] } : {}) };
}

/**
 * findCadences(analyzeHarmony(chorale)) → [{ type: "PAC", measure: "4", … }, …]: at fermatas and the end;
 * `phraseEnds` (quarter-note times where the melody's phrases end, see phraseEndTimes) adds the phrase
 * ends of music without fermatas
 */
export function findCadences(harmonies: readonly Harmony[], phraseEnds: readonly number[] = []): Cadence[] {
  const cadences: Cadence[] = [];
  let next = 0;
  const ends = [...phraseEnds].sort((a, b) => a - b);
  harmonies.forEach((end, index) => {
    const last = index === harmonies.length - 1;
    // the phrase's last note starts within this harmony
    const from = toNumber(end.offset);
    while (next < ends.length && ends[next]! < from) next++;
    const phraseEnd = next < ends.length && ends[next]! < from + toNumber(end.duration) && arrivesFirmly(end);
    if (!end.fermata && !last && !phraseEnd) return;
    const before = harmonies[index - 1];
    const found = before && (classify(before, end) ?? classifyTonicized(before, end));
    if (!found) return;
    const [type, key] = typeof found === 'string' ? [found, end.key] : found;
    cadences.push({
      type,
      offsetQuarters: toNumber(end.offset),
      measure: end.measure,
      beat: end.beat,
      key,
      progression: [before.figure, end.figure],
    });
  });
  return cadences;
}

/**
 * closingCadence(harmonies, cadences, 14, 16) → the cadence that closes a phrase whose last note sounds from
 * `start` to `end` (quarter notes): one arriving under that note, or one whose arrival chord is still
 * sounding when the note begins (the cadence reached a beat earlier, its chord held to the fermata)
 */
export function closingCadence(harmonies: readonly Harmony[], cadences: readonly Cadence[], start: number, end: number): Cadence | undefined {
  const arriving = cadences.find((cadence) => cadence.offsetQuarters >= start && cadence.offsetQuarters < end);
  if (arriving) return arriving;
  const sounding = harmonies.find((harmony) => toNumber(harmony.offset) <= start && start < toNumber(harmony.offset) + toNumber(harmony.duration));
  return sounding && cadences.find((cadence) => cadence.offsetQuarters === toNumber(sounding.offset));
}

/** the fewest notes a phrase has before its end counts as a cadence (a long note after two short ones is not a phrase) */
const MIN_PHRASE_NOTES = 4;

/**
 * phraseEndTimes(score) → when the top voice's phrases end (the onset of each phrase's last note, after
 * a rest, at a fermata or a long note), in quarter notes, for phrases of at least four notes
 */
export function phraseEndTimes(score: Score): number[] {
  const top = voiceLines(score)[0];
  if (!top) return [];
  let start = 0;
  const times: number[] = [];
  for (const end of phraseEndIndices(top)) {
    if (end - start + 1 >= MIN_PHRASE_NOTES) times.push(toNumber(top.notes[end]!.start));
    start = end + 1;
  }
  return times;
}

/** without a fermata to say so, a phrase ends on a chord in root position on a beat */
function arrivesFirmly(end: Harmony): boolean {
  return Number.isInteger(end.beat) && !/\d/.test(end.figure.replace(/\/.*$/, '').replace(/7$/, ''));
}

function classify(before: Harmony, end: Harmony): CadenceType | undefined {
  const [from, to] = [numeral(before.figure), numeral(end.figure)];
  if (!from || !to || to.applied || from.applied) return undefined;
  // a phrase that stops on V is a half cadence whatever key the chord before was read in
  if (before.key !== end.key) return to.degree === 'V' && to.inversion === '' ? 'HC' : undefined;
  const dominant = from.degree === 'V' || from.degree.toLowerCase() === 'vii';
  if (to.degree.toLowerCase() === 'i') {
    if (dominant) return isPerfect(from, to, end) ? 'PAC' : 'IAC';
    if (from.degree.toLowerCase() === 'iv') return 'plagal';
  }
  if (to.degree === 'V') return from.degree === 'iv' && from.inversion === '6' && end.key.endsWith('minor') ? 'Phrygian HC' : 'HC';
  if (from.degree === 'V' && to.degree.toLowerCase() === 'vi') return 'deceptive';
  return undefined;
}

/** V6/vi → vi: an authentic cadence in the key of vi; V7/V → V: a half cadence */
function classifyTonicized(before: Harmony, end: Harmony): [CadenceType, string] | undefined {
  const [from, to] = [numeral(before.figure), numeral(end.figure)];
  if (to?.applied) return halfCadenceOnApplied(to, end);
  if (!from || !to || to.applied || before.key !== end.key || to.inversion !== '') return undefined;
  if (!from.target) return classifyRelative(from, to, end);
  if (from.degree === 'V' && from.target !== end.figure.replace(/[0-9]+$/, '')) return deceptiveInTarget(from, before, to, end);
  if ((from.degree !== 'V' && from.degree !== 'vii') || from.target !== end.figure.replace(/[0-9]+$/, '')) return undefined;
  if (to.degree === 'V') return ['HC', end.key];
  const tonic = end.pitches.find((pitch) => stepName(pitch) === end.root);
  if (!tonic) return undefined;
  const perfect = from.degree === 'V' && (from.inversion === '' || from.inversion === '7') && end.soprano?.pitchClass === tonic.pitchClass;
  return [perfect ? 'PAC' : 'IAC', `${stepName(tonic)} ${to.degree === to.degree.toUpperCase() ? 'major' : 'minor'}`];
}

/** a phrase that stops on an applied dominant in root position (V/vi) makes a half cadence in the key it tonicizes */
function halfCadenceOnApplied(to: Numeral, end: Harmony): [CadenceType, string] | undefined {
  const root = end.pitches.find((pitch) => pitch.step === end.root);
  if (to.degree !== 'V' || to.inversion !== '' || !to.target || !root) return undefined;
  const tonic = pitch(STEPS[(STEPS.indexOf(root.step) + 3) % 7]!, 0, 4);
  const alter = ((((root.pitchClass + 5 - tonic.pitchClass) % 12) + 18) % 12) - 6;
  const numerals = to.target.replace(/[^iIvV]/g, '');
  return ['HC', `${stepName(pitch(tonic.step, alter, 4))} ${numerals === numerals.toLowerCase() ? 'minor' : 'major'}`];
}

/**
 * V7/V → iii in G major: the applied dominant deceives, going to the sixth degree of the key it
 * tonicizes (vi of D major) instead of its tonic: a deceptive cadence in that key
 */
function deceptiveInTarget(from: Numeral, before: Harmony, to: Numeral, end: Harmony): [CadenceType, string] | undefined {
  const root = before.pitches.find((pitch) => stepName(pitch) === before.root);
  const arrival = end.pitches.find((pitch) => stepName(pitch) === end.root);
  if (!root || !arrival || !from.target) return undefined;
  const minorTarget = from.target.replace(/[^iIvV]/g, '') === from.target.replace(/[^iIvV]/g, '').toLowerCase();
  const arrivalMinor = to.degree === to.degree.toLowerCase();
  // from the dominant's root: the sixth degree of a major target lies a major second up (minor chord), of a minor target a minor second up (major chord)
  const rise = (arrival.pitchClass - root.pitchClass + 12) % 12;
  if (minorTarget ? rise !== 1 || arrivalMinor : rise !== 2 || !arrivalMinor) return undefined;
  const tonic = pitch(STEPS[(STEPS.indexOf(root.step) + 3) % 7]!, 0, 4);
  const alter = ((((root.pitchClass + 5 - tonic.pitchClass) % 12) + 18) % 12) - 6;
  return ['deceptive', `${stepName(pitch(tonic.step, alter, 4))} ${minorTarget ? 'minor' : 'major'}`];
}

/** cadences in the relative key, named there: in A minor, G → C is authentic in C major */
function classifyRelative(from: Numeral, to: Numeral, end: Harmony): [CadenceType, string] | undefined {
  const tonic = end.pitches.find((pitch) => stepName(pitch) === end.root);
  if (!tonic || from.applied) return undefined;
  const minor = end.key.endsWith('minor');
  if (minor && to.degree === 'III') {
    if (from.degree === 'VII' && (from.inversion === '' || from.inversion === '7')) return [end.soprano?.pitchClass === tonic.pitchClass ? 'PAC' : 'IAC', `${stepName(tonic)} major`];
    if (from.degree === 'VI') return ['plagal', `${stepName(tonic)} major`];
  }
  if (minor && to.degree === 'VII' && from.degree !== 'VII') return ['HC', relativeMajorOf(end)];
  if (!minor && to.degree === 'vi' && from.degree === 'ii') return ['plagal', `${stepName(tonic)} minor`];
  return undefined;
}

/** the major key a minor third above a minor key's tonic: C major for A minor, Bb major for G minor */
function relativeMajorOf(end: Harmony): string {
  const { tonic } = parseKeyName(end.key);
  const mediant = pitch(STEPS[(STEPS.indexOf(tonic.step) + 2) % 7]!, 0, 4);
  const wanted = pitch(tonic.step, tonic.alter, 4).pitchClass + 3;
  const alter = ((((wanted - mediant.pitchClass) % 12) + 18) % 12) - 6;
  return `${stepName(pitch(mediant.step, alter, 4))} major`;
}

function isPerfect(from: Numeral, to: Numeral, end: Harmony): boolean {
  const tonic = parseKeyName(end.key).tonic;
  return from.degree === 'V' && (from.inversion === '' || from.inversion === '7') && to.inversion === '' && end.soprano?.step === tonic.step && end.soprano.alter === tonic.alter;
}
