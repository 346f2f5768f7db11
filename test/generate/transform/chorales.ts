/** Corpus chorales for the transform tests, and the note lists they compare. */
import { readFileSync } from 'node:fs';
import { heardNotes } from '../../../src/core/notes.js';
import { pitchName } from '../../../src/core/pitch.js';
import { formatRational } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { readScore } from '../../../src/formats/read-score.js';
import { TEST_SCORES } from '../../support/corpus.js';

/** chorale("bwv66.6") → the score as imported from the test corpus */
export function chorale(name: string): Score {
  return readScore(new Uint8Array(readFileSync(`${TEST_SCORES}bach/${name}.mxl`)), 'mxl').score;
}

/** every part's heard notes as "start-end:pitch" strings, spelling included */
export function noteList(score: Score): string[][] {
  return score.parts.map((part) => heardNotes(part).map((note) => `${formatRational(note.start)}-${formatRational(note.end)}:${pitchName(note.pitch)}`));
}

/** the total sounding length of every part, in quarters */
export function soundingTotals(score: Score): number[] {
  return score.parts.map((part) => heardNotes(part).reduce((sum, note) => sum + (note.end.n / note.end.d - note.start.n / note.start.d), 0));
}
