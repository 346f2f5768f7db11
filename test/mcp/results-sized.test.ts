/**
 * Answers sized for a model, through the SDK client: the data once (structuredContent, not again as JSON
 * text), lists in pages under 16 KB with a cursor that walks them all, large files as resource links
 * that resources/read resolves, and one way to name measures and beats in every tool.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

const BOUND = 16 * 1024;
let client: Client;
let chorale: string;
let quartet: string;
let pickup: string;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

async function data<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const result = await call(name, args);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as T;
}

const importCorpus = async (corpus: string) => (await data<{ id: string }>('import_score', { corpus })).id;

beforeAll(async () => {
  const services = createServices(loadConfig({ CADENZA_LOG_LEVEL: 'silent', CADENZA_STORE: 'memory' }, process.cwd()), { work: new InlineWork() });
  const server = createMcpServer({ services, log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  chorale = await importCorpus('bach/bwv66.6');
  quartet = await importCorpus('beethoven/opus18no1/movement2');
  pickup = await importCorpus('bach/bwv269');
}, 60_000);

describe('tool results sized for a model', () => {
  it('send the data once: a short summary as text, the data only as structured content', async () => {
    for (const [name, args] of [['analyze_key', { id: chorale }], ['analyze_harmony', { id: chorale }], ['get_score_info', { id: chorale }]] as const) {
      const result = await call(name, args);
      const texts = result.content.filter((block) => block.type === 'text');
      expect(texts, name).toHaveLength(1);
      expect(texts[0]!.text.length, name).toBeLessThan(600);
      expect(() => JSON.parse(texts[0]!.text), name).toThrow();
    }
  }, 30_000);

  it('page the harmonies of a long movement under 16 KB, and the cursor walks through all of them once', async () => {
    const everything = await data<{ chords: { offsetQuarters: number }[]; total: number }>('analyze_harmony', { id: quartet, maxChords: 5000 });
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await call('analyze_harmony', { id: quartet, ...(cursor ? { cursor } : {}) });
      expect(JSON.stringify(result).length).toBeLessThan(BOUND);
      const page = result.structuredContent as { chords: { offsetQuarters: number }[]; total: number; truncated: boolean; nextCursor?: string };
      expect(page.total).toBe(everything.total);
      expect(page.truncated).toBe(page.nextCursor !== undefined);
      seen.push(...page.chords.map((chord) => chord.offsetQuarters));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(everything.chords.map((chord) => chord.offsetQuarters));
  }, 60_000);

  it('keep every list tool\'s default answer on a long movement under 16 KB', async () => {
    for (const name of ['analyze_chords', 'analyze_voice_leading', 'find_patterns', 'analyze_melody', 'analyze_rhythm']) {
      const result = await call(name, { id: quartet });
      expect(result.isError, name).toBeFalsy();
      expect(JSON.stringify(result).length, name).toBeLessThan(BOUND);
    }
  }, 60_000);

  it('refuse a cursor the list did not give', async () => {
    const result = await call('analyze_chords', { id: chorale, cursor: 'bm90LWEtY3Vyc29y' });
    expect(result.isError).toBe(true);
    expect(result._meta?.['cadenza/errorCode']).toBe('INVALID_ARGUMENT');
  });

  it('link a large export instead of sending it, and resources/read gives the same file as asking inline', async () => {
    const linked = await call('export_score', { id: quartet, format: 'musicxml', measures: { from: 3, to: 6 } });
    const link = linked.content.find((block) => block.type === 'resource_link') as { uri: string; mimeType: string; size: number } | undefined;
    expect(link).toMatchObject({ mimeType: 'application/vnd.recordare.musicxml+xml', uri: expect.stringMatching(/\/export\.musicxml\?from=3&to=6$/) });
    expect((linked.structuredContent as { content?: string }).content).toBeUndefined();
    expect(JSON.stringify(linked).length).toBeLessThan(2_000);
    const inline = await data<{ content: string; bytes: number }>('export_score', { id: quartet, format: 'musicxml', measures: { from: 3, to: 6 }, inline: true });
    const read = await client.readResource({ uri: link!.uri });
    expect(read.contents[0]).toMatchObject({ mimeType: 'application/vnd.recordare.musicxml+xml', text: Buffer.from(inline.content, 'base64').toString('utf8') });
    expect(link!.size).toBe(inline.bytes);
  }, 30_000);

  it('send a small file inline by default (a chorale as MIDI)', async () => {
    const midi = await data<{ content?: string; bytes: number }>('export_score', { id: chorale, format: 'midi' });
    expect(midi.bytes).toBeLessThan(8 * 1024);
    expect(Buffer.from(midi.content ?? '', 'base64').subarray(0, 4).toString('latin1')).toBe('MThd');
  });

  it('answer a link to a score that is gone with "resource not found"', async () => {
    await expect(client.readResource({ uri: 'score://no-such-score/export.mid' })).rejects.toThrow(/SCORE_NOT_FOUND/);
  });
});

describe('one way to name bars and beats', () => {
  it('counts beats the same in analyze_chords and analyze_harmony, a 3/4 pickup starting on beat 3', async () => {
    const chords = await data<{ chords: { measure: string; beat: number; offsetQuarters: number }[] }>('analyze_chords', { id: pickup, measures: { from: 0, to: 2 } });
    const harmony = await data<{ chords: { measure: string; beat: number; offsetQuarters: number }[] }>('analyze_harmony', { id: pickup, measures: { from: 0, to: 2 } });
    expect(chords.chords[0]).toMatchObject({ measure: '0', beat: 3 });
    expect(harmony.chords[0]).toMatchObject({ measure: '0', beat: 3 });
    for (const chord of harmony.chords) {
      const same = chords.chords.find((vertical) => vertical.offsetQuarters === chord.offsetQuarters);
      if (same) expect(same).toMatchObject({ measure: chord.measure, beat: chord.beat });
    }
    expect(chords.chords.at(-1)!.measure).toBe('2');
  });

  it('refuses a range past the end or reversed in every tool that takes one', async () => {
    for (const name of ['analyze_chords', 'analyze_harmony', 'analyze_voice_leading', 'export_score']) {
      for (const measures of [{ from: 1, to: 99 }, { from: 4, to: 2 }]) {
        const result = await call(name, { id: chorale, measures, ...(name === 'export_score' ? { format: 'musicxml' } : {}) });
        expect(result.isError, `${name} ${JSON.stringify(measures)}`).toBe(true);
        expect(result.content[0]).toMatchObject({ text: expect.stringMatching(/^INVALID_ARGUMENT: measures: /) });
      }
    }
  }, 30_000);
});
