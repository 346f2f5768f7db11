import { describe, expect, it } from 'vitest';
import { CadenzaError } from '../../../src/core/errors.js';
import { decodeScore } from '../../../src/core/score-codec.js';
import type { Score } from '../../../src/core/score.js';
import { summarizeScore } from '../../../src/core/summary.js';
import type { LoadedScore } from '../../../src/mcp/ports.js';
import { imitateStyle } from '../../../src/mcp/tools/imitate-style.js';
import { bachChorales, irishTunes } from './corpus-sources.js';

function loaded(score: Score, index: number): LoadedScore {
  return { id: `s${index}`, score, summary: summarizeScore(score), format: 'mxl', origin: 'inline', diagnostics: [], importedAt: '2026-01-01T00:00:00.000Z' };
}

describe('imitate_style tool', () => {
  const chorales = bachChorales(4).map(loaded);

  it('declares a generating tool that writes scores and reads the ids it is given', () => {
    expect(imitateStyle.name).toBe('imitate_style');
    expect(imitateStyle.generates).toBe(true);
    expect(imitateStyle.scope).toBe('scores:write');
    expect(imitateStyle.annotations).toEqual({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(imitateStyle.scoreIds({ ids: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(imitateStyle.input.safeParse({ ids: [] }).success).toBe(false);
    expect(imitateStyle.input.safeParse({ ids: ['a'], measures: 257 }).success).toBe(false);
    expect(imitateStyle.input.safeParse({ ids: ['a'], order: 4 }).success).toBe(false);
  });

  it('returns what it learned, the piece and its closeness to the sources, in its output schema, with the new score', () => {
    const input = { ids: chorales.map((score) => score.id), measures: 8, seed: 3 };
    const result = imitateStyle.compute(input, chorales);
    const structured = imitateStyle.output.parse({ ...result.structured, scoreId: 'new' });
    expect(structured.measures).toBe(8);
    expect(structured.learned.order).toBe(2);
    expect(structured.sources.map((source) => source.id)).toEqual(input.ids);
    expect(structured.learned.modes.reduce((sum, mode) => sum + mode.sources, 0)).toBe(4);
    expect(Object.values(structured.learned.ngramContexts).every((counts) => counts.length === 3 && counts[0] === 1)).toBe(true);
    expect(structured.chordCount).toBe(8 * 4);
    expect(structured.learned.modes.some((mode) => mode.harmony)).toBe(true);
    expect(structured.closeness.intervalSimilarity).toBeGreaterThan(0.8);
    expect(structured.closeness.pitchClassSimilarity).toBeGreaterThan(0.5);
    const score = decodeScore(result.created.data);
    expect(score.parts.map((part) => part.name)).toEqual(structured.parts);
    expect(score.parts[0]!.measures).toHaveLength(8);
    expect(result.created.label).toBe(structured.title);
    expect(result.summary).toContain('8 measures');
    // the same call gives the same piece
    expect(imitateStyle.compute(input, chorales).created.data).toEqual(result.created.data);
  });

  it('writes a one-line tune in a requested key from tunes', () => {
    const tunes = irishTunes(3).map(loaded);
    const result = imitateStyle.compute({ ids: tunes.map((tune) => tune.id), measures: 4, order: 1, key: 'd minor' }, tunes);
    expect(result.structured.key).toBe('D minor');
    expect(result.structured.parts).toEqual(['Melody']);
    expect(result.structured.chordCount).toBe(0);
  });

  it('passes a bad key on as an INVALID_ARGUMENT error', () => {
    const call = () => imitateStyle.compute({ ids: ['s0'], key: 'X lydian' }, chorales.slice(0, 1));
    expect(call).toThrow(CadenzaError);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
