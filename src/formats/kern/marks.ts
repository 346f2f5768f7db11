/**
 * Marks on a **kern note token (Humdrum **kern reference, §3.2.2–3.2.4): articulations ' staccato, `
 * staccatissimo, ~ tenuto, ^ accent, ^^ heavy accent (verovio's marcato), , breath mark; ornaments T/t trill,
 * M/m mordent, W/w inverted mordent (whole tone / semitone), S turn, $ inverted turn; ; fermata; ( ) slurs.
 * Phrase marks { } are not read as slurs: in the Humdrum corpora (the Bach chorales first) they mark analysed
 * phrases, not slurs a player reads.
 */
import type { Articulation, Ornament, SlurMark } from '../../core/marks.js';
import { STEPS, type Pitch } from '../../core/pitch.js';
import type { Event } from '../../core/score.js';

/** the marks one note token carries, in the model's terms */
export interface TokenMarks {
  readonly articulations?: Articulation[];
  readonly ornaments?: Ornament[];
  readonly slurs?: SlurMark[];
  readonly fermata?: boolean;
}

const ARTICULATION_SIGNS: readonly (readonly [Articulation, RegExp])[] = [
  ['staccato', /'/],
  ['staccatissimo', /`/],
  ['tenuto', /~/],
  ['strong-accent', /\^\^/],
  ['accent', /(?<!\^)\^(?!\^)/],
  ['breath-mark', /,/],
];
const ORNAMENT_SIGNS: readonly (readonly [Ornament, RegExp])[] = [
  ['trill-mark', /[Tt]/],
  ['mordent', /[Mm]/],
  ['inverted-mordent', /[Ww]/],
  ['turn', /S/],
  ['inverted-turn', /\$/],
];

/** tokenMarks("(8cc#'L") → { articulations: ["staccato"], slurs: [{ type: "start" }] }; a chord's subtokens pooled */
export function tokenMarks(token: string): TokenMarks {
  const articulations = ARTICULATION_SIGNS.filter(([, sign]) => sign.test(token)).map(([name]) => name);
  const ornaments = ORNAMENT_SIGNS.filter(([, sign]) => sign.test(token)).map(([name]) => name);
  const slurs: SlurMark[] = [...token.matchAll(/[()]/g)].map((match) => ({ type: match[0] === '(' ? 'start' : 'stop' }));
  return {
    ...(articulations.length > 0 ? { articulations } : {}),
    ...(ornaments.length > 0 ? { ornaments } : {}),
    ...(slurs.length > 0 ? { slurs } : {}),
    ...(token.includes(';') ? { fermata: true } : {}),
  };
}

const ARTICULATION_TEXT: Readonly<Partial<Record<Articulation, string>>> = {
  staccato: "'", staccatissimo: '`', tenuto: '~', accent: '^', 'strong-accent': '^^', 'breath-mark': ',',
};

/**
 * markText(event, key) → the signs written after a token's pitch ("'", "T;"). A trill or mordent is written
 * for the step it reaches under the key signature: a semitone away in lower case (t, m, w), a tone in capitals.
 */
export function markText(event: Event, fifths: number, lowest?: Pitch): string {
  const ornaments = (event.ornaments ?? []).map((name) => ornamentText(name, lowest, fifths)).join('');
  const articulations = (event.articulations ?? []).map((name) => ARTICULATION_TEXT[name] ?? '').join('');
  return `${ornaments}${articulations}${event.fermata ? ';' : ''}`;
}

/** the slur signs around a token: "((" before, ")" after */
export function slurText(event: Event): { open: string; close: string } {
  const count = (type: SlurMark['type']) => (event.slurs ?? []).filter((slur) => slur.type === type).length;
  return { open: '('.repeat(count('start')), close: ')'.repeat(count('stop')) };
}

function ornamentText(name: Ornament, note: Pitch | undefined, fifths: number): string {
  if (name === 'turn') return 'S';
  if (name === 'inverted-turn') return '$';
  const sign = name === 'trill-mark' ? 'T' : name === 'mordent' ? 'M' : name === 'inverted-mordent' ? 'W' : '';
  if (!sign || !note) return sign;
  // a mordent (MusicXML's, the lower one) goes down a step; a trill and an inverted mordent go up
  const semitone = neighbourDistance(note, name === 'mordent' ? -1 : 1, fifths) === 1;
  return semitone ? sign.toLowerCase() : sign;
}

/** semitones to the diatonic neighbour above (+1) or below (-1) a note, under a key signature */
function neighbourDistance(note: Pitch, direction: 1 | -1, fifths: number): number {
  const index = STEPS.indexOf(note.step);
  const nextIndex = (index + direction + 7) % 7;
  const step = STEPS[nextIndex]!;
  const octave = note.octave + (direction === 1 && nextIndex === 0 ? 1 : direction === -1 && index === 0 ? -1 : 0);
  const neighbourMidi = 12 * (octave + 1) + NATURAL_SEMITONES[nextIndex]! + keyAlter(step, fifths);
  return Math.abs(neighbourMidi - note.midi);
}

const NATURAL_SEMITONES = [0, 2, 4, 5, 7, 9, 11];
const SHARP_ORDER = 'FCGDAEB';

/** keyAlter("F", 1) → 1: the alteration a key signature gives a step */
function keyAlter(step: string, fifths: number): number {
  if (fifths > 0) return SHARP_ORDER.indexOf(step) < fifths ? 1 : 0;
  if (fifths < 0) return [...SHARP_ORDER].reverse().indexOf(step) < -fifths ? -1 : 0;
  return 0;
}
