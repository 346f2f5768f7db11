/** Exercises written out note by note, shared by the checker tests. */
import { lineInRhythm, syncopatedLine, type LineNote } from '../../../src/generate/counterpoint/exercise.js';
import { modalKey } from '../../../src/generate/counterpoint/modes.js';
import { parsePitchNames } from '../../../src/generate/counterpoint/pitch-names.js';

export const D_DORIAN = modalKey('D', 'dorian');

/** Fux's dorian cantus firmus (Gradus ad Parnassum, 1725), the one every species is first shown on */
export const FUX_DORIAN = parsePitchNames('D4 F4 E4 D4 G4 F4 A4 G4 F4 E4 D4');

/** one whole note per bar: "A4 G4 …" */
export function wholeNotes(text: string): LineNote[] {
  return lineInRhythm(text.split(/\s+/).map((name) => parsePitchNames(name)));
}

/** bars separated by "|"; the first bar after `rest` eighths */
export function inBars(text: string, rest = 0): LineNote[] {
  return lineInRhythm(text.split('|').map((bar) => parsePitchNames(bar)), rest);
}

/** fourth species: the tied notes, then the cadence written out as [pitch, start, duration] */
export function syncopations(tied: string, cadence: readonly (readonly [string, number, number])[]): LineNote[] {
  const notes = syncopatedLine(parsePitchNames(`${tied} C4 C4`)).slice(0, -2);
  return [...notes, ...cadence.map(([name, start, duration]) => ({ pitch: parsePitchNames(name)[0]!, start, duration }))];
}
