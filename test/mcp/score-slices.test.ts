/** read_score, diff_scores and the analysis export_score writes back, through the SDK's Client. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKern } from '../../src/formats/kern/read.js';
import { readRomanText } from '../../src/formats/romantext/read.js';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

const BOUND = 16 * 1024;
let client: Client;
let chorale: string;
let quartet: string;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

async function read(args: Record<string, unknown>): Promise<{ text: string; data: Record<string, unknown> }> {
  const result = await call('read_score', args);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  expect(JSON.stringify(result).length).toBeLessThan(BOUND);
  return { text: (result.content[0] as { text: string }).text, data: result.structuredContent as Record<string, unknown> };
}

beforeAll(async () => {
  const services = createServices(loadConfig({ CADENZA_LOG_LEVEL: 'silent', CADENZA_STORE: 'memory' }, process.cwd()), { work: new InlineWork() });
  const server = createMcpServer({ services, log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  const importCorpus = async (corpus: string) => ((await call('import_score', { corpus })).structuredContent as { id: string }).id;
  chorale = await importCorpus('bach/bwv66.6');
  quartet = await importCorpus('beethoven/opus18no1/movement2');
}, 60_000);

describe('read_score', () => {
  it('gives measures of a chorale as one line per voice per measure', async () => {
    const { text, data } = await read({ id: chorale, measures: { from: 1, to: 2 } });
    expect(text).toContain('\nm1 (4/4, key 3# (F# minor), q=96)\nm1 Soprano: A4:q B4:q C#5:q^ E5:q\nm1 Alto: F#4:q E4:q E4:q E4:q\n');
    expect(text.split('\n').filter((line) => /^m\d+ \w+: /.test(line))).toHaveLength(8);
    expect(data).toMatchObject({ shown: { from: '1', to: '2' }, measureCount: 2, truncated: false });
    expect(data).not.toHaveProperty('continueWith');
  });

  it('reads chosen parts, with ids and beats, and an ABC excerpt of the same measures', async () => {
    const { text } = await read({ id: chorale, parts: ['Bass'], measures: { from: 1, to: 1 }, ids: true, excerpt: 'abc' });
    expect(text).toContain('parts P4 = Bass.');
    // with ids asked, each note carries its stable id after its beat
    expect(text).toMatch(/\nm1 P4 v1: F#3:q@1#(\S+) G#3:q@2#\S+ A3:q@3#\S+ G#3:q@4#\S+\n/);
    expect(text).not.toContain('Soprano:');
    expect(text).toMatch(/\nABC:\nX:1\n[\s\S]*K:/);
  });

  it('gives a **kern excerpt of the measures shown, which reads back with their notes', async () => {
    const { text, data } = await read({ id: chorale, parts: ['Bass'], measures: { from: 1, to: 2 }, excerpt: 'kern' });
    expect(data).toMatchObject({ excerpt: 'kern', shown: { from: '1', to: '2' } });
    const kern = text.slice(text.indexOf('\n**kern:\n') + '\n**kern:\n'.length);
    expect(kern).toMatch(/^\*\*kern/m);
    // the bass of bars 1–2 (F#3 G#3 A3 G#3 in bar 1): kern writes F#3 as "F#" (octave 3: one capital letter)
    expect(kern).toMatch(/4F#[^\n]*\n4G#[^\n]*\n4A[^\n]*\n4G#/);
    expect(readKern(kern).score.parts[0]!.measures).toHaveLength(2);
  });

  it('stops a long movement at a measure boundary and its continuations read every measure once', async () => {
    const seen: string[] = [];
    let measures: unknown;
    let answers = 0;
    do {
      const { text, data } = await read({ id: quartet, ...(measures ? { measures } : {}) });
      seen.push(...new Set(text.split('\n').flatMap((line) => /^m(\S+) (?!\()/.exec(line)?.[1] ?? [])));
      measures = data.continueWith;
      expect(data.truncated).toBe(measures !== undefined);
      if (measures) expect(text).toContain(`… continues: call read_score with measures`);
      answers += 1;
    } while (measures && answers < 20);
    expect(answers).toBeGreaterThan(1);
    expect(seen).toEqual(Array.from({ length: 110 }, (_, index) => String(index + 1)));
  }, 60_000);

  it('refuses measures the score does not have, naming the ones it has', async () => {
    const result = await call('read_score', { id: chorale, measures: { from: 40, to: 41 } });
    expect(result.isError).toBe(true);
    expect(result._meta?.['cadenza/errorCode']).toBe('INVALID_ARGUMENT');
    expect((result.content[0] as { text: string }).text).toContain('0–9');
  });
});

describe('diff_scores', () => {
  it('finds no difference between a score and itself', async () => {
    const result = await call('diff_scores', { before: { id: chorale }, after: { id: chorale } });
    expect(result.structuredContent).toMatchObject({ identical: true, total: 0, changes: [] });
  });

  it('reports every note of a transposed score as a pitch change, in pages under 16 KB', async () => {
    const transposed = ((await call('transform_score', { id: chorale, operation: 'transpose', interval: 'M2' })).structuredContent as { scoreId: string }).scoreId;
    const result = await call('diff_scores', { before: { id: chorale }, after: { id: transposed } });
    expect(JSON.stringify(result).length).toBeLessThan(BOUND);
    const diff = result.structuredContent as { counts: { pitch: number; rhythm: number }; changes: { kind: string; before: string; after: string; measure: string }[]; total: number; truncated: boolean };
    const info = (await call('get_score_info', { id: chorale })).structuredContent as { noteCount: number };
    expect(diff.counts.pitch).toBe(info.noteCount);
    expect(diff.counts.rhythm).toBe(0);
    expect(diff.changes.slice(0, 2)).toMatchObject([
      { kind: 'measure marks', part: 'Soprano', measure: '0', marks: ['keys'] },
      { kind: 'note changed', measure: '0', beat: 4, before: 'C#5:e', after: 'D#5:e' },
    ]);
    expect(diff.truncated).toBe(diff.changes.length < diff.total);
    expect((result.content[0] as { text: string }).text).toMatch(new RegExp(`^${diff.total} changes: ${info.noteCount} pitches changed, 4 mark changes\\. m0 Soprano: keys changed; m0 Soprano beat 4: C#5:e → D#5:e`));
  });
});

describe('export_score with the analysis', () => {
  it('writes RomanText that Cadenza reads back', async () => {
    const exported = (await call('export_score', { id: chorale, format: 'rntxt', inline: true })).structuredContent as { content: string; mimeType: string };
    const text = Buffer.from(exported.content, 'base64').toString('utf8');
    expect(exported.mimeType).toBe('text/plain');
    expect(readRomanText(text).harmonies.length).toBeGreaterThan(20);
    expect(text).toContain("\nm0 b4 A: I b4.5 V6\n");
    expect(text).toMatch(/\nm2 .* f#: V6\n/);
  });

  it('writes numerals into MusicXML, and the link to a large one makes the same file again', async () => {
    const linked = await call('export_score', { id: quartet, format: 'musicxml', analysis: true, measures: { from: 1, to: 8 } });
    const link = linked.content.find((block) => block.type === 'resource_link') as { uri: string } | undefined;
    expect(link?.uri).toMatch(/\/export\.musicxml\?from=1&to=8&analysis=true$/);
    const file = await client.readResource({ uri: link!.uri });
    expect((file.contents[0] as { text: string }).text).toContain('<numeral><numeral-root text="i">1</numeral-root>');
    const plain = (await call('export_score', { id: chorale, format: 'musicxml', inline: true })).structuredContent as { content: string };
    expect(Buffer.from(plain.content, 'base64').toString('utf8')).not.toContain('<numeral>');
  });
});
