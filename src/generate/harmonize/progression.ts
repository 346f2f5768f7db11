/**
 * What one chord after another costs, as common-practice harmony teaches it (Piston, Aldwell–Schachter):
 * root motion by falling fifth is strongest, predominant before dominant before tonic, retrogressions
 * (V to IV) are rare, an applied dominant goes to its target; and at a phrase end only a cadence will do.
 */
import type { ChordChoice } from './chords.js';
import type { Voicing } from './voicings.js';

/** a cost that rules a choice out unless nothing else is possible (then the result says what it breaks) */
export const FORBIDDEN = 1000;

/** [from degree][to degree], degrees 1 … 7 (index 0 unused) */
const ROOT_MOTION: readonly (readonly number[])[] = [
  [],
  [0, 1.5, 0.5, 1.5, 0.3, 0.3, 0.5, 0.8],
  [0, 2.5, 1.5, 3, 2, 0, 3, 0.5],
  [0, 2, 2, 1.5, 0.5, 2, 0.3, 3],
  [0, 0.6, 0.5, 3, 1.5, 0.2, 2, 0.5],
  [0, 0, 3, 2.5, 2.5, 1.2, 0.6, 1.5],
  [0, 1.5, 0.3, 2, 0.3, 0.8, 1.5, 2],
  [0, 0, 3, 1.5, 3, 1, 2, 1.5],
];

/** progressionCost(ii, V) → 0: a predominant goes to the dominant */
export function progressionCost(from: ChordChoice, to: ChordChoice): number {
  if (from.target !== undefined) return resolvesApplied(from, to) ? 0.2 : FORBIDDEN / 4;
  const chromatic = to.chromatic ? 0.5 : 0;
  if (to.target !== undefined) return 0.7 + chromatic;
  return ROOT_MOTION[from.degree]![to.degree]! + chromatic;
}

/** an applied dominant resolves to the chord on its target degree (V/V → V or V7) */
function resolvesApplied(from: ChordChoice, to: ChordChoice): boolean {
  return to.target === undefined && !to.chromatic && to.degree === from.target;
}

const TONIC = new Set(['I', 'i']);

/**
 * cadenceCost(V7, I, { final: true }) → 0. At a phrase end: authentic (dominant → tonic), half (→ V),
 * deceptive (V → vi), plagal (IV → I), or a cadence on a neighbouring key's tonic through its dominant;
 * the arrival in root position. Anything else is forbidden.
 */
export function cadenceCost(before: Voicing, end: Voicing, final: boolean, sopranoOnTonic: boolean): number {
  const [from, to] = [before.chord, end.chord];
  if (end.inversion !== 0 || to.members.length === 4) return FORBIDDEN;
  const dominant = from.leadingTone !== undefined && from.target === undefined && (from.degree === 5 || from.degree === 7);
  if (TONIC.has(to.numeral)) {
    if (dominant) return from.degree === 5 && before.inversion === 0 ? 0 : sopranoOnTonic && final ? 2 : 0.8;
    if (from.degree === 4 && from.target === undefined) return final ? 2 : 0.8;
    return FORBIDDEN;
  }
  if (final) return to.numeral === 'V' ? 3 : FORBIDDEN;
  if (to.numeral === 'V') return from.target === 5 ? 0.3 : from.function === 'PD' || TONIC.has(from.numeral) ? 0.3 : 1;
  if (from.target !== undefined && resolvesApplied(from, to) && to.numeral !== 'v') return 0.6;
  // deceptive: only a dominant with its leading tone deceives; minor v to VI is no cadence
  if ((to.numeral === 'vi' || to.numeral === 'VI') && from.degree === 5 && from.target === undefined && from.leadingTone !== undefined) return 1;
  return relativeKeyCadenceCost(from, to);
}

/** cadences in the relative key: in minor VII → III, VI → III, or a half cadence on VII; in major ii → vi */
function relativeKeyCadenceCost(from: ChordChoice, to: ChordChoice): number {
  if (to.numeral === 'III') return from.numeral === 'VII' ? 0.6 : from.numeral === 'VI' ? 1 : FORBIDDEN;
  if (to.numeral === 'VII') return from.numeral === 'VII' ? FORBIDDEN : 1;
  if (to.numeral === 'vi') return from.numeral === 'ii' ? 1.2 : FORBIDDEN;
  return FORBIDDEN;
}
