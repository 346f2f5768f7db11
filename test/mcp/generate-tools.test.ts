/** The generating tools through the SDK's Client: each stores a new score the other tools can read. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

let client: Client;
let chorale: string;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

async function structured<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await call(name, args);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as T;
}

beforeAll(async () => {
  const config = loadConfig({ CADENZA_MAX_INPUT_BYTES: String(1024 * 1024), CADENZA_LOG_LEVEL: 'silent' }, process.cwd());
  const server = createMcpServer({ services: createServices(config, { work: new InlineWork() }), log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  chorale = (await structured<{ id: string }>('import_score', { corpus: 'bach/bwv269' })).id;
});

describe('generating tools', () => {
  it('harmonize_melody stores a four-part chorale that analysis and export accept', async () => {
    const result = await structured<{ scoreId: string; key: string; chords: unknown[]; voiceLeading: Record<string, number>; cadences: unknown[]; phraseEnds: number; uncadencedPhraseEnds: number[] }>('harmonize_melody', { id: chorale, voice: 'Soprano' });
    expect(result.uncadencedPhraseEnds).toEqual([]);
    expect(result.cadences.length).toBeGreaterThanOrEqual(result.phraseEnds);
    expect(result.scoreId).toMatch(/^harmonization-of-/);
    expect(result.key).toBe('G major');
    expect(result.voiceLeading['parallel fifths'] ?? 0).toBe(0);
    expect(result.cadences.length).toBeGreaterThan(0);
    const info = await structured<{ partCount: number; format: string; origin: string }>('get_score_info', { id: result.scoreId });
    expect(info).toMatchObject({ partCount: 4, format: 'generated', origin: 'generated:harmonize_melody' });
    const exported = await structured<{ bytes: number }>('export_score', { id: result.scoreId, format: 'musicxml' });
    expect(exported.bytes).toBeGreaterThan(1000);
    const listed = await structured<{ scores: { id: string }[] }>('list_scores', { source: 'imported' });
    expect(listed.scores.map((score) => score.id)).toContain(result.scoreId);
  });

  it('harmonize_melody writes a jazz lead sheet with chord symbols', async () => {
    const result = await structured<{ scoreId: string; chords: { symbol: string; figure: string }[] }>('harmonize_melody', { id: chorale, voice: 'Soprano', style: 'jazz', output: 'lead-sheet' });
    expect(result.chords.some((chord) => /7/.test(chord.symbol))).toBe(true);
    const info = await structured<{ partCount: number }>('get_score_info', { id: result.scoreId });
    expect(info.partCount).toBe(1);
  });

  it('generate_counterpoint, imitate_style and transform_score each store a score', async () => {
    const counterpoint = await structured<{ scoreId: string; findings: unknown[] }>('generate_counterpoint', { species: 1, seed: 3 });
    expect(counterpoint.findings).toEqual([]);
    const imitation = await structured<{ scoreId: string }>('imitate_style', { ids: [chorale], measures: 8, seed: 2 });
    const transposed = await structured<{ scoreId: string }>('transform_score', { id: chorale, operation: 'transpose', interval: 'M2' });
    for (const id of [counterpoint.scoreId, imitation.scoreId, transposed.scoreId]) {
      expect((await structured<{ format: string }>('get_score_info', { id })).format).toBe('generated');
    }
  });

  it('transform_score reharmonizes a passage into a stored score the voice-leading check accepts there', async () => {
    const result = await structured<{ scoreId: string; harmony: { key: string; texture: string; chords: { offsetQuarters: number }[] } }>('transform_score', {
      id: chorale,
      operation: 'reharmonize',
      measures: { from: 2, to: 3 },
    });
    expect(result.harmony).toMatchObject({ key: 'G major', texture: 'four-part' });
    const [first, last] = [result.harmony.chords[0]!.offsetQuarters, result.harmony.chords.at(-1)!.offsetQuarters];
    const checked = await structured<{ findings: { issue: string; offsetQuarters: number }[] }>('analyze_voice_leading', { id: result.scoreId });
    const inPassage = checked.findings.filter((finding) => finding.offsetQuarters >= first && finding.offsetQuarters <= last);
    expect(inPassage.filter((finding) => /parallel|contrary|crossing|overlap/.test(finding.issue))).toEqual([]);
  });

  it('refuses a voice that does not exist with a typed error naming the voices', async () => {
    const result = await call('harmonize_melody', { id: chorale, voice: 'Descant' });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/Soprano/);
  });
});
