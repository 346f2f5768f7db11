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
    expect(() => decodeScore(new Uint8Array([0x43, 0x5a, 9, 0]))).toThrow(/versions 1 to 3/);
    expect(() => decodeScore(new TextEncoder().encode('{"v":7,"score":{}}'))).toThrow(/schema version 7/);
  });

  it('still reads version 2 (the whole JSON deflated at once), as rows written before chunking', async () => {
    const { deflateSync } = await import('fflate');
    const compressed = deflateSync(new TextEncoder().encode(JSON.stringify({ v: 1, score })));
    expect(decodeScore(new Uint8Array([0x43, 0x5a, 2, ...compressed]))).toEqual(score);
  });

  it('writes the same JSON text in chunks, and reuses the chunks of measures an edit left alone', () => {
    const bytes = encodeScore(score);
    expect(bytes[2]).toBe(3);
    expect(JSON.stringify(decodeScore(bytes))).toBe(JSON.stringify(score));
    const part = score.parts[1]!;
    const edited = { ...score, parts: score.parts.map((entry) => (entry === part ? { ...part, measures: part.measures.map((measure, index) => (index === 3 ? { ...measure, number: 'X' } : measure)) } : entry)) };
    const again = encodeScore(edited);
    expect(decodeScore(again)).toEqual(edited);
    // same length framing: only the chunk holding measure 3 of part 2 differs
    expect(again.length - bytes.length).toBeLessThan(20);
  });

  it('falls back to one whole chunk when a text of the score holds the marker it splits on', () => {
    const odd = { ...score, metadata: { ...score.metadata, title: '\u0000measures\u0000' } };
    const bytes = encodeScore(odd);
    expect(bytes[2]).toBe(2);
    expect(decodeScore(bytes)).toEqual(odd);
  });

  it('refuses a chunked form that is cut short, as a coded error', () => {
    const bytes = encodeScore(score);
    expect(() => decodeScore(bytes.subarray(0, bytes.length - 5))).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
