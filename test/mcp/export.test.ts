/** export_score through the SDK's Client: excerpts, an embedded resource, and writing into an output folder. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heardNotes } from '../../src/core/notes.js';
import type { Score } from '../../src/core/score.js';
import { readKern } from '../../src/formats/kern/read.js';
import { readMusicXml } from '../../src/formats/musicxml/read.js';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';
import { TEST_SCORES } from '../support/corpus.js';

const out = mkdtempSync(join(tmpdir(), 'cadenza-export-'));
let client: Client;
let id: string;

async function call(args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name: 'export_score', arguments: { id, ...args } })) as CallToolResult;
}

beforeAll(async () => {
  const config = loadConfig({ CADENZA_LOG_LEVEL: 'silent', CADENZA_OUTPUT_ROOTS: out }, process.cwd());
  const server = createMcpServer({ services: createServices(config, { work: new InlineWork() }), log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  id = ((await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })).structuredContent as { id: string }).id;
});

afterAll(async () => {
  await client.close();
  rmSync(out, { recursive: true, force: true });
});

describe('export_score', () => {
  it('exports only the parts and measures asked for', async () => {
    const result = await call({ format: 'musicxml', parts: ['Soprano', 3], measures: { from: 1, to: 2 } });
    const { content } = result.structuredContent as { content: string };
    const score = readMusicXml(Buffer.from(content, 'base64')).score;
    expect(score.parts.map((part) => part.name)).toEqual(['Soprano', 'Bass']);
    expect(score.parts[0]!.measures.map((measure) => measure.number)).toEqual(['1', '2']);
  });

  it('exports **kern that reads back with the same notes, and makes it again from its resource URI export.krn', async () => {
    const result = await call({ format: 'kern', inline: true });
    expect(result.structuredContent).toMatchObject({ format: 'kern', mimeType: 'text/x-kern' });
    const text = Buffer.from((result.structuredContent as { content: string }).content, 'base64').toString('utf8');
    expect(text).toContain('\n**kern\t**kern\t**kern\t**kern\n');
    const original = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`)).score;
    const notesOf = (score: Score) => score.parts.map((part) => heardNotes(part).map((note) => `${note.start.n}/${note.start.d} ${note.pitch.midi}`));
    expect(notesOf(readKern(text).score)).toEqual(notesOf(original));
    const read = await client.readResource({ uri: `score://${encodeURIComponent(id)}/export.krn` });
    expect(read.contents[0]).toMatchObject({ mimeType: 'text/x-kern', text });
  });

  it('hands the file over as an embedded resource when asked', async () => {
    const result = await call({ format: 'midi', embed: true });
    expect(result.structuredContent).not.toHaveProperty('content');
    const resource = result.content.find((item) => item.type === 'resource');
    expect(resource).toMatchObject({ resource: { mimeType: 'audio/midi', uri: expect.stringMatching(/^score:\/\/.+\/export\.mid$/) } });
    const blob = (resource as { resource: { blob: string } }).resource.blob;
    expect(Buffer.from(blob, 'base64').subarray(0, 4).toString('latin1')).toBe('MThd');
  });

  it('writes into an output folder, and refuses a path outside it with a coded error', async () => {
    const target = join(out, 'bwv66.6.abc');
    const written = await call({ format: 'abc', path: target });
    expect(written.structuredContent).toMatchObject({ path: target });
    expect(written.structuredContent).not.toHaveProperty('content');
    expect(readFileSync(target, 'utf8')).toMatch(/^X:1/m);
    const refused = await call({ format: 'abc', path: join(tmpdir(), 'elsewhere.abc') });
    expect(refused.isError).toBe(true);
    expect(refused._meta?.['cadenza/errorCode']).toBe('PATH_NOT_ALLOWED');
  });
});
