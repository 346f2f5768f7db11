/** The MCP Apps view: linked from render_score, served as a ui:// resource, and showing a result a host hands it. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { MCP_APP_MIME_TYPE, SCORE_VIEW_HTML, SCORE_VIEW_URI } from '../../src/mcp/score-view.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

let client: Client;
let browser: Browser;

beforeAll(async () => {
  const config = loadConfig({ CADENZA_LOG_LEVEL: 'silent' }, process.cwd());
  const server = createMcpServer({ services: createServices(config, { work: new InlineWork() }), log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
});

afterAll(async () => {
  await browser?.close();
  await client?.close();
});

describe('the MCP Apps score view', () => {
  it('is linked from render_score and offered as a ui:// resource of the MCP App type', async () => {
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'render_score')?._meta).toMatchObject({ ui: { resourceUri: SCORE_VIEW_URI } });
    const { resources } = await client.listResources();
    expect(resources.find((resource) => resource.uri === SCORE_VIEW_URI)?.mimeType).toBe(MCP_APP_MIME_TYPE);
    const read = await client.readResource({ uri: SCORE_VIEW_URI });
    expect(read.contents[0]).toMatchObject({ mimeType: MCP_APP_MIME_TYPE, text: SCORE_VIEW_HTML });
  });

  it('asks the host to initialize, then shows the engraved page of the tool result it is handed, reading a linked page through the host', async () => {
    const { id } = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })).structuredContent as { id: string };
    const result = await client.callTool({ name: 'render_score', arguments: { id, measures: { from: 1, to: 2 } } });
    const page = await browser.newPage();
    // at top level the page is its own parent: what it sends the "host" arrives at its own window
    await page.addInitScript(() => {
      const view = globalThis as unknown as EventTarget & { sent: unknown[] };
      view.sent = [];
      view.addEventListener('message', (event) => view.sent.push((event as MessageEvent).data));
    });
    await page.route('http://host.test/view.html', (route) => route.fulfill({ contentType: 'text/html', body: SCORE_VIEW_HTML }));
    await page.goto('http://host.test/view.html');
    expect(await page.evaluate(() => (globalThis as unknown as { sent: { method?: string }[] }).sent.map((message) => message.method))).toContain('ui/initialize');
    const host = (params: Record<string, unknown>) =>
      (globalThis as unknown as { postMessage(message: unknown, target: string): void }).postMessage({ jsonrpc: '2.0', method: 'ui/notifications/tool-result', params }, '*');
    await page.evaluate(host, result as unknown as Record<string, unknown>);
    // the page came as a link: the view asks the host to read it, and the host answers with the file
    const request = await page.waitForFunction(() =>
      (globalThis as unknown as { sent: { id?: number; method?: string; params?: { uri: string } }[] }).sent.find((message) => message.method === 'resources/read'),
    );
    const { id: requestId, params } = (await request.jsonValue()) as { id: number; params: { uri: string } };
    expect(params.uri).toBe((result.structuredContent as { uri: string }).uri);
    const read = await client.readResource({ uri: params.uri });
    await page.evaluate(
      ([answerId, answer]) => (globalThis as unknown as { postMessage(message: unknown, target: string): void }).postMessage({ jsonrpc: '2.0', id: answerId, result: answer }, '*'),
      [requestId, read] as const,
    );
    const image = page.locator('#page img');
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    expect(await page.locator('#summary').textContent()).toMatch(/Rendered/);
    await page.close();
  });
});
