/** ABC key fields: "K:D", "K:Amin", "K:G mix", "K:Bb", "K:C exp ^f _b" → key signature and the alteration of each letter. */
import type { KeyMode, KeySignature } from '../../core/score.js';

/** where each letter lies on the line of fifths, C = 0; a sharp moves a tonic 7 fifths up, a flat 7 down */
const LETTER_FIFTHS: Readonly<Record<string, number>> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };

/** majorFifths("F#") → 6, majorFifths("G#") → 8: the signature of the major key on a tonic (G# minor = 8 - 3 = 5) */
function majorFifths(letter: string, accidental: string): number {
  return LETTER_FIFTHS[letter]! + (accidental === '#' ? 7 : accidental === 'b' ? -7 : 0);
}

/** how far each mode's signature lies from the major key on the same tonic, in fifths */
const MODES: readonly [RegExp, KeyMode, number][] = [
  [/^(maj|ion)/i, 'major', 0],
  [/^(min|aeo|m(?![a-z]))/i, 'minor', -3],
  [/^mix/i, 'mixolydian', -1],
  [/^dor/i, 'dorian', -2],
  [/^phr/i, 'phrygian', -4],
  [/^lyd/i, 'lydian', 1],
  [/^loc/i, 'locrian', -5],
];

const ORDER_OF_SHARPS = ['F', 'C', 'G', 'D', 'A', 'E', 'B'];

export interface AbcKey {
  readonly signature: KeySignature;
  /** explicit accidentals written after the key ("K:D exp ^f ^c"), by letter */
  readonly explicit: Readonly<Record<string, number>>;
}

/** keyFromAbc("Ador") → { signature: { fifths: 0, mode: "dorian" } }; "HP" (bagpipe) and "none" → C */
export function keyFromAbc(value: string): AbcKey {
  const text = value.trim();
  const match = /^([A-G])([#b]?)\s*([A-Za-z]*)/.exec(text);
  const explicit: Record<string, number> = {};
  for (const accidental of text.matchAll(/(\^\^|\^|__|_|=)([a-gA-G])/g)) {
    explicit[accidental[2]!.toUpperCase()] = { '^^': 2, '^': 1, '=': 0, _: -1, __: -2 }[accidental[1]!]!;
  }
  if (!match) return { signature: { fifths: 0 }, explicit };
  const mode = MODES.find(([pattern]) => pattern.test(match[3]!)) ?? MODES[0]!;
  const fifths = majorFifths(match[1]!, match[2]!) + mode[2];
  return { signature: { fifths, mode: mode[1] }, explicit };
}

/** keyAlterations(2, {}) → { F: 1, C: 1 }: the alteration the signature gives each letter */
export function keyAlterations(fifths: number, explicit: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  const alterations: Record<string, number> = {};
  if (fifths > 0) for (const letter of ORDER_OF_SHARPS.slice(0, fifths)) alterations[letter] = 1;
  if (fifths < 0) for (const letter of [...ORDER_OF_SHARPS].reverse().slice(0, -fifths)) alterations[letter] = -1;
  return { ...alterations, ...explicit };
}
