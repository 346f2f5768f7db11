/**
 * The key a piece is learned in or written in: tonic pitch class, mode and key signature. Styles are
 * learned relative to the tonic, so a model from chorales in G can write in E minor or B-flat major.
 */
import { CadenzaError } from '../../core/errors.js';
import { STEPS } from '../../core/pitch.js';
import type { Score } from '../../core/score.js';
import { analyzeKey } from '../../analysis/key.js';
import { readKeyName } from '../../analysis/roman.js';

export interface StyleKey {
  /** "G major", "Eb minor" */
  readonly name: string;
  /** 0 (C) … 11 (B) */
  readonly tonic: number;
  readonly mode: 'major' | 'minor';
  /** key signature: sharps positive, flats negative */
  readonly fifths: number;
}

const STEP_SEMITONES = [0, 2, 4, 5, 7, 9, 11];
/** position of each letter on the line of fifths, C = 0 */
const STEP_FIFTHS = [0, 2, 4, -1, 1, 3, 5];

/** styleKey("e minor") → { name: "E minor", tonic: 4, mode: "minor", fifths: 1 }; a bad name throws INVALID_ARGUMENT */
export function styleKey(name: string): StyleKey {
  const parsed = readKeyName(name);
  if (!parsed) throw new CadenzaError('INVALID_ARGUMENT', `"${name}" is not a key; write a tonic and a mode, e.g. "G major" or "e minor".`);
  const stepIndex = STEPS.indexOf(parsed.tonic.step);
  const fifths = STEP_FIFTHS[stepIndex]! + 7 * parsed.tonic.alter - (parsed.mode === 'minor' ? 3 : 0);
  if (Math.abs(fifths) > 7) throw new CadenzaError('INVALID_ARGUMENT', `${name.trim()} needs ${Math.abs(fifths)} ${fifths > 0 ? 'sharps' : 'flats'}; choose a key with at most seven.`);
  const tonic = (((STEP_SEMITONES[stepIndex]! + parsed.tonic.alter) % 12) + 12) % 12;
  const accidentals = parsed.tonic.alter >= 0 ? '#'.repeat(parsed.tonic.alter) : 'b'.repeat(-parsed.tonic.alter);
  return { name: `${parsed.tonic.step}${accidentals} ${parsed.mode}`, tonic, mode: parsed.mode, fifths };
}

/** scoreKey(bwv269) → the key analyzeKey finds, e.g. { name: "G major", tonic: 7, mode: "major", fifths: 1 } */
export function scoreKey(score: Score): StyleKey {
  return styleKey(analyzeKey(score).name);
}

/** semitones between major and minor degrees: the third, sixth and seventh move; a raised leading tone stays */
const MAJOR_TO_MINOR = [0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0, 0];
const MINOR_TO_MAJOR = [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0];
const SAME_MODE = new Array<number>(12).fill(0);

/** modeShift('major', 'minor') → per degree above the tonic, the semitones that carry it into the other mode ([0, 0, 0, 0, -1, …]) */
export function modeShift(from: 'major' | 'minor', to: 'major' | 'minor'): readonly number[] {
  if (from === to) return SAME_MODE;
  return to === 'minor' ? MAJOR_TO_MINOR : MINOR_TO_MAJOR;
}
