/** What people read in answers: corpus titles kept, counts and key signatures in words, labelled fields, every format named; lead sheets read from their symbols. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { count, keySignatureName, partsAndStaves } from '../../src/mcp/wording.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

let client: Client;

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result;
}

const summaryOf = (result: CallToolResult) => (result.content[0] as { text: string }).text;

beforeAll(async () => {
  const services = createServices(loadConfig({ CADENZA_LOG_LEVEL: 'silent', CADENZA_STORE: 'memory' }, process.cwd()), { work: new InlineWork() });
  const server = createMcpServer({ services, log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
});

describe('words in answers', () => {
  it('counts in the right number and names key signatures', () => {
    expect(count(1, 'cadence')).toBe('1 cadence');
    expect(count(0, 'cadence')).toBe('0 cadences');
    expect(count(2, 'harmony', 'harmonies')).toBe('2 harmonies');
    expect(keySignatureName(3)).toBe('3 sharps (A major / F♯ minor)');
    expect(keySignatureName(-1)).toBe('1 flat (F major / D minor)');
    expect(keySignatureName(0)).toBe('no sharps or flats (C major / A minor)');
    expect(partsAndStaves(4, 4)).toBe('4 parts');
    expect(partsAndStaves(1, 2)).toBe('1 part on 2 staves');
  });

  it('calls a piano on two staves one part on two staves, while partCount counts staves as music21 does', async () => {
    const staff = (number: number, step: string, octave: number) => `<note><pitch><step>${step}</step><octave>${octave}</octave></pitch><duration>4</duration><type>whole</type><staff>${number}</staff></note>`;
    const piano =
      '<?xml version="1.0"?><score-partwise version="4.0"><part-list><score-part id="P1"><part-name>Piano</part-name></score-part></part-list>' +
      '<part id="P1"><measure number="1"><attributes><divisions>1</divisions><time><beats>4</beats><beat-type>4</beat-type></time><staves>2</staves>' +
      '<clef number="1"><sign>G</sign><line>2</line></clef><clef number="2"><sign>F</sign><line>4</line></clef></attributes>' +
      `${staff(1, 'E', 5)}<backup><duration>4</duration></backup>${staff(2, 'C', 3)}</measure></part></score-partwise>`;
    const { id } = (await call('import_score', { content: piano, format: 'musicxml' })).structuredContent as { id: string };
    const info = await call('get_score_info', { id });
    expect(summaryOf(info)).toContain('1 part on 2 staves, 1 measure');
    expect(info.structuredContent).toMatchObject({ partCount: 2, parts: [{ name: 'Piano' }] });
  });

  it('keeps the corpus title and composer on import, and through transforms and imitate_style', async () => {
    const imported = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string; title: string; composer: string };
    expect(imported).toMatchObject({ title: 'Chorale, BWV 66.6', composer: 'Johann Sebastian Bach' });
    const quartet = (await call('import_score', { corpus: 'beethoven/opus18no1/movement2' })).structuredContent as { title: string };
    expect(quartet.title).toBe('String Quartet in F major, Op. 18 No. 1: II');
    const moved = (await call('transform_score', { id: imported.id, operation: 'transpose', interval: 'M2' })).structuredContent as { scoreId: string };
    expect(((await call('get_score_info', { id: moved.scoreId })).structuredContent as { title: string }).title).toBe('Chorale, BWV 66.6 (transposed up a major second)');
    const imitated = (await call('imitate_style', { ids: [imported.id] })).structuredContent as { title: string };
    expect(imitated.title).toBe('In the style of Chorale, BWV 66.6');
  }, 30_000);

  it('says "3 sharps" for a key signature of three sharps, and "1 cadence" for one', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string };
    expect(summaryOf(await call('get_score_info', { id }))).toMatch(/key signature: 3 sharps \(A major \/ F♯ minor\)\.$/);
    const passage = summaryOf(await call('analyze_harmony', { id, measures: { from: 2, to: 2 } }));
    expect(passage).toMatch(/^\d+ harmonies, 1 cadence \(PAC m2\)/);
  });

  it('labels onsets by metric position', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string };
    const rhythm = (await call('analyze_rhythm', { id })).structuredContent as { onsetsByWeight: Record<string, number>; onsetsByPosition: Record<string, number> };
    expect(Object.keys(rhythm.onsetsByPosition)).toEqual(['downbeat', 'strong beat', 'beat', 'half beat', 'finer']);
    expect(rhythm.onsetsByPosition['downbeat']).toBe(rhythm.onsetsByWeight['1']);
    const total = (record: Record<string, number>) => Object.values(record).reduce((sum, value) => sum + value, 0);
    expect(total(rhythm.onsetsByPosition)).toBe(total(rhythm.onsetsByWeight));
    const tool = (await client.listTools()).tools.find((candidate) => candidate.name === 'analyze_rhythm')!;
    expect(JSON.stringify(tool.outputSchema)).toMatch(/"1\\" downbeat/);
  });

  it('names every readable format, MEI included, in the server instructions and import_score', async () => {
    const instructions = client.getInstructions() ?? '';
    const importTool = (await client.listTools()).tools.find((tool) => tool.name === 'import_score')!;
    for (const format of ['MusicXML', 'kern', 'ABC', 'MIDI', 'MEI']) {
      expect(instructions).toContain(format);
      expect(importTool.description).toContain(format);
    }
  });
});

describe('lead sheets', () => {
  it('are analysed from their written chord symbols', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string };
    const sheet = (await call('harmonize_melody', { id, style: 'pop', output: 'lead-sheet' })).structuredContent as { scoreId: string; chords: { symbol: string }[] };
    const harmony = (await call('analyze_harmony', { id: sheet.scoreId, maxChords: 5000 })).structuredContent as { source: string; chords: { symbol?: string; figure: string }[] };
    expect(harmony.source).toBe('chord symbols');
    const written = sheet.chords.map((chord) => chord.symbol);
    const read = harmony.chords.map((chord) => chord.symbol);
    // the symbols analysed are the ones written, repeats of one symbol held as one
    expect(read.filter((symbol, index) => symbol !== read[index - 1])).toEqual(written.filter((symbol, index) => symbol !== written[index - 1]));
    const chords = (await call('analyze_chords', { id: sheet.scoreId })).structuredContent as { chords: unknown[]; total: number };
    expect(chords.total).toBe(harmony.chords.length);
  }, 30_000);
});
