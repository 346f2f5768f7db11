/** Shared by the MEI tests: a score's notes as heard, per part, in a form that compares as text. */
import { readFileSync, readdirSync } from 'node:fs';
import { heardNotes } from '../../../src/core/notes.js';
import { pitchName } from '../../../src/core/pitch.js';
import { formatRational, sub } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { readScore, resolveFormat } from '../../../src/formats/read-score.js';
import { TEST_SCORES } from '../../support/corpus.js';

export const CORPUS_FOLDERS = ['bach', 'beethoven', 'demos', 'monteverdi', 'mozart', 'schumann_robert', 'theoryExercises', 'trecento'];

/** the MusicXML and .mxl scores of a corpus folder, as paths under scores/ */
export function scoresIn(folder: string): string[] {
  return readdirSync(`${TEST_SCORES}${folder}`, { recursive: true })
    .map(String)
    .filter((name) => /\.(xml|mxl|musicxml)$/.test(name))
    .sort()
    .map((name) => `${folder}/${name}`);
}

export function readCorpusScore(path: string): Score {
  const bytes = readFileSync(`${TEST_SCORES}${path}`);
  return readScore(bytes, resolveFormat(bytes, undefined, path)).score;
}

/** per part, the notes as heard (ties merged): onset, length and spelled pitch (step, alter, octave) */
export function noteSequences(score: Score): string[][] {
  return score.parts.map((part) => heardNotes(part).map((note) => `${formatRational(note.start)}+${formatRational(sub(note.end, note.start))}:${pitchName(note.pitch)}`));
}
