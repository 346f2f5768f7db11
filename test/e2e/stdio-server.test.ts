/**
 * Drives the built `cadenza serve` process over stdio with the SDK's own Client, as an MCP host would.
 * Requires `npm run build` first (npm test does it).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SCORES, music21References } from '../support/corpus.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CHORALE = `${TEST_SCORES}bach/bwv66.6.mxl`;
const TWO_VOICES = `${TEST_SCORES}demos/two-voices.xml`;

let client: Client;
let root: string;
let outside: string;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

async function expectToolError(name: string, args: Record<string, unknown>, code: string): Promise<string> {
  const result = await call(name, args);
  expect(result.isError, textOf(result)).toBe(true);
  expect(textOf(result)).toContain(code);
  // The server keeps serving after every refusal.
  expect((await call('list_scores', {})).isError).toBeFalsy();
  return textOf(result);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cadenza-root-'));
  outside = mkdtempSync(join(tmpdir(), 'cadenza-outside-'));
  copyFileSync(CHORALE, join(root, 'bwv66.6.mxl'));
  copyFileSync(CHORALE, join(outside, 'secret.mxl'));
  symlinkSync(join(outside, 'secret.mxl'), join(root, 'link-out.mxl'));
  writeFileSync(join(root, 'broken.xml'), '<?xml version="1.0"?>\n<score-partwise>\n<part-list>\n</score-partwise>\n');
  client = new Client({ name: 'cadenza-e2e', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'serve'],
      cwd: root,
      env: { PATH: process.env.PATH ?? '', CADENZA_ALLOWED_ROOTS: root, CADENZA_LOG_LEVEL: 'warn', CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-data-')) },
      stderr: 'ignore',
    }),
  );
});

afterAll(async () => {
  await client?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('cadenza serve over stdio', () => {
  it('lists the score tools, each with input and output schemas and annotations', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['import_score', 'list_scores', 'get_score_info', 'delete_score', 'analyze_key']));
    for (const tool of tools) {
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(tool.annotations?.readOnlyHint, tool.name).toBeTypeOf('boolean');
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
    }
  });

  it('imports a file by path and reports the same counts as music21', async () => {
    const imported = await call('import_score', { path: join(root, 'bwv66.6.mxl') });
    expect(imported.isError, textOf(imported)).toBeFalsy();
    const { id } = imported.structuredContent as { id: string };
    const info = (await call('get_score_info', { id })).structuredContent as Record<string, unknown>;
    const reference = music21References().get('bach/bwv66.6.mxl')!;
    expect(info).toMatchObject({
      partCount: reference.parts,
      measureCount: reference.measures,
      noteCount: reference.noteheads,
      restCount: reference.rests,
      durationQuarters: reference.duration,
      keySignatureFifths: reference.key_sharps,
      timeSignature: reference.time_sig,
    });
  });

  it('imports inline MusicXML text, inline base64 .mxl and a bundled corpus id', async () => {
    const text = await call('import_score', { content: readFileSync(TWO_VOICES, 'utf8'), format: 'musicxml' });
    expect(text.isError, textOf(text)).toBeFalsy();
    const base64 = await call('import_score', {
      content: readFileSync(CHORALE).toString('base64'),
      format: 'mxl',
      encoding: 'base64',
    });
    expect(base64.isError, textOf(base64)).toBeFalsy();
    const corpus = await call('import_score', { corpus: 'bach/bwv66.6' });
    expect(corpus.isError, textOf(corpus)).toBeFalsy();
    expect((corpus.structuredContent as { origin: string }).origin).toBe('corpus:bach/bwv66.6');
  });

  it('names the key of a chorale as music21 does, with alternatives', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string };
    const key = await call('analyze_key', { id });
    expect(key.structuredContent).toMatchObject({ tonic: 'F#', mode: 'minor' });
    const { alternatives, correlation } = key.structuredContent as { alternatives: unknown[]; correlation: number };
    expect(alternatives.length).toBeGreaterThan(0);
    expect(correlation).toBeGreaterThan(0.5);
    const krumhansl = await call('analyze_key', { id, method: 'krumhansl' });
    expect(krumhansl.structuredContent).toMatchObject({ method: 'krumhansl', tonic: 'F#', mode: 'minor' });
  });

  it('lists imported scores as score:// resources and reads one', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toContain(`score://${id}`);
    const read = await client.readResource({ uri: `score://${id}` });
    const body = JSON.parse((read.contents[0] as { text: string }).text) as { id: string; partCount: number };
    expect(body).toMatchObject({ id, partCount: 4 });
  });

  it('deletes a score, after which its id is unknown', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string };
    expect((await call('delete_score', { id })).structuredContent).toEqual({ id, deleted: true });
    await expectToolError('get_score_info', { id }, 'SCORE_NOT_FOUND');
    const listed = (await call('list_scores', { source: 'imported' })).structuredContent as { scores: { id: string }[] };
    expect(listed.scores.map((score) => score.id)).not.toContain(id);
  });
});

describe('cadenza serve refuses bad input with a clear tool error and keeps serving', () => {
  it('a missing file', async () => {
    await expectToolError('import_score', { path: join(root, 'nope.mxl') }, 'FILE_NOT_FOUND');
  });

  it('a path outside the allowed roots', async () => {
    await expectToolError('import_score', { path: join(outside, 'secret.mxl') }, 'PATH_NOT_ALLOWED');
  });

  it('a ../ traversal out of the root', async () => {
    await expectToolError('import_score', { path: `${root}/../${outside.split('/').pop()}/secret.mxl` }, 'PATH_NOT_ALLOWED');
  });

  it('a symbolic link that points outside the root', async () => {
    await expectToolError('import_score', { path: join(root, 'link-out.mxl') }, 'PATH_NOT_ALLOWED');
  });

  it('malformed XML, naming the line', async () => {
    const message = await expectToolError('import_score', { path: join(root, 'broken.xml') }, 'PARSE_FAILED');
    expect(message).toMatch(/line \d+/i);
  });

  it('XML with an external entity', async () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE score-partwise [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
      '<score-partwise><part-list/><part id="P1"><measure number="1">&xxe;</measure></part></score-partwise>';
    await expectToolError('import_score', { content: xxe, format: 'musicxml' }, 'UNSAFE_INPUT');
  });

  it('an .mxl zip bomb', async () => {
    const bomb = zipSync({ 'score.xml': new Uint8Array(160 * 1024 * 1024) }, { level: 9 });
    const content = Buffer.from(bomb).toString('base64');
    await expectToolError('import_score', { content, format: 'mxl', encoding: 'base64' }, 'LIMIT_EXCEEDED');
  });

  it('a 50 MB string', async () => {
    await expectToolError('import_score', { content: 'x'.repeat(50 * 1024 * 1024), format: 'musicxml' }, 'LIMIT_EXCEEDED');
  });

  it('an unknown corpus id, and no source or two sources at once', async () => {
    await expectToolError('import_score', { corpus: 'bach/nothing' }, 'CORPUS_NOT_FOUND');
    await expectToolError('import_score', {}, 'INVALID_ARGUMENT');
    await expectToolError('import_score', { corpus: 'bach/bwv66.6', path: 'x.xml' }, 'INVALID_ARGUMENT');
  });

  it('arguments that do not fit the schema', async () => {
    const result = await call('analyze_key', { id: 'x', method: 'astrology' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/method/);
  });
});

describe('cadenza serve over stdio, to a 2026-07-28 client (SDK v2)', () => {
  it('lists the tools, imports, analyses and reads a resource with no initialize', async () => {
    const modern = new ModernClient({ name: 'cadenza-e2e-modern', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await modern.connect(
      new ModernStdioTransport({
        command: process.execPath,
        args: [CLI, 'serve'],
        env: { PATH: process.env.PATH ?? '', CADENZA_LOG_LEVEL: 'warn', CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-data-')) },
        stderr: 'ignore',
      }),
    );
    try {
      expect(modern.getProtocolEra()).toBe('modern');
      expect((await modern.listTools()).tools.map((tool) => tool.name)).toContain('analyze_key');
      const { id } = (await modern.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })).structuredContent as { id: string };
      expect((await modern.callTool({ name: 'analyze_key', arguments: { id } })).structuredContent).toMatchObject({ name: 'F# minor' });
      expect(JSON.parse(((await modern.readResource({ uri: `score://${id}` })).contents[0] as { text: string }).text)).toMatchObject({ id });
    } finally {
      await modern.close();
    }
  }, 60_000);
});
