/** classify_style through the SDK's Client: a stored score or a passage of it, with and without the explanation. */
import { beforeAll, describe, expect, it } from 'vitest';
import { connectToolClient, type ToolClient } from '../support/tool-client.js';

let call: ToolClient['call'];
let structured: ToolClient['structured'];

interface Classification {
  composer: { label: string; probability: number }[];
  era: { label: string; probability: number }[];
  genre: { label: string; probability: number }[];
  explain?: Record<string, { feature: string; value: number; weight: number }[]>;
  model: string;
}

beforeAll(async () => {
  ({ call, structured } = await connectToolClient());
});

describe('classify_style', () => {
  it('names Bach, the Baroque and the chorale for a chorale, with its reasons on request', async () => {
    const { id } = await structured<{ id: string }>('import_score', { corpus: 'bach/bwv66.6' });
    const result = await call('classify_style', { id, explain: true });
    const answer = result.structuredContent as unknown as Classification;
    expect(answer.composer[0]!.label).toBe('Bach');
    expect(answer.era[0]!.label).toBe('Baroque');
    expect(answer.genre[0]!.label).toBe('chorale');
    expect(answer.explain?.['composer']?.length).toBeGreaterThan(0);
    expect(answer.model).toMatch(/music21/);
    expect(JSON.stringify(result.content)).toMatch(/Most like Bach \d+%/);
  });

  it('classifies a passage of a quartet movement as a string quartet of the Classical era', async () => {
    const { id } = await structured<{ id: string }>('import_score', { corpus: 'beethoven/opus18no1/movement2' });
    const answer = await structured<Classification>('classify_style', { id, measures: { from: 1, to: 16 } });
    expect(answer.era[0]!.label).toBe('Classical');
    expect(answer.genre[0]!.label).toBe('string quartet');
    expect(answer.explain).toBeUndefined();
  });

  it('refuses a measure range the score does not have, naming the measures there are', async () => {
    const { id } = await structured<{ id: string }>('import_score', { corpus: 'bach/bwv269' });
    const result = await call('classify_style', { id, measures: { from: 200, to: 210 } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/INVALID_ARGUMENT|no measure 200/);
  });
});
