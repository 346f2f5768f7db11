/**
 * The corpus tools through real SDK clients, two tenants sharing one server's services (a real data
 * folder, the bundled corpus): each builds and searches its own corpora and never sees the other's.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import type { Services } from '../../src/mcp/ports.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-corpus-tools-'));
let services: Services;
const clients = new Map<string, Client>();

async function connect(tenant: string): Promise<Client> {
  const server = createMcpServer({ services, log: { error: () => undefined }, version: 'test', tenantOf: () => tenant });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: tenant, version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  clients.set(tenant, client);
  return client;
}

async function call(tenant: string, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const client = clients.get(tenant) ?? (await connect(tenant));
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

async function ok<T>(tenant: string, name: string, args: Record<string, unknown>): Promise<T> {
  const result = await call(tenant, name, args);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as T;
}

function errorText(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  return JSON.stringify(result.content);
}

interface Search {
  total: number;
  kind: string;
  results: { pieceId: string; measure: string; beat: number; slice: string; transposition?: number; key?: string; partId?: string }[];
  nextCursor?: string;
}

beforeAll(async () => {
  const config = loadConfig({ CADENZA_DATA_DIR: dataDir, CADENZA_LOG_LEVEL: 'silent' }, process.cwd());
  services = createServices(config, { work: new InlineWork() });
});

afterAll(async () => {
  await Promise.all([...clients.values()].map((client) => client.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('corpus tools', () => {
  it('builds a corpus from stored scores and finds a passage of one of them where it is', async () => {
    const ids: string[] = [];
    for (const corpus of ['bach/bwv66.6', 'bach/bwv269', 'bach/bwv347']) ids.push((await ok<{ id: string }>('alice', 'import_score', { corpus })).id);
    const created = await ok<{ pieces: number; added: number; harmonies: number }>('alice', 'create_corpus', { name: 'chorales' });
    expect(created).toMatchObject({ pieces: 3, added: 3 });
    expect(created.harmonies).toBeGreaterThan(0);
    const found = await ok<Search>('alice', 'search_corpus', { corpus: 'chorales', passage: { scoreId: ids[1], measures: { from: 1, to: 2 } } });
    expect(found.kind).toBe('melodic');
    expect(found.results[0]).toMatchObject({ pieceId: ids[1], measure: '1', transposition: 0 });
    const listed = await ok<{ corpora: { name: string; pieces: number; bundled: boolean }[] }>('alice', 'list_corpora', {});
    expect(listed.corpora.map((corpus) => corpus.name)).toEqual(['bundled', 'chorales']);
  });

  it('adds scores to a corpus without replacing it', async () => {
    const { id } = await ok<{ id: string }>('alice', 'import_score', { corpus: 'bach/bwv40.8' });
    expect(await ok('alice', 'create_corpus', { name: 'chorales', ids: [id], add: true })).toMatchObject({ pieces: 4, added: 1 });
  });

  it('keeps each tenant’s corpora to itself', async () => {
    expect(errorText(await call('bob', 'search_corpus', { corpus: 'chorales', notes: 'C4 D4 E4' }))).toContain('CORPUS_NOT_FOUND');
    const bobs = await ok<{ corpora: { name: string }[] }>('bob', 'list_corpora', {});
    expect(bobs.corpora.map((corpus) => corpus.name)).toEqual(['bundled']);
    const alices = (await ok<{ scores: { id: string }[] }>('alice', 'list_scores', {})).scores.map((score) => score.id);
    expect(errorText(await call('bob', 'create_corpus', { name: 'stolen', ids: alices.slice(0, 1) }))).toContain('SCORE_NOT_FOUND');
    expect(errorText(await call('bob', 'search_corpus', { corpus: 'bundled', passage: { scoreId: alices[0], measures: { from: 1, to: 2 } } }))).toContain('SCORE_NOT_FOUND');
  });

  it('keeps a tenant whose name looks like a path inside its own folder', async () => {
    for (const tenant of ['..', '../alice', 't-alice']) {
      await ok(tenant, 'import_score', { corpus: 'bach/bwv269' });
      await ok(tenant, 'create_corpus', { name: 'chorales' });
      expect((await ok<{ corpora: { name: string; pieces: number }[] }>(tenant, 'list_corpora', {})).corpora[1]).toMatchObject({ name: 'chorales', pieces: 1 });
    }
    const files = readdirSync(dataDir, { recursive: true }).map(String).filter((file) => file.endsWith('.cdzc'));
    expect(files.every((file) => relative(join(dataDir, 'corpora'), join(dataDir, file)).startsWith('t-'))).toBe(true);
    expect(files).toHaveLength(4);
    expect((await ok<{ corpora: { pieces: number }[] }>('alice', 'list_corpora', {})).corpora[1]!.pieces).toBe(4);
  });

  it('searches the bundled corpus by progression, in any key, before a cadence', async () => {
    const found = await ok<Search>('carol', 'search_corpus', { progression: 'V I', beforeCadence: 'any', limit: 3 });
    expect(found.kind).toBe('harmonic');
    expect(found.total).toBeGreaterThan(3);
    expect(found.nextCursor).toBeDefined();
    expect(new Set(found.results.map((result) => result.key)).size).toBeGreaterThan(0);
    expect(found.results.every((result) => result.slice.startsWith('V I'))).toBe(true);
    const next = await ok<Search>('carol', 'search_corpus', { progression: 'V I', beforeCadence: 'any', limit: 3, cursor: found.nextCursor });
    expect(next.results[0]).not.toEqual(found.results[0]);
  });

  it('gives statistics of a corpus, of a filter and of a query’s pieces', async () => {
    interface Statistics { pieces: number; keys: { value: string; count: number }[]; meters: unknown[]; chords: { value: string }[]; cadences: unknown[]; intervals: unknown[] }
    const all = await ok<Statistics>('carol', 'corpus_statistics', {});
    expect(all.pieces).toBe(services.corpus.list().length);
    expect(all.chords.length).toBeGreaterThan(0);
    const bach = await ok<Statistics>('carol', 'corpus_statistics', { filter: 'bach/' });
    expect(bach.pieces).toBe(services.corpus.list().filter((entry) => entry.id.startsWith('bach/')).length);
    const queried = await ok<Statistics>('carol', 'corpus_statistics', { progression: 'V7/V' });
    expect(queried.pieces).toBeLessThanOrEqual(all.pieces);
    expect((all as { chart?: string }).chart).toBeUndefined();
    const charted = await ok<Statistics & { chart: string }>('carol', 'corpus_statistics', { filter: 'bach/', chart: true });
    expect(charted.chart).toMatch(/^<svg /);
    // the chart's first key bar is the most frequent key the numbers name
    expect(charted.chart).toContain(`data-value="${charted.keys[0]!.value}" data-count="${charted.keys[0]!.count}"`);
  });

  it('erases a tenant’s corpora with its scores', async () => {
    await ok('dave', 'import_score', { corpus: 'bach/bwv269' });
    await ok('dave', 'create_corpus', { name: 'mine' });
    await ok('dave', 'delete_tenant_data', { tenant: 'dave', confirm: true });
    expect((await ok<{ corpora: { name: string }[] }>('dave', 'list_corpora', {})).corpora.map((corpus) => corpus.name)).toEqual(['bundled']);
    expect((await ok<{ corpora: { name: string }[] }>('alice', 'list_corpora', {})).corpora.map((corpus) => corpus.name)).toEqual(['bundled', 'chorales']);
  });

  it('refuses unclear queries and the bundled corpus as a target, with typed errors', async () => {
    expect(errorText(await call('carol', 'search_corpus', { notes: 'C4 D4', progression: 'V I' }))).toContain('INVALID_ARGUMENT');
    expect(errorText(await call('carol', 'search_corpus', {}))).toContain('INVALID_ARGUMENT');
    expect(errorText(await call('carol', 'search_corpus', { notes: 'C4 Q4 E4' }))).toContain('not a pitch name');
    expect(errorText(await call('carol', 'search_corpus', { progression: 'V <script>' }))).toContain('not a roman numeral');
    expect(errorText(await call('carol', 'search_corpus', { notes: 'C4 D4 E4', tolerance: 3 }))).toContain('too large');
    expect(errorText(await call('carol', 'create_corpus', { name: 'bundled' }))).toContain('FORBIDDEN');
    expect((await call('carol', 'search_corpus', { corpus: '../alice', notes: 'C4 D4 E4' })).isError).toBe(true);
  });
});
