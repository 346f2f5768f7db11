/**
 * MEI's words for durations, accidentals, key signatures and clefs, both ways, shared by the reader and
 * the writer so what one writes the other reads (MEI 5.0 data types data.DURATION, data.ACCIDENTAL.*,
 * data.KEYFIFTHS, data.CLEFSHAPE).
 */
import { rational, type Rational } from '../../core/rational.js';
import type { Clef, ClefSign, KeyMode, KeySignature } from '../../core/score.js';

/** MEI @dur → [MusicXML-style note type, quarter length of the undotted value] */
const DURATIONS: Readonly<Record<string, readonly [string, Rational]>> = {
  maxima: ['maxima', rational(32)],
  long: ['long', rational(16)],
  breve: ['breve', rational(8)],
  '1': ['whole', rational(4)],
  '2': ['half', rational(2)],
  '4': ['quarter', rational(1)],
  '8': ['eighth', rational(1, 2)],
  '16': ['16th', rational(1, 4)],
  '32': ['32nd', rational(1, 8)],
  '64': ['64th', rational(1, 16)],
  '128': ['128th', rational(1, 32)],
  '256': ['256th', rational(1, 64)],
  '512': ['512th', rational(1, 128)],
  '1024': ['1024th', rational(1, 256)],
  '2048': ['2048th', rational(1, 512)],
};

const DUR_BY_NOTE_TYPE: ReadonlyMap<string, string> = new Map(Object.entries(DURATIONS).map(([dur, [noteType]]) => [noteType, dur]));

/** meiDuration("8") → { noteType: "eighth", quarters: 1/2 }; unknown values → undefined */
export function meiDuration(dur: string): { noteType: string; quarters: Rational } | undefined {
  const entry = DURATIONS[dur];
  return entry ? { noteType: entry[0], quarters: entry[1] } : undefined;
}

/** meiDur("16th") → "16"; a note type MEI has no word for → undefined */
export function meiDur(noteType: string | undefined): string | undefined {
  return noteType === undefined ? undefined : DUR_BY_NOTE_TYPE.get(noteType);
}

/** MEI data.ACCIDENTAL.WRITTEN and .GESTURAL → semitones (quarter tones as halves) */
const ACCIDENTALS: Readonly<Record<string, number>> = {
  n: 0, s: 1, f: -1, ss: 2, x: 2, ff: -2, xs: 3, sx: 3, ts: 3, tf: -3, nf: -1, ns: 1,
  su: 1.5, sd: 0.5, fu: -0.5, fd: -1.5, nu: 0.5, nd: -0.5,
  '1qf': -0.5, '3qf': -1.5, '1qs': 0.5, '3qs': 1.5, bs: 0, bf: 0,
};

const ACCID_BY_ALTER: ReadonlyMap<number, string> = new Map([
  [0, 'n'], [1, 's'], [-1, 'f'], [2, 'x'], [-2, 'ff'], [3, 'ts'], [-3, 'tf'], [0.5, '1qs'], [-0.5, '1qf'], [1.5, '3qs'], [-1.5, '3qf'],
]);

/** accidentalAlter("ff") → -2; unknown → undefined */
export function accidentalAlter(accid: string): number | undefined {
  return ACCIDENTALS[accid];
}

/** meiAccid(-1) → "f"; an alteration MEI cannot name → undefined */
export function meiAccid(alter: number): string | undefined {
  return ACCID_BY_ALTER.get(alter);
}

/** keyFifths("3f") → -3; "0" → 0; "mixed" and junk → undefined */
export function keyFifths(sig: string): number | undefined {
  const match = /^(\d{1,2})([sf])$/.exec(sig.trim());
  if (sig.trim() === '0') return 0;
  if (!match) return undefined;
  const count = Number(match[1]);
  return match[2] === 's' ? count : -count;
}

/** meiKeySig(-2) → "2f"; meiKeySig(0) → "0" */
export function meiKeySig(fifths: number): string {
  return fifths === 0 ? '0' : `${Math.abs(fifths)}${fifths > 0 ? 's' : 'f'}`;
}

const KEY_MODES: ReadonlySet<string> = new Set(['major', 'minor', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'aeolian', 'ionian', 'locrian']);

/** keySignature("2s", "minor") → { fifths: 2, mode: "minor" } */
export function keySignature(sig: string | undefined, mode: string | undefined): KeySignature | undefined {
  const fifths = sig === undefined ? undefined : keyFifths(sig);
  if (fifths === undefined) return undefined;
  return mode !== undefined && KEY_MODES.has(mode) ? { fifths, mode: mode as KeyMode } : { fifths };
}

const STEPS_BY_FIFTH = ['F', 'C', 'G', 'D', 'A', 'E', 'B'];

/** keyAlter(2, "C") → 1 (D major sharpens C); keyAlter(-1, "B") → -1 */
export function keyAlter(fifths: number, step: string): number {
  const position = STEPS_BY_FIFTH.indexOf(step);
  if (fifths > 0) return Math.floor((fifths - 1 - position + 7) / 7);
  if (fifths < 0) return -Math.floor((-fifths - 1 - (6 - position) + 7) / 7);
  return 0;
}

/** meiClef("G", "2", "8", "below") → { sign: "G", line: 2, octaveChange: -1 } */
export function meiClef(shape: string | undefined, line: string | undefined, dis?: string, disPlace?: string): Clef | undefined {
  if (shape === undefined) return undefined;
  const sign: ClefSign | undefined = shape === 'G' || shape === 'F' || shape === 'C' || shape === 'TAB' ? shape : shape === 'perc' ? 'percussion' : shape === 'GG' ? 'G' : undefined;
  if (!sign) return undefined;
  const lineNumber = Number(line);
  const octaves = dis === '8' ? 1 : dis === '15' ? 2 : dis === '22' ? 3 : 0;
  const octaveChange = disPlace === 'below' ? -octaves : disPlace === 'above' ? octaves : 0;
  return { sign, ...(Number.isInteger(lineNumber) && lineNumber > 0 ? { line: lineNumber } : {}), ...(octaveChange ? { octaveChange } : {}) };
}

/** clefAttributes(treble-8vb) → ["G", 2, "8", "below"] for shape, line, dis, dis.place */
export function clefAttributes(clef: Clef): { shape: string; line?: number; dis?: string; disPlace?: string } | undefined {
  const shape = clef.sign === 'percussion' ? 'perc' : clef.sign === 'none' ? undefined : clef.sign;
  if (!shape) return undefined;
  const octaves = Math.abs(clef.octaveChange ?? 0);
  const dis = octaves === 1 ? '8' : octaves === 2 ? '15' : octaves === 3 ? '22' : undefined;
  return { shape, ...(clef.line ? { line: clef.line } : {}), ...(dis ? { dis, disPlace: (clef.octaveChange ?? 0) < 0 ? 'below' : 'above' } : {}) };
}
