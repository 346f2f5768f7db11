/**
 * Four-part voicings of a chord under a given soprano note, within the usual SATB ranges, complete
 * enough to be heard as the chord, never doubling a leading tone or a seventh, upper voices within an
 * octave of each other. Each carries the cost of its doubling and inversion (textbook preferences).
 */
import type { ChordChoice } from './chords.js';

/** SATB ranges in MIDI numbers, as analysis/voice-leading.ts checks them: soprano C4–G5, alto G3–D5, tenor C3–G4, bass E2–C4 */
export const VOICE_RANGES = { alto: [55, 74], tenor: [48, 67], bass: [40, 60] } as const;

export interface Voicing {
  readonly chord: ChordChoice;
  /** soprano, alto, tenor, bass */
  readonly midi: readonly [number, number, number, number];
  /** which chord member each voice sings (0 root, 1 third, 2 fifth, 3 seventh) */
  readonly members: readonly [number, number, number, number];
  /** 0 root position, 1 first inversion, 2 second, 3 third */
  readonly inversion: number;
  readonly cost: number;
}

/** voicingsFor(V7 in C, 67) → every G7 voicing with G4 on top, e.g. G4 F4 B3 G2 */
export function voicingsFor(chord: ChordChoice, soprano: number): Voicing[] {
  const sopranoMember = chord.pitchClasses.indexOf(((soprano % 12) + 12) % 12);
  if (sopranoMember < 0) return [];
  const voicings: Voicing[] = [];
  for (const bass of pitchesOf(chord, VOICE_RANGES.bass)) {
    const inversion = bass.member;
    if (inversion === 2 || (chord.firstInversionOnly && inversion !== 1)) continue;
    for (const tenor of pitchesOf(chord, VOICE_RANGES.tenor)) {
      if (tenor.midi <= bass.midi) continue;
      for (const alto of pitchesOf(chord, VOICE_RANGES.alto)) {
        if (alto.midi < tenor.midi || alto.midi >= soprano || soprano - alto.midi > 12 || alto.midi - tenor.midi > 12) continue;
        const members = [sopranoMember, alto.member, tenor.member, bass.member] as const;
        const cost = doublingCost(chord, members, inversion);
        if (cost === undefined) continue;
        const unison = alto.midi === tenor.midi ? 1 : 0;
        voicings.push({ chord, midi: [soprano, alto.midi, tenor.midi, bass.midi], members, inversion, cost: cost + unison + inversionCost(chord, inversion) });
      }
    }
  }
  return voicings;
}

function pitchesOf(chord: ChordChoice, [low, high]: readonly [number, number]): { midi: number; member: number }[] {
  const found: { midi: number; member: number }[] = [];
  for (let midi = low; midi <= high; midi++) {
    const member = chord.pitchClasses.indexOf(midi % 12);
    if (member >= 0) found.push({ midi, member });
  }
  return found;
}

/** undefined when the voicing is not acceptable at all */
function doublingCost(chord: ChordChoice, members: readonly number[], inversion: number): number | undefined {
  const counts = [0, 0, 0, 0];
  for (const member of members) counts[member]!++;
  const seventh = chord.members.length === 4;
  if (counts[0] === 0 || counts[1] === 0 || (seventh && counts[3] === 0)) return undefined;
  if (seventh && counts[3]! > 1) return undefined;
  if (chord.leadingTone !== undefined && counts[chord.leadingTone]! > 1) return undefined;
  if (seventh) return counts[2] === 0 ? 0.3 : 0;
  if (counts[2] === 0) return 1.2;
  const doubled = counts.findIndex((count) => count === 2);
  if (inversion === 0) return [0, 1.5, 0.6][doubled] ?? 0;
  // in a first inversion doubling the soprano or an outer tone is fine; doubling the bass third less so
  return doubled === 1 && !chord.firstInversionOnly ? 0.8 : 0;
}

function inversionCost(chord: ChordChoice, inversion: number): number {
  if (chord.members.length === 4) return inversion === 0 ? (chord.numeral.startsWith('ii') ? 0.6 : 0) : inversion === 1 && chord.numeral.startsWith('ii') ? 0 : 0.4;
  if (chord.firstInversionOnly) return 0.6;
  return inversion === 0 ? 0 : 0.25;
}
