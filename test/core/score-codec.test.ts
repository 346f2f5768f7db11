import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeScore, encodeScore } from '../../src/core/score-codec.js';
import { readScore } from '../../src/formats/read-score.js';
import { TEST_SCORES } from '../support/corpus.js';

const { score } = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`)), 'mxl');

describe('score codec', () => {
  it('round-trips a score exactly, rational time included, in a fraction of its JSON size', () => {
    const bytes = encodeScore(score);
    expect(decodeScore(bytes)).toEqual(score);
    expect(bytes.length * 5).toBeLessThan(JSON.stringify(score).length);
  });

  it('still reads the first stored form (version 1: plain JSON), as rows written by an older Cadenza', () => {
    const version1 = new TextEncoder().encode(JSON.stringify({ v: 1, score }));
    expect(decodeScore(version1)).toEqual(score);
  });

  it('refuses a form it does not know, saying which versions it reads', () => {
    expect(() => decodeScore(new Uint8Array([0x43, 0x5a, 9, 0]))).toThrow(/versions 1 and 2/);
    expect(() => decodeScore(new TextEncoder().encode('{"v":7,"score":{}}'))).toThrow(/schema version 7/);
  });
});
