/** Tablature notes written with a string and fret only: their pitch from the staff's tuning (<staff-tuning>). */
import { spellMidi } from '../../core/spelling.js';
import { isStep, pitch, type Pitch } from '../../core/pitch.js';
import { attribute, childText, type XmlElement } from './xml-scanner.js';

/** a six-string guitar's strings, lowest first, as MIDI keys (E2 A2 D3 G3 B3 E4): the tuning when a file gives none */
export const STANDARD_GUITAR_TUNING: readonly number[] = [40, 45, 50, 55, 59, 64];

/** staffTuning(<staff-details> with six <staff-tuning>) → MIDI keys of the strings, lowest (line 1) first; none → undefined */
export function staffTuning(details: XmlElement): number[] | undefined {
  const lines: [number, number][] = [];
  for (const tuning of details.children) {
    if (tuning.name !== 'staff-tuning') continue;
    const step = childText(tuning, 'tuning-step');
    const octave = Number(childText(tuning, 'tuning-octave'));
    const alter = Number(childText(tuning, 'tuning-alter') ?? 0) || 0;
    const line = Number(attribute(tuning, 'line') ?? lines.length + 1);
    if (step === undefined || !isStep(step) || !Number.isInteger(octave)) continue;
    lines.push([line, pitch(step, alter, octave).midi]);
  }
  return lines.length === 0 ? undefined : lines.sort((a, b) => a[0] - b[0]).map(([, midi]) => midi);
}

/** tabPitch({ string: 1, fret: 3 }, standard tuning) → G4: string 1 is the highest; undefined for a string the tuning lacks */
export function tabPitch(tab: { readonly string: number; readonly fret: number }, tuning: readonly number[]): Pitch | undefined {
  const open = tuning[tuning.length - tab.string];
  return open === undefined ? undefined : spellMidi(open + tab.fret, 0);
}
