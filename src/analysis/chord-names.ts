/** Naming a vertical as a chord: root, quality, inversion and common name, as music21 names the usual ones. */
import { pitchName, stepName, type Pitch } from '../core/pitch.js';
import { readChord, semitonesAbove } from './chord-steps.js';

export interface ChordName {
  readonly root: string;
  readonly bass: string;
  /** "major triad", "dominant seventh chord", … or "other" */
  readonly commonName: string;
  /** "C-major triad" (root, hyphen, name), as music21's pitchedCommonName */
  readonly pitchedCommonName: string;
  /** 0 root position, 1 first inversion, 2 second, 3 third; undefined when the bass is not a chord tone */
  readonly inversion?: number;
}

/** semitones above the root, sorted → name */
const NAMES: Readonly<Record<string, string>> = {
  '0': 'note',
  '0,7': 'power chord',
  '0,4,7': 'major triad',
  '0,3,7': 'minor triad',
  '0,3,6': 'diminished triad',
  '0,4,8': 'augmented triad',
  '0,4,7,10': 'dominant seventh chord',
  '0,3,7,10': 'minor seventh chord',
  '0,4,7,11': 'major seventh chord',
  '0,3,6,10': 'half-diminished seventh chord',
  '0,3,6,9': 'diminished seventh chord',
  '0,3,7,11': 'minor-major seventh chord',
  '0,4,10': 'incomplete dominant-seventh chord',
  '0,4,7,9': 'major sixth chord',
  '0,2,7': 'suspended-second triad',
  '0,5,7': 'suspended-fourth triad',
};

/** nameChord([E3, G3, C4]) → { root: "C", commonName: "major triad", pitchedCommonName: "C-major triad", inversion: 1 } */
export function nameChord(pitches: readonly Pitch[]): ChordName {
  const chord = readChord(pitches);
  const shape = [...new Set(pitches.map((pitch) => semitonesAbove(chord.root, pitch)))].sort((a, b) => a - b).join(',');
  const commonName = NAMES[shape] ?? 'other';
  const root = stepName(chord.root);
  const inversion = [chord.root, chord.third, chord.fifth, chord.seventh].findIndex((member) => member !== undefined && member.step === chord.bass.step && member.alter === chord.bass.alter);
  return {
    root,
    bass: stepName(chord.bass),
    commonName,
    pitchedCommonName: commonName === 'other' ? pitches.map(pitchName).join(' ') : `${root}-${commonName}`,
    ...(inversion >= 0 ? { inversion } : {}),
  };
}
