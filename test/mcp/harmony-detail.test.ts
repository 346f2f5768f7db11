/** analyze_harmony's added detail through the SDK client: non-chord tones, tendency tones, modulations with pivots, pedal points, all within the size bound. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectInMemoryClient } from '../support/tool-client.js';

let client: Client;

interface Answer {
  chords: { figure: string; nonChordTones?: { kind: string; noteIds: string[] }[]; tendencyTones?: { reason: string }[] }[];
  modulations: { from: string; to: string; pivot?: { figures: string[] } }[];
  pedalPoints: unknown[];
  nextCursor?: string;
}

async function harmony(args: Record<string, unknown>): Promise<Answer> {
  const result = (await client.callTool({ name: 'analyze_harmony', arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  expect(JSON.stringify(result.structuredContent).length).toBeLessThan(16 * 1024);
  return result.structuredContent as unknown as Answer;
}

beforeAll(async () => {
  client = await connectInMemoryClient({ CADENZA_STORE: 'memory' });
}, 60_000);

describe('analyze_harmony detail', () => {
  it('adds non-chord tones with note ids and tendency tones to each chord only when asked', async () => {
    const { id } = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })).structuredContent as { id: string };
    const plain = await harmony({ id });
    expect(plain.chords.every((chord) => chord.nonChordTones === undefined && chord.tendencyTones === undefined)).toBe(true);
    expect(Array.isArray(plain.modulations)).toBe(true);
    const detailed = await harmony({ id, detail: ['nonChordTones', 'tendencyTones'] });
    const tones = detailed.chords.flatMap((chord) => chord.nonChordTones ?? []);
    expect(tones.length).toBeGreaterThan(2);
    expect(tones.every((tone) => tone.noteIds.length > 0)).toBe(true);
    expect(tones.map((tone) => tone.kind)).toContain('passing');
    expect(detailed.chords.flatMap((chord) => chord.tendencyTones ?? []).map((tone) => tone.reason)).toContain('leading tone');
  });

  it('keeps every page of a long quartet movement with all the detail under 16 KB', async () => {
    const { id } = (await client.callTool({ name: 'import_score', arguments: { corpus: 'beethoven/opus18no1/movement2' } })).structuredContent as { id: string };
    let cursor: string | undefined;
    let modulationCount = 0;
    do {
      const page = await harmony({ id, detail: ['nonChordTones', 'tendencyTones'], ...(cursor ? { cursor } : {}) });
      modulationCount += page.modulations.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(modulationCount).toBeGreaterThan(0);
  }, 60_000);
});
