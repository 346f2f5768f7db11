import { describe, expect, it } from 'vitest';
import { analyzeKey } from '../../../src/analysis/key.js';
import { decodeScore } from '../../../src/core/score-codec.js';
import type { Score } from '../../../src/core/score.js';
import type { LoadedScore } from '../../../src/mcp/ports.js';
import { transformScore } from '../../../src/mcp/tools/transform-score.js';
import { chorale, noteList } from './chorales.js';

const bwv66 = chorale('bwv66.6');
const bwv153 = chorale('bwv153.1');

function loaded(id: string, score: Score): LoadedScore {
  return { id, score, origin: 'test', format: 'mxl', diagnostics: [], importedAt: '2026-01-01T00:00:00Z', summary: {} } as unknown as LoadedScore;
}

type Input = Parameters<typeof transformScore.compute>[0];
const run = (input: Record<string, unknown>, scores: Score[] = [bwv66]) =>
  transformScore.compute(transformScore.input.parse({ id: 'bwv66', ...input }) as Input, scores.map((score, index) => loaded(`s${index}`, score)));

describe('transform_score tool', () => {
  it('declares a generating tool that writes scores and names every score it reads', () => {
    expect(transformScore.name).toBe('transform_score');
    expect(transformScore.generates).toBe(true);
    expect(transformScore.scope).toBe('scores:write');
    expect(transformScore.annotations).toEqual({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(transformScore.scoreIds(transformScore.input.parse({ id: 'a', operation: 'merge', with: ['b', 'c'], mode: 'parts' }))).toEqual(['a', 'b', 'c']);
    expect(transformScore.output.shape.scoreId).toBeDefined();
  });

  it('transposes by an interval and returns the new score, encoded, with counts', () => {
    const result = run({ operation: 'transpose', interval: 'M2' });
    expect(result.structured).toMatchObject({ operation: 'transpose', partCount: 4, measureCount: 10, description: 'transposed up a major second' });
    const stored = decodeScore(result.created.data);
    expect(analyzeKey(stored).name).toBe('G# minor');
    expect(result.created.label).toMatch(/transposed up a major second/);
  });

  it('transposes to a key and by semitones', () => {
    expect(analyzeKey(decodeScore(run({ operation: 'transpose', toKey: 'A minor' }).created.data)).name).toBe('A minor');
    expect(analyzeKey(decodeScore(run({ operation: 'transpose', semitones: -2 }).created.data)).name).toBe('E minor');
  });

  it('runs every other operation through to a stored score', () => {
    expect(noteList(decodeScore(run({ operation: 'invert', axis: 'C#5' }).created.data))).not.toEqual(noteList(bwv66));
    expect(run({ operation: 'retrograde' }).structured.measureCount).toBe(10);
    expect(run({ operation: 'augment', factor: '2' }).structured.measureCount).toBe(19);
    expect(run({ operation: 'extract', parts: ['Soprano'], measures: { from: 3, to: 5 } }).structured).toMatchObject({ partCount: 1, measureCount: 3 });
    expect(run({ id: 'a', operation: 'merge', with: ['b'], mode: 'parts' }, [bwv66, bwv153]).structured.partCount).toBe(8);
    expect(run({ operation: 'merge', with: ['b'], mode: 'append' }, [bwv66, bwv66]).structured.measureCount).toBe(20);
  });

  it('reharmonizes a passage: new lower voices there, its chords and key in the answer', () => {
    const result = run({ operation: 'reharmonize', measures: { from: 3, to: 4 }, seed: 2 });
    expect(result.structured).toMatchObject({ operation: 'reharmonize', partCount: 4, measureCount: 10, description: 'measures 3–4 reharmonized' });
    expect(result.structured.harmony).toMatchObject({ key: 'F# minor', texture: 'four-part' });
    expect(result.structured.harmony!.chords.length).toBeGreaterThanOrEqual(8);
    const stored = decodeScore(result.created.data);
    expect(noteList({ ...stored, parts: [stored.parts[0]!] })).toEqual(noteList({ ...bwv66, parts: [bwv66.parts[0]!] }));
    expect(noteList(stored)).not.toEqual(noteList(bwv66));
  });

  it('names the missing or bad parameter in a typed error', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ operation: 'transpose' }, 'interval'],
      [{ operation: 'transpose', interval: 'M2', semitones: 2 }, 'exactly one'],
      [{ operation: 'transpose', interval: 'P3' }, 'interval'],
      [{ operation: 'transpose', toKey: 'Eb major' }, 'toKey'],
      [{ operation: 'invert', axis: 'H2' }, 'axis'],
      [{ operation: 'augment' }, 'factor'],
      [{ operation: 'augment', factor: 'two' }, 'factor'],
      [{ operation: 'augment', factor: '16' }, 'factor'],
      [{ operation: 'augment', factor: '1/16' }, 'factor'],
      [{ operation: 'extract' }, 'parts'],
      [{ operation: 'extract', measures: { from: 30, to: 31 } }, 'measures'],
      [{ operation: 'merge', mode: 'parts' }, 'with'],
      [{ operation: 'merge', with: ['b'] }, 'mode'],
      [{ operation: 'reharmonize' }, 'measures'],
      [{ operation: 'reharmonize', measures: { from: 3, to: 4 }, style: 'jazz' }, 'chorale style'],
      [{ operation: 'reharmonize', measures: { from: 3, to: 4 }, key: 'H major' }, 'key name'],
      [{ operation: 'transpose', semitones: -48 }, 'MIDI'],
    ];
    for (const [input, word] of cases) {
      expect(() => run(input), JSON.stringify(input)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(word) }));
    }
  });

  it('bounds the work with LIMIT_EXCEEDED', () => {
    const many = Array.from({ length: 21 }, () => bwv66);
    expect(() => run({ operation: 'merge', with: many.slice(1).map((_, index) => `s${index}`), mode: 'append' }, many)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
    const long: Score = { ...bwv66, parts: [{ ...bwv66.parts[0]!, measures: Array.from({ length: 3000 }, () => bwv66.parts[0]!.measures[1]!) }] };
    expect(() => run({ operation: 'augment', factor: '8' }, [long])).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED' }));
  });
});
