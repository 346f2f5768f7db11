/**
 * Shared by the two corpus rendering tests (MusicXML sources; **kern, ABC and MIDI), split so they run side by side.
 * Every corpus score of every source format (MusicXML, .mxl, **kern, ABC, MIDI) engraved as render_score
 * engraves it, and read back from verovio's MEI as a musician reads the page: each note's pitch from the
 * accidentals drawn (written, in force earlier in the bar, the key signature, its tie), its place in the
 * bar and its length from the written values. Those must be the score's notes, measure by measure (parts
 * of some sources disagree on a bar's length, which verovio aligns); every note must have a written value, and
 * every note on the first page that needs a stem must have one drawn. One toolkit for the file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'vitest';
import type { Score } from '../../src/core/score.js';
import { readScore, resolveFormat } from '../../src/formats/read-score.js';
import { engraveScore } from '../../src/mcp/render.js';
import { TEST_CORPUS } from '../support/corpus.js';
import { drawnSequence, readDrawing, stemlessNotes, writtenSequence } from '../support/drawn-notes.js';

/** a string quartet movement takes ≈7 s to engrave, read back and draw on an idle machine; far more on a busy one */
export const DRAWING_TIMEOUT = 120_000;

/** every corpus score, by path under the corpus folder */
export const CORPUS_PATHS = [...(readdirSync(`${TEST_CORPUS}scores`, { recursive: true }) as string[])
  .filter((name) => /\.(xml|mxl|krn|abc)$/.test(name))
  .sort()
  .map((name) => `scores/${name}`), ...readdirSync(`${TEST_CORPUS}midi`).filter((name) => name.endsWith('.mid')).sort().map((name) => `midi/${name}`)];

function read(path: string): Score {
  const bytes = readFileSync(`${TEST_CORPUS}${path}`);
  return readScore(bytes, resolveFormat(bytes, undefined, path)).score;
}

/** per part, the global staff numbers verovio gives its staves */
function stavesOf(score: Score): Set<number>[] {
  let next = 1;
  return score.parts.map((part) => new Set(Array.from({ length: Math.max(1, part.staffCount) }, () => next++)));
}

/** the first place two note lists part ways, to make a failure readable */
function firstDifference(drawn: readonly string[], expected: readonly string[]): string | undefined {
  const index = drawn.findIndex((note, i) => note !== expected[i]);
  if (index < 0 && drawn.length === expected.length) return undefined;
  const at = index < 0 ? Math.min(drawn.length, expected.length) : index;
  return `note ${at}: drawn ${drawn[at] ?? 'nothing'}, score ${expected[at] ?? 'nothing'} (${drawn.length} drawn, ${expected.length} in the score)`;
}

/** Where the page and the score still part ways, and why (measured 2026-12-07 with verovio 6.3). */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  'scores/trecento/PMFC_06_Giovanni-05_Donna_Gia_Fu_Leggiadra.xml':
    "at m. 103 the upper part keeps C major while the lower changes to one flat; verovio's MusicXML import keeps one key for both staves, so the lower staff's B♭ (no sign needed in one flat) is drawn in C major as B",
};

/** engraves the score at `path` as render_score does and checks what is drawn against it */
export async function expectDrawnAsWritten(path: string): Promise<void> {
  const score = read(path);
  const engraver = await engraveScore(score);
  const drawing = readDrawing(engraver.getMEI());
  const differences = stavesOf(score).map((staves, index) => firstDifference(drawnSequence(drawing, staves), writtenSequence(score.parts[index]!))).filter(Boolean);
  if (KNOWN_DIFFERENCES[path]) expect(differences).toHaveLength(1);
  else expect(differences, differences.join('; ')).toEqual([]);
  const untyped = drawing.notes.filter((note) => note.dur === undefined).map((note) => note.id);
  expect(untyped, `without a written value: ${untyped.join(' ')}`).toEqual([]);
  const stemless = stemlessNotes(engraver.renderToSVG(1), drawing);
  expect(stemless, `without a stem: ${stemless.join(' ')}`).toEqual([]);
}
