/**
 * Which note values a counterpoint may take next, species by species. Times are eighths (a bar is 8).
 * Second and fourth species open with a half rest, as in Fux; fifth species mixes halves, quarters,
 * eighth pairs on weak beats and halves tied over the barline.
 */
import { BAR, type LineNote, type Species } from './exercise.js';

const HALF = BAR / 2;
const QUARTER = BAR / 4;

/** openingRest(4) → 4: the first note waits a half rest in second, fourth and fifth species (Fux) */
export function openingRest(species: Species): number {
  return species === 2 || species === 4 || species === 5 ? HALF : 0;
}

/** nextDurations(2, 12, previous, 5) → [4]: the lengths the note starting now may have */
export function nextDurations(species: Species, bars: number, previous: LineNote | undefined, start: number): number[] {
  const bar = Math.floor(start / BAR);
  const position = start % BAR;
  if (bar === bars - 1) return position === 0 ? [BAR] : [];
  // a tie may cross into any bar but the last, which holds the final alone
  const canTie = position === HALF && bar + 1 < bars - 1;
  switch (species) {
    case 1:
      return [BAR];
    case 2:
      return [HALF];
    case 3:
      return [QUARTER];
    case 4:
      // a chain of ties is the rule; an untied half ("breaking the species", Fux) is the way out of a dead end
      return canTie ? [BAR, HALF] : [HALF];
    case 5:
      return floridDurations(position, previous, canTie);
  }
}

function floridDurations(position: number, previous: LineNote | undefined, canTie: boolean): number[] {
  if (!previous) return canTie ? [BAR, HALF] : [HALF];
  // the second eighth of a pair
  if (previous.duration === 1 && position % 2 === 1) return [1];
  switch (position) {
    case 0:
      return [HALF, QUARTER];
    case HALF:
      return canTie ? [BAR, HALF, QUARTER] : [HALF, QUARTER];
    case QUARTER:
    case HALF + QUARTER:
      return [QUARTER, 1];
    default:
      return [];
  }
}
