/** Corpus scores the style tests learn from: Bach chorales and O'Neill's Irish tunes, read once per file. */
import { readdirSync, readFileSync } from 'node:fs';
import type { Score } from '../../../src/core/score.js';
import { readAbc } from '../../../src/formats/abc/read.js';
import { readScore } from '../../../src/formats/read-score.js';
import { TEST_SCORES } from '../../support/corpus.js';

/** the first `count` Bach chorales of the test corpus, by file name */
export function bachChorales(count: number, skip = 0): Score[] {
  const files = readdirSync(`${TEST_SCORES}bach`).filter((name) => name.endsWith('.mxl')).sort().slice(skip, skip + count);
  return files.map((name) => readScore(new Uint8Array(readFileSync(`${TEST_SCORES}bach/${name}`)), 'mxl').score);
}

/** `count` tunes of O'Neill's 1850 (tune book 951–981), from tune `skip` on */
export function irishTunes(count: number, skip = 0): Score[] {
  const book = readFileSync(`${TEST_SCORES}oneills1850/0951-0981.abc`, 'utf8');
  return Array.from({ length: count }, (_, index) => readAbc(book, { tune: skip + index }).score);
}
