/**
 * Editing through the SDK's Client, in-process: a parallel fifth found by analyze_voice_leading is
 * removed by the ids the finding names; versions are listed, read ("id@1") and reverted; a stale
 * baseVersion gets CONFLICT; a batch that breaks a bar changes nothing; another tenant reaches none of it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../src/mcp/ports.js';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';
import { TEST_SCORES } from '../support/corpus.js';

const clients: Client[] = [];
let services: Services;

async function connect(tenant: string): Promise<(name: string, args: Record<string, unknown>) => Promise<CallToolResult>> {
  const server = createMcpServer({ services, log: { error: () => undefined }, version: 'test', tenantOf: () => tenant });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: tenant, version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  clients.push(client);
  return async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult;
}

beforeEach(() => {
  const config = loadConfig({ CADENZA_LOG_LEVEL: 'silent' }, process.cwd());
  services = createServices(config, { work: new InlineWork() });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

interface Finding {
  issue: string;
  measure: string;
  beat: number;
  voices: string[];
  noteIds: string[];
}

const errorCode = (result: CallToolResult) => result._meta?.['cadenza/errorCode'];

async function importChorale(call: Awaited<ReturnType<typeof connect>>): Promise<string> {
  const content = readFileSync(`${TEST_SCORES}bach/bwv113.8.mxl`).toString('base64');
  const imported = await call('import_score', { content, encoding: 'base64', format: 'mxl' });
  return (imported.structuredContent as { id: string }).id;
}

async function parallelFifths(call: Awaited<ReturnType<typeof connect>>, id: string): Promise<Finding[]> {
  const analysis = await call('analyze_voice_leading', { id, issues: ['parallel fifths'] });
  return (analysis.structuredContent as { findings: Finding[] }).findings;
}

describe('edit_score, list_versions and revert_score through the SDK client', () => {
  it('removes a parallel fifth by the ids analyze_voice_leading names, as version 2, and reverts it as version 3', async () => {
    const call = await connect('alice');
    const id = await importChorale(call);
    const [fifth] = await parallelFifths(call, id);
    expect(fifth?.noteIds).toHaveLength(4);
    // the upper voice's second note of the pair moves a step down: a third above the bass, not a fifth
    const upperSecond = fifth!.noteIds[2]!;
    const edited = await call('edit_score', { id, baseVersion: 1, operations: [{ op: 'set_pitch', target: upperSecond, pitch: 'A3' }], note: 'No parallel fifths in bar 12' });
    expect(edited.isError).toBeFalsy();
    expect(edited.structuredContent).toMatchObject({ id, version: 2, baseVersion: 1 });
    const after = await parallelFifths(call, id);
    expect(after.filter((finding) => finding.measure === fifth!.measure && finding.beat === fifth!.beat && finding.voices.join() === fifth!.voices.join())).toEqual([]);
    expect(await parallelFifths(call, `${id}@1`)).toEqual(expect.arrayContaining([expect.objectContaining({ measure: fifth!.measure, noteIds: fifth!.noteIds })]));

    const listed = (await call('list_versions', { id })).structuredContent as { current: number; versions: { version: number; author: string; change: string }[] };
    expect(listed.current).toBe(2);
    expect(listed.versions.map((version) => [version.version, version.author, version.change])).toEqual([
      [2, 'alice', 'No parallel fifths in bar 12'],
      [1, 'alice', 'Imported from inline'],
    ]);

    const reverted = await call('revert_score', { id, version: 1, baseVersion: 2 });
    expect(reverted.structuredContent).toMatchObject({ version: 3, restored: 1 });
    const exported = async (ref: string) => ((await call('export_score', { id: ref, format: 'musicxml', inline: true })).structuredContent as { content: string }).content;
    expect((await exported(id)).length).toBeGreaterThan(1000);
    expect(await exported(id)).toBe(await exported(`${id}@1`));
    expect(await exported(id)).not.toBe(await exported(`${id}@2`));
    expect(await parallelFifths(call, id)).toEqual(await parallelFifths(call, `${id}@1`));
  });

  it('lets one of two edits on the same base win; the other gets CONFLICT naming the current version', async () => {
    const call = await connect('alice');
    const id = await importChorale(call);
    const edit = (pitch: string) => call('edit_score', { id, baseVersion: 1, operations: [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch }] });
    const results = await Promise.all([edit('C5'), edit('D5')]);
    expect(results.map((result) => Boolean(result.isError)).sort()).toEqual([false, true]);
    const loser = results.find((result) => result.isError)!;
    expect(errorCode(loser)).toBe('CONFLICT');
    expect(JSON.stringify(loser.content)).toContain('version 2');
    expect(((await call('list_versions', { id })).structuredContent as { current: number }).current).toBe(2);
  });

  it('refuses a batch that would break a bar, whole, with INVALID_EDIT naming the bar, and keeps version 1', async () => {
    const call = await connect('alice');
    const id = await importChorale(call);
    const refused = await call('edit_score', {
      id,
      operations: [
        { op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: 'C5' },
        { op: 'set_duration', target: 'P2-m3-v1-e1', duration: 8 },
      ],
    });
    expect(errorCode(refused)).toBe('INVALID_EDIT');
    expect(JSON.stringify(refused.content)).toMatch(/Measure \S+ of part P2/);
    expect(((await call('list_versions', { id })).structuredContent as { current: number }).current).toBe(1);
  });

  it('keeps another tenant away from a score’s edits, versions and reverts', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const id = await importChorale(alice);
    await alice('edit_score', { id, operations: [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: 'C5' }] });
    for (const [name, args] of [
      ['edit_score', { id, operations: [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: 'D5' }] }],
      ['list_versions', { id }],
      ['revert_score', { id, version: 1 }],
      ['export_score', { id: `${id}@1`, format: 'musicxml' }],
    ] as const) {
      expect(errorCode(await bob(name, args)), name).toBe('SCORE_NOT_FOUND');
    }
    expect(((await alice('list_versions', { id })).structuredContent as { current: number }).current).toBe(2);
  });
});
