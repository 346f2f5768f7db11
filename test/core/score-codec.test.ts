import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeScore, decodeScoreSized, encodeScore } from '../../src/core/score-codec.js';
import type { DecodedRun, MeasureRuns } from '../../src/core/score-chunks.js';
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

  it('decodes run by run to exactly the whole text, on scores of every shape in the fixtures', () => {
    for (const file of ['bach/bwv66.6.mxl', 'mozart/k80/movement3.mxl', 'monteverdi/madrigal.3.3.mxl']) {
      const shaped = readScore(new Uint8Array(readFileSync(`${TEST_SCORES}${file}`)), 'mxl').score;
      const bytes = encodeScore(shaped);
      const decoded = decodeScoreSized(bytes, new RecordedRuns());
      expect(JSON.stringify(decoded.score)).toBe(JSON.stringify(shaped));
      expect(decoded.jsonBytes).toBe(new TextEncoder().encode(JSON.stringify({ v: 1, score: shaped })).length);
    }
  });

  it('reuses the runs it holds: a new version decodes only the run an edit changed, as the same objects, which encode to the stored bytes again', () => {
    const runs = new RecordedRuns();
    const first = decodeScoreSized(encodeScore(score), runs).score;
    const parsedFirst = runs.parsed;
    const part = first.parts[2]!;
    const edited = { ...first, parts: first.parts.map((entry) => (entry === part ? { ...part, measures: part.measures.map((measure, index) => (index === 9 ? { ...measure, number: 'Y' } : measure)) } : entry)) };
    const second = decodeScoreSized(encodeScore(edited), runs).score;
    expect(second).toEqual(edited);
    expect(runs.parsed - parsedFirst).toBe(1);
    expect(second.parts[0]!.measures[0]).toBe(first.parts[0]!.measures[0]);
    expect(second.parts[2]!.measures[9]).not.toBe(first.parts[2]!.measures[9]);
    // the decoded runs carry their compressed bytes: encoding the decoded score again gives the stored bytes
    const stored = encodeScore(edited);
    expect(encodeScore(second)).toEqual(stored);
  });

  it('decodes the same score without runs and with them (empty parts and a score with no parts too)', () => {
    const empty = { ...score, parts: [{ ...score.parts[0]!, measures: [] }] };
    expect(decodeScoreSized(encodeScore(empty), new RecordedRuns()).score).toEqual(empty);
    const none = { ...score, parts: [] };
    expect(decodeScoreSized(encodeScore(none), new RecordedRuns()).score).toEqual(none);
  });
});

/** runs kept by their bytes, counting how many were parsed (not found) */
class RecordedRuns implements MeasureRuns {
  private readonly runs = new Map<string, DecodedRun>();
  parsed = 0;

  get(compressed: Uint8Array): DecodedRun | undefined {
    return this.runs.get(compressed.join(','));
  }

  set(compressed: Uint8Array, run: DecodedRun): void {
    this.parsed += 1;
    this.runs.set(compressed.join(','), run);
  }
}
