/** render_audio through the MCP client: audio content for short excerpts, links for long ones, every format, and its limits. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWav } from '../audio/measured.js';
import { connectInMemoryClient } from '../support/tool-client.js';

let client: Client;
let id: string;

interface AudioFacts {
  format: string;
  mimeType: string;
  durationSeconds: number;
  musicStartSeconds: number;
  quarterBpm: number;
  bytes: number;
  uri: string;
}

async function call(args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name: 'render_audio', arguments: { id, ...args } })) as CallToolResult;
}

function audioOf(result: CallToolResult): Uint8Array {
  const block = result.content.find((content) => content.type === 'audio') as { data: string; mimeType: string } | undefined;
  expect(block, JSON.stringify(result.content[0])).toBeDefined();
  expect(block!.mimeType).toBe((result.structuredContent as unknown as AudioFacts).mimeType);
  return new Uint8Array(Buffer.from(block!.data, 'base64'));
}

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

beforeAll(async () => {
  client = await connectInMemoryClient();
  id = ((await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult).structuredContent!['id'] as string;
}, 30_000);

describe('render_audio', () => {
  it('plays two bars as MP3 audio content by default: 5 s of music at the score’s 96 to the quarter, then the ring-out', async () => {
    const result = await call({ measures: { from: 1, to: 2 } });
    const facts = result.structuredContent as unknown as AudioFacts;
    expect(facts).toMatchObject({ format: 'mp3', mimeType: 'audio/mpeg', quarterBpm: 96, musicStartSeconds: 0 });
    expect(facts.durationSeconds).toBeCloseTo((8 * 60) / 96 + 1.5, 1);
    const mp3 = audioOf(result);
    expect(mp3.length).toBe(facts.bytes);
    // an ID3 tag or an MPEG audio frame's sync word
    expect(ascii(mp3, 0, 3) === 'ID3' || (mp3[0] === 0xff && (mp3[1]! & 0xe0) === 0xe0)).toBe(true);
  }, 60_000);

  it('writes FLAC, Ogg Vorbis and WAV files', async () => {
    const magic = { flac: 'fLaC', ogg: 'OggS', wav: 'RIFF' };
    for (const [format, signature] of Object.entries(magic)) {
      const bytes = audioOf(await call({ format, measures: { from: 1, to: 1 }, inline: true }));
      expect(ascii(bytes, 0, 4), format).toBe(signature);
    }
  }, 60_000);

  it('counts in a bar and follows a given tempo', async () => {
    const result = await call({ format: 'wav', measures: { from: 1, to: 1 }, quarterBpm: 60, countInBars: 1, metronome: true, inline: true });
    const facts = result.structuredContent as unknown as AudioFacts;
    // a 4/4 bar at 60 to the quarter lasts 4 s: the count-in, then the bar
    expect(facts.musicStartSeconds).toBeCloseTo(4, 3);
    expect(facts.durationSeconds).toBeCloseTo(8 + 1.5, 1);
    const { left, sampleRate } = readWav(audioOf(result));
    expect(left.length / sampleRate).toBeCloseTo(facts.durationSeconds, 2);
    // the count-in clicks sound before the music
    const loudness = (from: number, to: number) => left.subarray(from * sampleRate, to * sampleRate).reduce((peak, sample) => Math.max(peak, Math.abs(sample)), 0);
    expect(loudness(0, 0.2)).toBeGreaterThan(0.05);
  }, 60_000);

  it('links a long rendering, and resources/read gives the same file', async () => {
    const result = await call({ format: 'wav' });
    const link = result.content.find((block) => block.type === 'resource_link') as { uri: string; mimeType: string; size: number };
    expect(link).toMatchObject({ mimeType: 'audio/wav', uri: expect.stringMatching(/^score:\/\/[a-z0-9-]+\/audio\.wav$/) });
    expect(result.content.some((block) => block.type === 'audio')).toBe(false);
    const read = (await client.readResource({ uri: link.uri })).contents[0] as { mimeType: string; blob: string };
    expect(read.mimeType).toBe('audio/wav');
    expect(Buffer.from(read.blob, 'base64').length).toBe(link.size);
  }, 60_000);

  it('renders only the parts asked for', async () => {
    const bass = await call({ format: 'wav', parts: [3], measures: { from: 1, to: 1 }, inline: true });
    expect(bass.isError).toBeFalsy();
    const unknown = await call({ parts: ['Kazoo'] });
    expect(unknown.isError).toBe(true);
  }, 60_000);

  it('refuses, with LIMIT_EXCEEDED and a hint, a rendering longer than five minutes', async () => {
    const result = await call({ quarterBpm: 10, countInBars: 4 });
    expect(result.isError).toBe(true);
    expect(result._meta?.['cadenza/errorCode']).toBe('LIMIT_EXCEEDED');
    expect(result.content[0]).toMatchObject({ text: expect.stringMatching(/limited to 300 s[^]*measures/) });
  }, 30_000);

  it('refuses measures the score lacks', async () => {
    const result = await call({ measures: { from: 40, to: 50 } });
    expect(result._meta?.['cadenza/errorCode']).toBe('INVALID_ARGUMENT');
  }, 30_000);
});
