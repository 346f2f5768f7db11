/** suggest_continuation through the SDK's Client: after a progression, at a measure of a stored score, and refusals. */
import { beforeAll, describe, expect, it } from 'vitest';
import { connectToolClient, type ToolClient } from '../support/tool-client.js';

let call: ToolClient['call'];
let structured: ToolClient['structured'];

interface Suggestions {
  context: string[];
  key: string;
  suggestions: { figure: string; probability: number; voiced: boolean; voicing?: string[][]; findings: unknown[] }[];
  setAside: { figure: string; findings: unknown[] }[];
}

beforeAll(async () => {
  ({ call, structured } = await connectToolClient());
});

describe('suggest_continuation', () => {
  it('suggests chords after a progression, most probable first, each written out and clean', async () => {
    const answer = await structured<Suggestions>('suggest_continuation', { progression: 'I ii6 V7', key: 'G major', style: 'bach', count: 4 });
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.length).toBeLessThanOrEqual(4);
    expect(answer.suggestions.map((entry) => entry.figure)).toContain('I');
    for (const entry of answer.suggestions) {
      expect(entry.findings).toEqual([]);
      if (entry.voiced) expect(entry.voicing).toHaveLength(2);
    }
    for (const entry of answer.setAside) expect(entry.findings.length).toBeGreaterThan(0);
  });

  it('answers the same for the same seed', async () => {
    const args = { progression: 'I IV', style: 'classical', seed: 5 };
    expect(await structured('suggest_continuation', args)).toEqual(await structured('suggest_continuation', args));
  });

  it('suggests at a measure of a stored score from the harmony before it', async () => {
    const { id } = await structured<{ id: string }>('import_score', { corpus: 'bach/bwv269' });
    const answer = await structured<Suggestions>('suggest_continuation', { id, at: 4 });
    expect(answer.context.length).toBeGreaterThan(1);
    expect(answer.key).toMatch(/major|minor/);
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });

  it('reads the score at the point with the context model, a bare progression with the n-gram alone, the same for a seed', async () => {
    const { id } = await structured<{ id: string }>('import_score', { corpus: 'bach/bwv269' });
    const atScore = await structured<Suggestions & { model: string }>('suggest_continuation', { id, at: 5, seed: 3 });
    expect(atScore.model).toMatch(/network that also reads the score/);
    expect(await structured('suggest_continuation', { id, at: 5, seed: 3 })).toEqual(atScore);
    const bare = await structured<Suggestions & { model: string }>('suggest_continuation', { progression: atScore.context.join(' '), key: atScore.key, seed: 3 });
    expect(bare.model).not.toMatch(/network/);
  });

  it('refuses a call with neither a progression nor a score, and an unreadable numeral', async () => {
    const neither = await call('suggest_continuation', {});
    expect(neither.isError).toBe(true);
    expect(JSON.stringify(neither.content)).toMatch(/INVALID_ARGUMENT/);
    const bad = await call('suggest_continuation', { progression: 'I IV X7' });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toMatch(/X7/);
  });
});

describe('suggest_continuation for a melody', () => {
  it('suggests next notes and a continuation in a style, within the range given', async () => {
    const answer = await structured<{ notes: { pitch: string }[]; continuation: string[]; style: string }>('suggest_continuation', {
      melody: 'E4 D4 C4 D4 E4 E4',
      style: 'folk',
      range: { low: 'C4', high: 'C5' },
      length: 8,
    });
    expect(answer.style).toBe('folk');
    expect(answer.notes.length).toBeGreaterThan(0);
    expect(answer.continuation).toHaveLength(8);
  });

  it('refuses a style that has no melody model', async () => {
    const result = await call('suggest_continuation', { melody: 'E4 D4 C4', style: 'palestrina' });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/palestrina/);
  });
});
