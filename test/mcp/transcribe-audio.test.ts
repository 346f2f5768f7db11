/**
 * transcribe_audio through the MCP client: four bars of a chorale rendered here by render_audio (Cadenza's
 * own synthesizer and bank) and written down again as a new score, with the chorale's key, meter and
 * most of its notes; bad audio refused with a code.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectInMemoryClient } from '../support/tool-client.js';

let client: Client;
let chorale: string;
let wavBase64: string;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const structured = <T>(result: CallToolResult): T => {
  expect(result.isError, JSON.stringify(result.content[0])).toBeFalsy();
  return result.structuredContent as T;
};

beforeAll(async () => {
  client = await connectInMemoryClient();
  chorale = structured<{ id: string }>(await call('import_score', { corpus: 'bach/bwv66.6' })).id;
  const rendered = await call('render_audio', { id: chorale, format: 'wav', measures: { from: 1, to: 4 }, inline: true });
  wavBase64 = (rendered.content.find((block) => block.type === 'audio') as { data: string }).data;
}, 60_000);

describe('transcribe_audio', () => {
  it('writes four bars of a chorale down again: its key, its meter, its tempo, and a new score to analyse', async () => {
    const facts = structured<{ id: string; key: string; meter: string; quarterBpm: number; notes: number; partCount: number; measureCount: number; durationSeconds: number }>(
      await call('transcribe_audio', { content: wavBase64, title: 'Heard chorale' }),
    );
    // four bars of four quarters in four voices, less the notes tied over: 59 attacks in the score
    expect(facts).toMatchObject({ key: 'F# minor', meter: '4/4', partCount: 2 });
    expect(facts.quarterBpm).toBeGreaterThan(90);
    expect(facts.quarterBpm).toBeLessThan(102);
    expect(facts.notes).toBeGreaterThan(45);
    expect(facts.notes).toBeLessThan(90);
    expect(facts.durationSeconds).toBeCloseTo((16 * 60) / 96 + 1.5, 0);
    expect(facts.id).toMatch(/^heard-chorale-/);
    const key = structured<{ name: string }>(await call('analyze_key', { id: facts.id }));
    expect(key.name).toBe('F# minor');
    const info = structured<{ title?: string }>(await call('get_score_info', { id: facts.id }));
    expect(info.title).toBe('Heard chorale');
  }, 120_000);

  it('refuses bytes that are no audio with UNSUPPORTED_FORMAT, and a cut-off WAV with PARSE_FAILED', async () => {
    const text = await call('transcribe_audio', { content: Buffer.from('not a recording').toString('base64') });
    expect(text.isError).toBe(true);
    expect(JSON.stringify(text.content)).toContain('UNSUPPORTED_FORMAT');
    const cut = await call('transcribe_audio', { content: Buffer.from(wavBase64, 'base64').subarray(0, 40).toString('base64') });
    expect(cut.isError).toBe(true);
    expect(JSON.stringify(cut.content)).toContain('PARSE_FAILED');
  });

  it('asks for exactly one source', async () => {
    const both = await call('transcribe_audio', { content: wavBase64, path: '/tmp/x.wav' });
    expect(JSON.stringify(both.content)).toContain('INVALID_ARGUMENT');
  });

  it('refuses silence: no notes heard', async () => {
    const silence = Buffer.from(wavBase64, 'base64');
    silence.fill(0, 44);
    const result = await call('transcribe_audio', { content: silence.toString('base64') });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('No notes were heard');
  }, 60_000);
});
