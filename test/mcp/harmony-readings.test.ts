/** analyze_harmony's confidences and alternative readings, and the `modal` option of analyze_key and analyze_harmony, through the SDK client. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { AMBIGUOUS } from '../../src/analysis/chord-alternatives-calibration.js';
import { connectInMemoryClient } from '../support/tool-client.js';

let client: Client;
let chorale: string;
let madrigal: string;

interface Reading {
  key: string;
  figure: string;
  confidence: number;
}
interface Chord extends Reading {
  confidence: number;
  alternatives?: Reading[];
}

async function call(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  expect(JSON.stringify(result).length).toBeLessThan(16 * 1024);
  return result.structuredContent as Record<string, unknown>;
}

const importCorpus = async (corpus: string) => ((await client.callTool({ name: 'import_score', arguments: { corpus } })).structuredContent as { id: string }).id;

beforeAll(async () => {
  client = await connectInMemoryClient({ CADENZA_STORE: 'memory' });
  chorale = await importCorpus('bach/bwv66.6');
  madrigal = await importCorpus('monteverdi/madrigal.3.3');
}, 60_000);

describe('analyze_harmony readings', () => {
  it('gives every chord a confidence, and alternatives only to the ambiguous ones by default', async () => {
    const chords = (await call('analyze_harmony', { id: chorale })).chords as Chord[];
    expect(chords.every((chord) => chord.confidence > 0 && chord.confidence <= 1)).toBe(true);
    for (const chord of chords) {
      if (chord.confidence >= AMBIGUOUS) expect(chord.alternatives).toBeUndefined();
      for (const reading of chord.alternatives ?? []) expect(`${reading.key} ${reading.figure}`).not.toBe(`${chord.key} ${chord.figure}`);
    }
  });

  it('lists up to two alternatives for every chord with detail ["alternatives"], most likely first', async () => {
    const chords = (await call('analyze_harmony', { id: chorale, detail: ['alternatives'] })).chords as Chord[];
    const listed = chords.filter((chord) => (chord.alternatives?.length ?? 0) > 0);
    expect(listed.length).toBeGreaterThan(chords.length / 2);
    for (const chord of listed) {
      expect(chord.alternatives!.length).toBeLessThanOrEqual(2);
      const confidences = chord.alternatives!.map((reading) => reading.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    }
  });
});

describe('modal keys', () => {
  it('names the mode of a Monteverdi madrigal when asked: its bass ends on A, no signature (checked by hand)', async () => {
    const key = await call('analyze_key', { id: madrigal, modal: true });
    expect(key.modal).toMatchObject({ final: 'A', mode: 'aeolian', name: 'A aeolian', signature: 0 });
    expect((await call('analyze_key', { id: madrigal })).modal).toBeUndefined();
    expect((await call('analyze_harmony', { id: madrigal, modal: true, maxChords: 4 })).mode).toMatchObject({ name: 'A aeolian' });
  });

  it('with "auto", names a mode for the madrigal and none for a Bach chorale', async () => {
    expect((await call('analyze_key', { id: madrigal, modal: 'auto' })).modal).toMatchObject({ name: 'A aeolian' });
    expect((await call('analyze_key', { id: chorale, modal: 'auto' })).modal).toBeUndefined();
  });
});
