/** Reading pitch names such as "F#4" or "Bb3", as a cantus firmus is written in a request. */
import { CadenzaError } from '../../core/errors.js';
import { parsePitchName as readPitchName } from '../../core/interval.js';
import type { Pitch } from '../../core/pitch.js';

/** parsePitchName('Bb3') → B♭3 (midi 58); a typed error for anything else */
export function parsePitchName(name: string): Pitch {
  const found = readPitchName(name);
  if (!found) {
    throw new CadenzaError('INVALID_ARGUMENT', `"${name}" is not a pitch name; write letter, accidental and octave, like "D4", "F#4" or "Bb3".`);
  }
  return found;
}

/** parsePitchNames('D4 F4 E4 D4') → four pitches; commas or spaces separate them */
export function parsePitchNames(text: string): Pitch[] {
  return text
    .split(/[\s,]+/)
    .filter((name) => name.length > 0)
    .map(parsePitchName);
}
