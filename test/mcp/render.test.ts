/** render_score through the MCP client: SVG text, a PNG image a person can read, pages and measure ranges. */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectInMemoryClient } from '../support/tool-client.js';

let client: Client;
let id: string;

async function call(args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name: 'render_score', arguments: { id, inline: true, ...args } })) as CallToolResult;
}

beforeAll(async () => {
  client = await connectInMemoryClient();
  id = ((await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult).structuredContent!['id'] as string;
}, 30_000);

describe('render_score', () => {
  it('engraves a page as SVG', async () => {
    const result = await call({});
    const rendered = result.structuredContent as { svg: string; pageCount: number; width: number; height: number };
    expect(rendered.svg).toMatch(/^<svg[\s\S]*Engraved by Verovio[\s\S]*<\/svg>\s*$/);
    expect(rendered.pageCount).toBe(1);
    expect(rendered.width).toBeGreaterThan(500);
    expect(rendered.height).toBeGreaterThan(100);
  }, 30_000);

  it('returns a PNG image a person can read: the asked width, and ink on the page', async () => {
    const result = await call({ format: 'png', width: 1000 });
    const image = result.content.find((block) => block.type === 'image') as { data: string; mimeType: string };
    expect(image.mimeType).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(image.data, 'base64'));
    expect(png.width).toBe(1000);
    expect(png.height).toBe((result.structuredContent as { height: number }).height);
    let ink = 0;
    for (let index = 0; index < png.data.length; index += 4) if (png.data[index]! < 128) ink += 1;
    const share = ink / (png.width * png.height);
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.5);
  }, 30_000);

  it('renders only a range of measures', async () => {
    const whole = (await call({})).structuredContent as { svg: string };
    const part = (await call({ measures: { from: 1, to: 2 } })).structuredContent as { svg: string };
    const measures = (svg: string) => (svg.match(/class="measure"/g) ?? []).length;
    expect(measures(part.svg)).toBe(2);
    expect(measures(whole.svg)).toBeGreaterThan(2);
  }, 30_000);

  it('names measures as printed: the pickup is 0, so 0–1 is the pickup and the first full bar', async () => {
    const part = (await call({ measures: { from: 0, to: 1 } })).structuredContent as { svg: string };
    expect((part.svg.match(/class="measure"/g) ?? []).length).toBe(2);
  }, 30_000);

  it('refuses a range past the end or reversed, rather than engraving the whole score', async () => {
    for (const measures of [{ from: 5, to: 90 }, { from: 6, to: 3 }, '40-50']) {
      const result = await call({ measures });
      expect(result.isError, JSON.stringify(measures)).toBe(true);
      expect(result._meta?.['cadenza/errorCode']).toBe('INVALID_ARGUMENT');
      expect(result.content[0]).toMatchObject({ text: expect.stringMatching(/measures: .*(no measure|comes before)[^]*run 0–/) });
    }
  }, 30_000);

  it('sends a page as a resource link by default, which resources/read turns into the same SVG', async () => {
    const linked = await client.callTool({ name: 'render_score', arguments: { id, measures: { from: 1, to: 2 } } }) as CallToolResult;
    const link = linked.content.find((block) => block.type === 'resource_link') as { uri: string; mimeType: string; size: number };
    expect(link).toMatchObject({ mimeType: 'image/svg+xml', uri: expect.stringMatching(/^score:\/\/[a-z0-9-]+\/render\.svg\?page=1&from=1&to=2$/) });
    expect((linked.structuredContent as { svg?: string }).svg).toBeUndefined();
    expect(JSON.stringify(linked).length).toBeLessThan(2_000);
    const read = (await client.readResource({ uri: link.uri })).contents[0] as { mimeType: string; text: string };
    // verovio names its elements at random on each engraving: the same page, not the same bytes
    expect(read.mimeType).toBe('image/svg+xml');
    expect(read.text).toMatch(/^<svg[\s\S]*Engraved by Verovio[\s\S]*<\/svg>\s*$/);
    expect((read.text.match(/class="measure"/g) ?? []).length).toBe(2);
    expect(Math.abs(Buffer.byteLength(read.text) - link.size)).toBeLessThan(link.size * 0.02);
  }, 30_000);

  it('refuses a page that does not exist, saying how many there are', async () => {
    const result = await call({ page: 9 });
    expect(result.isError).toBe(true);
    expect(result.content[0]).toMatchObject({ text: expect.stringContaining('1 page') });
  }, 30_000);
});
