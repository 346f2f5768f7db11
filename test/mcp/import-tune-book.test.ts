/**
 * import_score on an ABC tune book with no `tune` given: a 2026-07-28 client that declares elicitation is
 * asked which tune (a Multi Round-Trip Request, answered by the v2 Client's own elicitation handler); a
 * client that cannot be asked (no elicitation, or the 2025 era) gets the first tune and a warning naming
 * them all; `tune` chooses without asking.
 */
import { Client as ModernClient, StreamableHTTPClientTransport as ModernHttpTransport, type ElicitRequest } from '@modelcontextprotocol/client';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, connectModernClient, startTestServer, type TestServer } from '../support/http-server.js';

const BOOK = [
  'X:1\nT:The Kesh\nM:6/8\nL:1/8\nK:G\nGAG GAB|ABA ABd|]\n',
  'X:2\nT:Drowsy Maggie\nM:4/4\nL:1/8\nK:Edor\nE2BE dEBE|E2BE AFDF|]\n',
  'X:3\nT:Morrison\'s Jig\nM:6/8\nL:1/8\nK:Edor\nE3 B3|EBE AFD|]\n',
].join('\n');
const IMPORT = { name: 'import_score', arguments: { content: BOOK, format: 'abc' } };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({});
});

afterAll(async () => {
  await server.running.stop();
});

/** a v2 client whose person answers each elicitation with `answer` (or declines), and records the questions */
async function clientWhoAnswers(answer: ((request: ElicitRequest) => string) | 'decline') {
  const asked: ElicitRequest[] = [];
  const client = new ModernClient({ name: 'person', version: '1' }, { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode: { pin: '2026-07-28' } } });
  client.setRequestHandler('elicitation/create', async (request) => {
    asked.push(request);
    if (answer === 'decline') return { action: 'decline' };
    return { action: 'accept', content: { tune: answer(request) } };
  });
  await client.connect(new ModernHttpTransport(new URL(server.url)));
  return { client, asked };
}

function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

describe('import_score on a tune book', () => {
  it('asks a person who can be asked which tune, listing them, and imports the one chosen', async () => {
    const { client, asked } = await clientWhoAnswers(() => '1');
    const result = await client.callTool(IMPORT);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ title: 'Drowsy Maggie', diagnosticCount: 0 });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.params.message).toContain('3 tunes');
    const field = (asked[0]!.params as unknown as { requestedSchema: { properties: { tune: { oneOf: { const: string; title: string }[] } } } }).requestedSchema.properties.tune;
    expect(field.oneOf).toEqual([
      { const: '0', title: '1. X:1 "The Kesh"' },
      { const: '1', title: '2. X:2 "Drowsy Maggie"' },
      { const: '2', title: '3. X:3 "Morrison\'s Jig"' },
    ]);
    await client.close();
  });

  it('imports nothing when the person declines to choose', async () => {
    const { client } = await clientWhoAnswers('decline');
    const before = await client.callTool({ name: 'list_scores', arguments: { source: 'imported' } });
    const result = (await client.callTool(IMPORT)) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('CANCELLED');
    expect(await client.callTool({ name: 'list_scores', arguments: { source: 'imported' } })).toEqual(before);
    await client.close();
  });

  it('refuses an answer that is not one of the tunes offered', async () => {
    const { client } = await clientWhoAnswers(() => '9');
    const result = (await client.callTool(IMPORT)) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('INVALID_ARGUMENT');
    expect(textOf(result)).toContain('there is no tune 9');
    await client.close();
  });

  it.each([
    ['a 2026-07-28 client without elicitation', () => connectModernClient(server.url)],
    ['a 2025 client', () => connectClient(server.url)],
  ])('gives %s the first tune and a warning naming every tune and how to choose', async (_who, connect) => {
    const client = await connect();
    const result = (await client.callTool(IMPORT)) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ title: 'The Kesh', diagnosticCount: 1 });
    const [warning] = (result.structuredContent as { diagnostics: { severity: string; message: string }[] }).diagnostics;
    expect(warning!.severity).toBe('warning');
    expect(warning!.message).toContain('0 = X:1 "The Kesh", 1 = X:2 "Drowsy Maggie", 2 = X:3 "Morrison\'s Jig"');
    expect(textOf(result)).toContain('`tune`');
    await client.close();
  });

  it('imports the tune `tune` names without asking, and refuses one the book does not have', async () => {
    const { client, asked } = await clientWhoAnswers(() => '0');
    expect((await client.callTool({ ...IMPORT, arguments: { ...IMPORT.arguments, tune: 2 } })).structuredContent).toMatchObject({ title: "Morrison's Jig", diagnosticCount: 0 });
    expect(asked).toHaveLength(0);
    const missing = (await client.callTool({ ...IMPORT, arguments: { ...IMPORT.arguments, tune: 3 } })) as CallToolResult;
    expect(textOf(missing)).toContain('INVALID_ARGUMENT');
    const notAbc = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6', tune: 0 } })) as CallToolResult;
    expect(textOf(notAbc)).toContain('`tune` chooses a tune of an ABC tune book');
    await client.close();
  });
});
