/**
 * A clef for a staff whose source names none (ABC, MIDI, generated scores): the one of treble, bass and
 * treble-8vb (the tenor's clef) that keeps the staff's notes nearest its five lines.
 */
import { STEPS, type Pitch } from '../pitch.js';
import type { Clef, Part } from '../score.js';

interface Candidate {
  readonly clef: Clef;
  /** diatonic numbers (octave × 7 + step) of the bottom and top lines */
  readonly bottom: number;
  readonly top: number;
}

const diatonic = (pitch: Pitch) => pitch.octave * 7 + STEPS.indexOf(pitch.step);

// E4–F5, G2–A3, E3–F4; on a tie the earlier one wins
const CANDIDATES: readonly Candidate[] = [
  { clef: { sign: 'G', line: 2 }, bottom: 4 * 7 + 2, top: 5 * 7 + 3 },
  { clef: { sign: 'F', line: 4 }, bottom: 2 * 7 + 4, top: 3 * 7 + 5 },
  { clef: { sign: 'G', line: 2, octaveChange: -1 }, bottom: 3 * 7 + 2, top: 4 * 7 + 3 },
];

/** clefForPitches([C3, G3, D4]) → treble-8vb; ([G2, C3]) → bass; no pitches → treble */
export function clefForPitches(pitches: readonly Pitch[]): Clef {
  let best = CANDIDATES[0]!;
  let bestCost = Infinity;
  for (const candidate of CANDIDATES) {
    let cost = 0;
    for (const pitch of pitches) {
      const position = diatonic(pitch);
      cost += Math.max(0, candidate.bottom - position) + Math.max(0, position - candidate.top);
    }
    if (cost < bestCost) {
      best = candidate;
      bestCost = cost;
    }
  }
  return best.clef;
}

/** inferredClefs(part) → per staff (index 0 is staff 1), the clef to write where the first measure names none */
export function inferredClefs(part: Part): readonly (Clef | undefined)[] {
  const staffCount = Math.max(1, part.staffCount);
  const named = (part.measures[0]?.clefs ?? []).filter((clef) => clef.offset.n === 0);
  const pitches = Array.from({ length: staffCount }, () => [] as Pitch[]);
  for (const measure of part.measures) {
    for (const voice of measure.voices) {
      for (const event of voice.events) {
        const staff = pitches[Math.min(Math.max((event.staff ?? 1) - 1, 0), staffCount - 1)]!;
        if (event.kind === 'note') staff.push(event.pitch);
        if (event.kind === 'chord') staff.push(...event.notes.map((note) => note.pitch));
      }
    }
  }
  return pitches.map((staffPitches, index) => (named.some((clef) => clef.staff === undefined || clef.staff === index + 1) ? undefined : clefForPitches(staffPitches)));
}
