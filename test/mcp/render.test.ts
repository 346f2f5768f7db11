/** render_score through the MCP client: SVG text, a PNG image a person can read, pages and measure ranges. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

let client: Client;
let id: string;

async function call(args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name: 'render_score', arguments: { id, ...args } })) as CallToolResult;
}

beforeAll(async () => {
  const services = createServices(loadConfig({ CADENZA_LOG_LEVEL: 'silent' }, process.cwd()), { work: new InlineWork() });
  const server = createMcpServer({ services, log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
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
    const part = (await call({ measures: '1-2' })).structuredContent as { svg: string };
    const measures = (svg: string) => (svg.match(/class="measure"/g) ?? []).length;
    expect(measures(part.svg)).toBe(2);
    expect(measures(whole.svg)).toBeGreaterThan(2);
  }, 30_000);

  it('refuses a page that does not exist, saying how many there are', async () => {
    const result = await call({ page: 9 });
    expect(result.isError).toBe(true);
    expect(result.content[0]).toMatchObject({ text: expect.stringContaining('1 page') });
  }, 30_000);
});
