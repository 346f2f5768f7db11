/**
 * The dynamics and articulations in the MusicXML Cadenza writes read the same in music21: each mark at the
 * same place in the score. Needs music21 (MUSIC21_PYTHON, default /work/m21venv/bin/python): skipped where it is absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { add, toNumber } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { writeMusicXml } from '../../../src/formats/musicxml/write.js';
import { TEST_SCORES } from '../../support/corpus.js';
import { MUSIC21_PYTHON as PYTHON, hasMusic21 as music21 } from '../../support/music21.js';

const SCRIPT = fileURLToPath(new URL('../../support/music21_marks.py', import.meta.url));
/** the corpus scores with dynamics and articulations (a quartet each by Mozart, Beethoven and Schumann) */
const SCORES = ['mozart/k156/movement1.mxl', 'beethoven/opus18no1/movement2.mxl', 'schumann_robert/opus41no1/movement2.mxl'];

const folder = mkdtempSync(join(tmpdir(), 'cadenza-marks-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** "offset mark" for every dynamic and articulation of the score, offsets from its start, as the script prints them */
function ourMarks(score: Score): { dynamics: string[]; articulations: string[] } {
  const dynamics: string[] = [];
  const articulations: string[] = [];
  const place = (at: number, mark: string) => `${at.toFixed(4)} ${mark}`;
  for (const part of score.parts) {
    for (const measure of part.measures) {
      for (const mark of measure.dynamics ?? []) dynamics.push(place(toNumber(add(measure.offset, mark.offset)), mark.value));
      for (const voice of measure.voices) {
        for (const event of voice.events) for (const name of event.articulations ?? []) articulations.push(place(toNumber(add(measure.offset, event.offset)), name));
      }
    }
  }
  return { dynamics: dynamics.sort(), articulations: articulations.sort() };
}

describe.skipIf(!music21)('dynamics and articulations written by Cadenza, read by music21', () => {
  it('gives music21 every dynamic and articulation at the same offset', () => {
    const written = SCORES.map((path) => {
      const score = readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score;
      const file = join(folder, `${path.replace(/\W+/g, '_')}.musicxml`);
      writeFileSync(file, writeMusicXml(score));
      return { file, score };
    });
    const run = spawnSync(PYTHON, [SCRIPT, ...written.map(({ file }) => file)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const answers = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { path: string; dynamics: string[]; articulations: string[] });
    for (const { file, score } of written) {
      const answer = answers.find(({ path }) => path === file)!;
      const ours = ourMarks(score);
      expect(ours.dynamics.length, file).toBeGreaterThan(20);
      expect(ours.articulations.length, file).toBeGreaterThan(50);
      expect(answer.dynamics.sort(), file).toEqual(ours.dynamics);
      expect(answer.articulations.sort(), file).toEqual(ours.articulations);
    }
  }, 180_000);
});
