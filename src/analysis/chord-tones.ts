/** The pitch classes a harmony's chord holds: its sounding chord tones and, for an incomplete chord, the tones its quality implies. */
import type { Harmony } from './harmony.js';
import { CHORD_QUALITIES } from './chord-match.js';

const LETTER_PITCH_CLASS: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** chordPitchClasses(V7 in C, G B F sounding) → {7, 11, 2, 5}: the fifth the quality implies included */
export function chordPitchClasses(harmony: Pick<Harmony, 'pitches' | 'root' | 'quality'>): Set<number> {
  const classes = new Set(harmony.pitches.map((pitch) => pitch.pitchClass));
  const quality = CHORD_QUALITIES.find((candidate) => candidate.name === harmony.quality);
  const root = pitchClassOfName(harmony.root);
  if (quality && root !== undefined) for (const interval of quality.intervals) classes.add((root + interval) % 12);
  return classes;
}

/** pitchClassOfName("F#") → 6; ("Bb") → 10; undefined for anything else */
export function pitchClassOfName(name: string): number | undefined {
  const match = /^([A-G])(#*|b*)$/.exec(name);
  if (!match) return undefined;
  const alter = match[2]!.startsWith('#') ? match[2]!.length : -match[2]!.length;
  return (((LETTER_PITCH_CLASS[match[1]!]! + alter) % 12) + 12) % 12;
}

/** harmoniesOver(starts, ends, 2, 5) → the indices of the harmonies sounding in [2, 5), found by binary search over their sorted starts */
export function harmoniesOver(starts: readonly number[], ends: readonly number[], from: number, to: number): number[] {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ends[middle]! <= from) low = middle + 1;
    else high = middle;
  }
  const found: number[] = [];
  for (let index = low; index < starts.length && starts[index]! < to; index++) if (ends[index]! > from) found.push(index);
  return found;
}
