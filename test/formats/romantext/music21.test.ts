/**
 * The RomanText Cadenza writes reads back in music21 with the same figures and keys at the same measures
 * and beats. Needs music21 (MUSIC21_PYTHON, default /work/m21venv/bin/python): skipped where it is absent.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { harmonyWithCadences } from '../../../src/analysis/harmony-with-cadences.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { readRomanText } from '../../../src/formats/romantext/read.js';
import { writeRomanText } from '../../../src/formats/romantext/write.js';
import { TEST_SCORES } from '../../support/corpus.js';
import { MUSIC21_PYTHON as PYTHON, hasMusic21 as music21 } from '../../support/music21.js';

const SCRIPT = fileURLToPath(new URL('../../support/music21_romantext.py', import.meta.url));
const SCORES = ['bach/bwv66.6.mxl', 'bach/bwv269.mxl', 'bach/bwv153.1.mxl', 'beethoven/opus18no1/movement2.mxl'];

const folder = mkdtempSync(join(tmpdir(), 'cadenza-rntxt-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Music21Numeral {
  readonly measure: number;
  readonly beat: number;
  readonly key: string;
  readonly figure: string;
}

describe.skipIf(!music21)('RomanText written by Cadenza, read by music21', () => {
  it('gives every numeral music21 the same figure and key at the same measure and beat', () => {
    const files = SCORES.map((path) => {
      const score = readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score;
      const file = join(folder, `${path.replace(/\W+/g, '_')}.rntxt`);
      writeFileSync(file, writeRomanText(score, harmonyWithCadences(score)));
      return file;
    });
    const run = spawnSync(PYTHON, [SCRIPT, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const answers = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { path: string; numerals: Music21Numeral[] });
    for (const { path, numerals } of answers) {
      const written = readRomanText(readFileSync(path, 'utf8')).harmonies;
      expect(written.length, path).toBeGreaterThan(20);
      const near = (numeral: Music21Numeral, measure: number, beat: number) => numeral.measure === measure && Math.abs(numeral.beat - beat) < 0.01;
      for (const harmony of written) {
        const found = numerals.find((numeral) => near(numeral, harmony.measure, harmony.beat));
        expect(found, `${path} m${harmony.measure} b${harmony.beat}`).toEqual({ measure: harmony.measure, beat: found?.beat, key: harmony.key, figure: harmony.figure });
      }
      // music21 repeats the harmony in force at each barline; every other numeral it reads is one we wrote
      const extra = numerals.filter((numeral) => !written.some((harmony) => near(numeral, harmony.measure, harmony.beat)));
      expect(extra.every((numeral) => numeral.beat === 1), path).toBe(true);
    }
  }, 120_000);
});
