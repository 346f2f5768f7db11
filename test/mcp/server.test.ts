/** The tools in-process: the SDK's Client talks to createMcpServer over an in-memory transport. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMcpServer } from '../../src/mcp/server.js';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';
import { TEST_CORPUS, TEST_SCORES } from '../support/corpus.js';

let client: Client;
const errors: unknown[] = [];
const log = { error: (details: Record<string, unknown>) => void errors.push(details) };

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

beforeEach(async () => {
  const config = loadConfig({ CADENZA_MAX_INPUT_BYTES: String(1024 * 1024), CADENZA_MAX_SCORES: '5', CADENZA_LOG_LEVEL: 'silent' }, process.cwd());
  const services = createServices(config, { work: new InlineWork() });
  const server = createMcpServer({ services, log, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
});

afterEach(async () => {
  await client.close();
  errors.length = 0;
});

describe('the MCP server in-process', () => {
  it('names an inline score without a title after the file it came from', async () => {
    const content = readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`).toString('base64');
    const imported = await call('import_score', { content, encoding: 'base64', format: 'mxl', name: 'uploads/bwv66.6.mxl' });
    expect((imported.structuredContent as { id: string }).id).toMatch(/^bwv66-6-[a-z2-7]{26}$/);
  });

  it('returns structured content matching each tool’s output schema, plus a readable text', async () => {
    const imported = await call('import_score', { corpus: 'bach/bwv269' });
    expect(imported.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Imported') });
    const { id } = imported.structuredContent as { id: string };
    expect(id).toMatch(/^[a-z0-9-]+$/);
    const info = await call('get_score_info', { id });
    expect(info.structuredContent).toMatchObject({ id, partCount: 4, timeSignature: '3/4', keySignatureFifths: 1 });
    const key = await call('analyze_key', { id, alternatives: 3 });
    expect(key.structuredContent).toMatchObject({ tonic: 'G', mode: 'major', method: 'aarden' });
    expect((key.structuredContent as { alternatives: unknown[] }).alternatives).toHaveLength(3);
  });

  it('analyzes harmony: roman numerals with local keys, and cadences at the fermatas', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const harmony = await call('analyze_harmony', { id });
    const { chords, cadences } = harmony.structuredContent as {
      chords: { measure: string; beat: number; key: string; figure: string; offsetQuarters: number }[];
      cadences: { type: string; measure: string }[];
    };
    expect(chords[0]).toMatchObject({ offsetQuarters: 0, measure: '0', beat: 3, key: 'G major', figure: 'I' });
    expect(chords.find((chord) => chord.measure === '1' && chord.beat === 3)).toMatchObject({ figure: 'V6' });
    expect(cadences).toContainEqual(expect.objectContaining({ type: 'PAC', measure: '7' }));
    expect(cadences).toContainEqual(expect.objectContaining({ type: 'HC', measure: '4' }));
    const global = (await call('analyze_harmony', { id, keys: 'global', maxChords: 3 })).structuredContent as { chords: unknown[]; truncated: boolean };
    expect(global.chords).toHaveLength(3);
    expect(global.truncated).toBe(true);
  });

  it('finds local keys and modulations on request', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string };
    const key = (await call('analyze_key', { id, regions: true })).structuredContent as {
      name: string;
      regions: { key: string; fromMeasure: string; confidence: number }[];
      modulations: { from: string; to: string }[];
    };
    expect(key.name).toBe('F# minor');
    expect(key.regions.length).toBeGreaterThan(1);
    expect(key.regions.map((region) => region.key)).toContain('A major');
    expect(key.modulations).toHaveLength(key.regions.length - 1);
    for (const region of key.regions) expect(region.confidence).toBeLessThanOrEqual(1);
  });

  it('names the key as the notes spell it: D♭ major, not C♯ major, as analyze_harmony does', async () => {
    const abc = 'X:1\nT:Db\nM:4/4\nL:1/4\nK:Db\nDFAd|GBce|dAFD|A,CEA|D4|]\n';
    const { id } = (await call('import_score', { content: abc, format: 'abc' })).structuredContent as { id: string };
    const key = (await call('analyze_key', { id, alternatives: 23 })).structuredContent as { name: string; tonic: string; alternatives: { name: string }[] };
    expect(key).toMatchObject({ name: 'Db major', tonic: 'Db' });
    expect(key.alternatives.map((alternative) => alternative.name)).toContain('Bb minor');
    expect(key.alternatives.map((alternative) => alternative.name)).not.toContain('C# major');
    const harmony = (await call('analyze_harmony', { id, keys: 'global' })).structuredContent as { chords: { key: string }[] };
    expect(harmony.chords[0]?.key).toBe(key.name);
  });

  it('checks voice leading, counting findings by kind and filtering on request', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const all = (await call('analyze_voice_leading', { id })).structuredContent as { counts: Record<string, number>; findings: { issue: string; measure: string }[] };
    expect(all.counts['parallel fifths'] ?? 0).toBe(0);
    const leaps = (await call('analyze_voice_leading', { id, issues: ['large leap'] })).structuredContent as { findings: { issue: string }[] };
    expect(leaps.findings.every((finding) => finding.issue === 'large leap')).toBe(true);
  });

  it('describes a melody and the rhythm, and names the voices when asked for a missing one', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const melody = (await call('analyze_melody', { id })).structuredContent as { voice: string; voices: string[]; range: { semitones: number } };
    expect(melody.voices).toHaveLength(4);
    expect(melody.voice).toBe(melody.voices[0]);
    const bass = (await call('analyze_melody', { id, voice: 3 })).structuredContent as { voice: string };
    expect(bass.voice).toBe(melody.voices[3]);
    const missing = await call('analyze_melody', { id, voice: 'Kazoo' });
    expect(missing.isError).toBe(true);
    const rhythm = (await call('analyze_rhythm', { id })).structuredContent as { meters: { timeSignature: string }[] };
    expect(rhythm.meters[0]).toMatchObject({ timeSignature: '3/4' });
  });

  it('finds recurring motifs', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const found = (await call('find_patterns', { id, maxPatterns: 5 })).structuredContent as { patterns: { occurrences: unknown[]; length: number }[] };
    expect(found.patterns.length).toBeGreaterThan(0);
    expect(found.patterns.length).toBeLessThanOrEqual(5);
    for (const pattern of found.patterns) expect(pattern.occurrences.length).toBeGreaterThanOrEqual(2);
  });

  it('compares scores by pitch-class and interval profiles', async () => {
    const ids: string[] = [];
    for (const corpus of ['bach/bwv269', 'bach/bwv347', 'beethoven/opus18no1/movement2']) {
      ids.push(((await call('import_score', { corpus })).structuredContent as { id: string }).id);
    }
    const compared = (await call('compare_scores', { ids })).structuredContent as { pairs: { a: string; b: string; similarity: number }[]; profiles: { pitchClasses: number[] }[] };
    expect(compared.pairs).toHaveLength(3);
    const chorales = compared.pairs.find((pair) => pair.a === ids[0] && pair.b === ids[1])!;
    for (const pair of compared.pairs) expect(pair.similarity).toBeLessThanOrEqual(1);
    expect(chorales.similarity).toBeGreaterThan(0.8);
    expect(compared.profiles[0]!.pitchClasses.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 2);
  });

  it('compares its analysis with a human RomanText analysis', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const romantext = 'Time Signature: 3/4\nm0 b3 G: I\nm1 b2 IV6 b3 V6\nm2 I b2 V b3 vi\nm3 IV b2.5 viio6 b3 I\nm4 V';
    const result = await call('compare_analysis', { id, romantext });
    const comparison = result.structuredContent as { onsets: number; figureAgreement: number; keyAgreement: number };
    expect(comparison.onsets).toBe(11);
    expect(comparison.keyAgreement).toBe(1);
    expect(comparison.figureAgreement).toBeGreaterThan(0.7);
    const broken = await call('compare_analysis', { id, romantext: 'this is not RomanText' });
    expect(broken.isError).toBe(true);
  });

  it('imports Humdrum **kern content', async () => {
    const kern = '!!!OTL: Scale\n**kern\n*M4/4\n*k[]\n=1\n4c\n4d\n4e\n4f\n=2\n1g\n*-\n';
    const imported = await call('import_score', { content: kern, format: 'kern' });
    const { id } = imported.structuredContent as { id: string };
    const info = (await call('get_score_info', { id })).structuredContent as { noteCount: number; measureCount: number; title: string; format: string };
    expect(info).toMatchObject({ noteCount: 5, measureCount: 2, title: 'Scale', format: 'kern' });
  });

  it('imports an ABC tune', async () => {
    const abc = 'X:1\nT:Scale\nM:4/4\nL:1/4\nK:D\nDEFG|A4|]\n';
    const { id } = (await call('import_score', { content: abc, format: 'abc' })).structuredContent as { id: string };
    const info = (await call('get_score_info', { id })).structuredContent as { noteCount: number; keySignatureFifths: number; format: string; pitchClassHistogram: number[] };
    expect(info).toMatchObject({ noteCount: 5, keySignatureFifths: 2, format: 'abc' });
    expect(info.pitchClassHistogram[6]).toBe(1);
  });

  it('imports MIDI sent base64-encoded, and refuses it as plain text', async () => {
    const { readFileSync } = await import('node:fs');
    const content = readFileSync(`${TEST_CORPUS}midi/bwv269.mid`).toString('base64');
    const { id } = (await call('import_score', { content, format: 'midi', encoding: 'base64' })).structuredContent as { id: string };
    const info = (await call('get_score_info', { id })).structuredContent as { partCount: number; format: string; keySignatureFifths: number };
    expect(info).toMatchObject({ partCount: 4, format: 'midi', keySignatureFifths: 1 });
    const refused = await call('import_score', { content: 'MThd', format: 'midi' });
    expect(refused.isError).toBe(true);
  });

  it('exports a score as MIDI that imports back', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const exported = (await call('export_score', { id, format: 'midi' })).structuredContent as { content: string; mimeType: string; bytes: number };
    expect(exported.mimeType).toBe('audio/midi');
    const again = (await call('import_score', { content: exported.content, format: 'midi', encoding: 'base64' })).structuredContent as { id: string };
    const info = (await call('get_score_info', { id: again.id })).structuredContent as { partCount: number };
    expect(info.partCount).toBe(4);
    const xml = (await call('export_score', { id, format: 'musicxml', inline: true })).structuredContent as { content: string };
    expect(Buffer.from(xml.content, 'base64').toString('utf8')).toMatch(/^<\?xml/);
  });

  it('chordifies and names the verticals, merging repeats on request', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const all = (await call('analyze_chords', { id })).structuredContent as { chords: { pitches: string[]; pitchedCommonName: string; inversion?: number }[]; total: number };
    expect(all.chords[0]).toMatchObject({ pitches: ['G2', 'B3', 'D4', 'G4'], pitchedCommonName: 'G-major triad', inversion: 0 });
    const merged = (await call('analyze_chords', { id, merge: true })).structuredContent as { total: number };
    expect(merged.total).toBeLessThan(all.total);
  });

  it('lists the bundled corpus', async () => {
    const listed = await call('list_scores', { source: 'corpus' });
    const { corpus, scores } = listed.structuredContent as { corpus: { id: string }[]; scores: unknown[] };
    expect(corpus.map((entry) => entry.id)).toContain('bach/bwv66.6');
    expect(scores).toEqual([]);
  });

  it('turns a coded failure into a tool error with its code and hint, without logging it as a bug', async () => {
    const result = await call('get_score_info', { id: 'missing' });
    expect(result.isError).toBe(true);
    expect(result.content[0]).toMatchObject({ text: expect.stringMatching(/^SCORE_NOT_FOUND: .*\nHint: /s) });
    expect(errors).toEqual([]);
  });

  it('refuses new scores once the store is full, saying what to do', async () => {
    for (let i = 0; i < 5; i++) expect((await call('import_score', { corpus: 'bach/bwv66.6' })).isError).toBeFalsy();
    const refused = await call('import_score', { corpus: 'bach/bwv66.6' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]).toMatchObject({ text: expect.stringContaining('delete_score') });
  });

  it('reports an unknown resource with the resource-not-found error of the 2026-07-28 revision (-32602), naming the uri', async () => {
    await expect(client.readResource({ uri: 'score://nothing' })).rejects.toMatchObject({ code: -32602, data: { uri: 'score://nothing' } });
  });

  it('reports progress of an import to a client that asks for it', async () => {
    const steps: { progress: number; total?: number; message?: string }[] = [];
    await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv269' } }, undefined, { onprogress: (step) => steps.push(step) });
    expect(steps.map((step) => step.progress)).toEqual([1, 2, 3]);
    expect(steps[0]).toMatchObject({ total: 3, message: expect.stringContaining('Parsing') });
  });

  it('exports and then erases all of a tenant’s data on an admin’s request', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const exported = (await call('export_tenant_data', { tenant: 'local' })).structuredContent as { scoreCount: number; scores: { id: string; model: string }[] };
    expect(exported.scoreCount).toBe(1);
    expect(JSON.parse(exported.scores[0]!.model)).toMatchObject({ v: 1, score: { parts: expect.any(Array) } });
    expect(exported).not.toHaveProperty('nextCursor');
    expect((await call('delete_tenant_data', { tenant: 'local', confirm: false })).isError).toBe(true);
    expect((await call('delete_tenant_data', { tenant: 'local', confirm: true })).structuredContent).toEqual({ tenant: 'local', deleted: 1 });
    expect((await call('get_score_info', { id }))._meta?.['cadenza/errorCode']).toBe('SCORE_NOT_FOUND');
  });

  it('exports a tenant’s data a page at a time, each page bounded, every score once', async () => {
    const ids = new Set<string>();
    for (const corpus of ['bach/bwv269', 'bach/bwv66.6', 'bach/bwv269', 'bach/bwv66.6']) ids.add(((await call('import_score', { corpus })).structuredContent as { id: string }).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call('export_tenant_data', { tenant: 'local', ...(cursor ? { cursor } : {}), limit: 3 });
      const exported = page.structuredContent as { scoreCount: number; scores: { id: string }[]; nextCursor?: string };
      expect(exported.scoreCount).toBe(4);
      expect(exported.scores.length).toBeLessThanOrEqual(3);
      seen.push(...exported.scores.map((score) => score.id));
      cursor = exported.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    const byBudget = (await call('export_tenant_data', { tenant: 'local' })).structuredContent as { scores: unknown[]; nextCursor?: string };
    expect(byBudget.scores.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(byBudget).length).toBeLessThan(16 * 1024 + JSON.stringify(byBudget.scores[0]).length);
    expect((await client.callTool({ name: 'export_tenant_data', arguments: { tenant: 'local', cursor: 'bm9wZQ' } }))._meta?.['cadenza/errorCode']).toBe('INVALID_ARGUMENT');
    await call('delete_tenant_data', { tenant: 'local', confirm: true });
  });

  it('answers health_check with each check', async () => {
    expect((await call('health_check', {})).structuredContent).toEqual({ healthy: true, checks: [] });
  });

  it('analyses a corpus: bundled scores and imported ones, with a row each, progress and a summary', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
    const steps: number[] = [];
    const result = (await client.callTool({ name: 'analyze_corpus', arguments: { corpus: true, filter: 'bach/', ids: [id] } }, undefined, {
      onprogress: (step) => steps.push(step.progress),
    })) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const { rows, summary } = result.structuredContent as { rows: { source: string; key: string }[]; summary: { scores: number; modes: { major: number; minor: number } } };
    expect(rows.at(-1)).toMatchObject({ source: id, key: 'G major' });
    expect(rows.filter((row) => row.source.startsWith('corpus:bach/')).length).toBe(rows.length - 1);
    expect(summary.scores).toBe(rows.length);
    expect(summary.modes.major + summary.modes.minor).toBe(rows.length);
    expect(steps).toEqual(rows.map((_row, index) => index + 1));
    expect((await call('analyze_corpus', { corpus: true, filter: 'no such composer' }))._meta?.['cadenza/errorCode']).toBe('INVALID_ARGUMENT');
  });

  it('offers prompts that walk a model through the tools for a score', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name).sort()).toEqual(['analyze_score', 'check_part_writing', 'explain_passage', 'harmonize_melody']);
    const corpus = await client.getPrompt({ name: 'analyze_score', arguments: { score: 'bach/bwv66.6' } });
    const text = (corpus.messages[0]!.content as { text: string }).text;
    expect(text).toContain('corpus: "bach/bwv66.6"');
    for (const tool of ['analyze_key', 'analyze_harmony', 'analyze_voice_leading', 'find_patterns']) expect(text).toContain(tool);
    const passage = await client.getPrompt({ name: 'explain_passage', arguments: { score: 'bwv66-6-0a1b2c3d', measures: '5-8' } });
    expect((passage.messages[0]!.content as { text: string }).text).toMatch(/id "bwv66-6-0a1b2c3d"[\s\S]*render_score \(format png, measures "5-8"\)/);
    await expect(client.getPrompt({ name: 'explain_passage', arguments: { score: 'x', measures: 'all of it' } })).rejects.toThrow();
  });
});
