/** analyze_texture and analyze_set_classes through the SDK client, on a chorale, a string quartet and a made-up atonal passage. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectInMemoryClient } from '../support/tool-client.js';

let client: Client;

async function data<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  expect(JSON.stringify(result.structuredContent).length, name).toBeLessThan(16 * 1024);
  return result.structuredContent as T;
}

beforeAll(async () => {
  client = await connectInMemoryClient({ CADENZA_STORE: 'memory' });
}, 60_000);

describe('analyze_texture', () => {
  it('finds a chorale mostly chordal, one row per measure', async () => {
    const { id } = await data<{ id: string }>('import_score', { corpus: 'bach/bwv66.6' });
    const texture = await data<{ measures: { measure: string; texture: string }[]; counts: Record<string, number>; total: number }>('analyze_texture', { id });
    expect(texture.measures).toHaveLength(texture.total);
    expect(texture.counts.chordal! / texture.total).toBeGreaterThan(0.6);
  });

  it('pages a long quartet movement and its cursor walks every measure once', async () => {
    const { id } = await data<{ id: string }>('import_score', { corpus: 'beethoven/opus18no1/movement2' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page: { measures: { measure: string }[]; total: number; nextCursor?: string } = await data('analyze_texture', { id, ...(cursor ? { cursor } : {}) });
      seen.push(...page.measures.map((measure) => measure.measure));
      total = page.total;
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
  });
});

describe('analyze_set_classes', () => {
  // m1: C C# E F# (4-Z15); m2: the Viennese trichord B F Bb (3-5); m3: an augmented triad E G# C (3-12)
  const abc = 'X:1\nT:Sets\nM:4/4\nL:1/4\nK:C\nC ^C E ^F | B, F _B z | E ^G c2 |]\n';

  it('names each measure by Forte set class, prime form and interval vector', async () => {
    const { id } = await data<{ id: string }>('import_score', { content: abc, format: 'abc' });
    const result = await data<{ sets: { measure: string; forteName: string; primeForm: number[]; intervalVector: number[]; normalOrder: string[] }[] }>('analyze_set_classes', { id });
    expect(result.sets.map((set) => set.forteName)).toEqual(['4-Z15', '3-5', '3-12']);
    expect(result.sets[0]).toMatchObject({ primeForm: [0, 1, 4, 6], intervalVector: [1, 1, 1, 1, 1, 1], normalOrder: ['C', 'C#', 'E', 'F#'] });
    expect(result.sets[1]!.primeForm).toEqual([0, 1, 6]);
  });

  it('names the verticals of a chorale: its major and minor triads are 3-11', async () => {
    const { id } = await data<{ id: string }>('import_score', { corpus: 'bach/bwv66.6' });
    const result = await data<{ sets: { forteName: string }[]; classCounts: { forteName: string; count: number }[] }>('analyze_set_classes', { id, segment: 'vertical', measures: { from: 1, to: 4 } });
    expect(result.classCounts[0]!.forteName).toBe('3-11');
    expect(result.sets.length).toBeGreaterThan(4);
  });
});
