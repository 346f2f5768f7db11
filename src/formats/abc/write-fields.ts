/** The text of ABC fields and lengths: K: keys with modes, M: meters, clef names, Q: tempos, note lengths as multiples of L:. */
import { div, mul, rational, type Rational } from '../../core/rational.js';
import type { Clef, KeySignature, TempoMark, TimeSignature } from '../../core/score.js';

/** how far each mode's signature lies from the major key on the same tonic, in fifths, and its ABC suffix */
const MODE_SHIFT: Readonly<Record<string, readonly [number, string]>> = {
  major: [0, ''], ionian: [0, ''], none: [0, ''], minor: [-3, 'm'], aeolian: [-3, 'm'],
  dorian: [-2, 'dor'], phrygian: [-4, 'phr'], lydian: [1, 'lyd'], mixolydian: [-1, 'mix'], locrian: [-5, 'loc'],
};

/** keyText({ fifths: 0, mode: "dorian" }) → "Ddor"; { fifths: -3, mode: "minor" } → "Cm"; { fifths: 5, mode: "minor" } → "G#m" */
export function keyText(key: KeySignature): string {
  const [shift, suffix] = MODE_SHIFT[key.mode ?? 'major'] ?? [0, ''];
  const position = key.fifths - shift + 1;
  const letter = 'FCGDAEB'[((position % 7) + 7) % 7]!;
  const accidentals = Math.floor(position / 7);
  return `${letter}${accidentals > 0 ? '#'.repeat(accidentals) : 'b'.repeat(-accidentals)}${suffix}`;
}

/** meterText({ beats: "6", beatType: 8 }) → "6/8"; common time → "C", cut time → "C|" */
export function meterText(time: TimeSignature): string {
  if (time.symbol === 'common' && time.beats === '4' && time.beatType === 4) return 'C';
  if (time.symbol === 'cut' && time.beats === '2' && time.beatType === 2) return 'C|';
  return `${time.beats}/${time.beatType}`;
}

const CLEF_NAMES: Readonly<Record<string, string>> = { G2: 'treble', F4: 'bass', F3: 'baritone', C3: 'alto', C4: 'tenor', C2: 'mezzosoprano', C1: 'soprano' };

/** clefName(G clef on line 2, an octave down) → "treble-8"; clefs ABC has no name for → undefined */
export function clefName(clef: Clef): string | undefined {
  if (clef.sign === 'percussion') return 'perc';
  if (clef.sign === 'none') return 'none';
  const name = CLEF_NAMES[`${clef.sign}${clef.line ?? (clef.sign === 'G' ? 2 : clef.sign === 'F' ? 4 : 3)}`];
  if (!name) return undefined;
  return clef.octaveChange ? `${name}${clef.octaveChange < 0 ? '-' : '+'}8` : name;
}

const BEAT_UNITS: Readonly<Record<string, Rational>> = { whole: rational(1), half: rational(1, 2), quarter: rational(1, 4), eighth: rational(1, 8), '16th': rational(1, 16) };

/** tempoText({ beatUnit: "quarter", beatUnitDots: 1, perMinute: 60 }) → "3/8=60"; text marks in quotes first */
export function tempoText(tempo: TempoMark): string | undefined {
  const text = tempo.text ? `"${tempo.text.replace(/\s*\n\s*/g, ' ').replace(/"/g, "'")}"` : '';
  const unit = tempo.beatUnit ? BEAT_UNITS[tempo.beatUnit] : undefined;
  const joined = (mark: string) => (text ? `${text} ${mark}` : mark);
  if (unit && tempo.perMinute) {
    const dotted = tempo.beatUnitDots === 1 ? mul(unit, rational(3, 2)) : unit;
    return joined(`${dotted.n}/${dotted.d}=${Math.round(tempo.perMinute)}`);
  }
  if (tempo.quarterBpm) return joined(`1/4=${Math.round(tempo.quarterBpm)}`);
  return text || undefined;
}

/** lengthText(3/4 quarter, unit 1/2 quarter) → "3/2"; a unit → ""; half a unit → "/" */
export function lengthText(length: Rational, unit: Rational): string {
  const multiple = div(length, unit);
  if (multiple.d === 1) return multiple.n === 1 ? '' : String(multiple.n);
  if (multiple.n === 1) return multiple.d === 2 ? '/' : `/${multiple.d}`;
  return `${multiple.n}/${multiple.d}`;
}
