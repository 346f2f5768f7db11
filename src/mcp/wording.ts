/** Words for the summaries people read: counts with the right number, key signatures by name. */

/** count(1, "cadence") → "1 cadence"; count(3, "cadence") → "3 cadences" */
export function count(amount: number, noun: string, plural = `${noun}s`): string {
  return `${amount} ${amount === 1 ? noun : plural}`;
}

/**
 * partsAndStaves(1 part, 2 staves) → "1 part on 2 staves"; partsAndStaves(4, 4) → "4 parts". A piano is one
 * part, however many staves music21's count (partCount) gives it.
 */
export function partsAndStaves(parts: number, staves: number): string {
  return staves > parts ? `${count(parts, 'part')} on ${count(staves, 'staff', 'staves')}` : count(parts, 'part');
}

const MAJOR_BY_FIFTHS = ['C♭', 'G♭', 'D♭', 'A♭', 'E♭', 'B♭', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F♯', 'C♯'];
const MINOR_BY_FIFTHS = ['A♭', 'E♭', 'B♭', 'F', 'C', 'G', 'D', 'A', 'E', 'B', 'F♯', 'C♯', 'G♯', 'D♯', 'A♯'];

/** keySignatureName(3) → "3 sharps (A major / F♯ minor)"; keySignatureName(0) → "no sharps or flats (C major / A minor)" */
export function keySignatureName(fifths: number): string {
  const accidentals = fifths === 0 ? 'no sharps or flats' : count(Math.abs(fifths), fifths > 0 ? 'sharp' : 'flat');
  const major = MAJOR_BY_FIFTHS[fifths + 7];
  const minor = MINOR_BY_FIFTHS[fifths + 7];
  return major && minor ? `${accidentals} (${major} major / ${minor} minor)` : accidentals;
}
