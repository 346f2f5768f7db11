/**
 * The MCP Apps view: linked from render_score, served as a ui:// resource, showing a result a host hands it,
 * and, in a simulated host (a page that frames the view and passes its requests to a real MCP client),
 * playing the score while the highlight follows it. Needs `npm run build` (the view's script) and Chromium.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { MCP_APP_MIME_TYPE, SCORE_VIEW_URI, scoreViewHtml } from '../../src/mcp/score-view.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';
import { musicXml } from '../attack/scores.js';

let client: Client;
let browser: Browser;

beforeAll(async () => {
  const config = loadConfig({ CADENZA_LOG_LEVEL: 'silent' }, process.cwd());
  const server = createMcpServer({ services: createServices(config, { work: new InlineWork() }), log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--autoplay-policy=no-user-gesture-required'] });
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
    expect(read.contents[0]).toMatchObject({ mimeType: MCP_APP_MIME_TYPE, text: scoreViewHtml() });
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
    await page.route('http://host.test/view.html', (route) => route.fulfill({ contentType: 'text/html', body: scoreViewHtml() }));
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

  it('plays the score in a host that lets it call tools, the highlight moving from measure to measure, with the player reporting its position', async () => {
    const page = await openInHost({ serverTools: {}, serverResources: {} });
    await page.frameLocator('#view').locator('#page svg g.measure').first().waitFor({ timeout: 60_000 });
    const view = page.frameLocator('#view');
    await view.locator('#play').waitFor();
    expect(await view.locator('#parts .part').count()).toBe(4);
    // the highlight follows verovio's timemap: its measure ids are those of the SVG on show
    const measureIds = await view.locator('#page g.measure').evaluateAll((measures) => measures.map((measure) => measure.id));
    expect(measureIds.length).toBe(4);
    await view.locator('#tempo').fill('200');
    await view.locator('#tempo').dispatchEvent('change');
    await view.locator('#play').click();
    const seen = new Set<string>();
    const positions: number[] = [];
    await expect
      .poll(async () => {
        const playing = await view.locator('#page g.measure.playing').evaluateAll((measures) => measures.map((measure) => measure.id));
        playing.forEach((id) => seen.add(id));
        positions.push(Number(await view.locator('#position').getAttribute('data-seconds')));
        return seen.size;
      }, { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(3);
    expect([...seen].every((id) => measureIds.includes(id))).toBe(true);
    expect(positions.at(-1)!).toBeGreaterThan(positions.find((seconds) => seconds > 0)!);
    expect(await view.locator('#page g.note.sounding').count()).toBeGreaterThan(0);
    const calls = await page.evaluate(() => (globalThis as unknown as { hostLog: string[] }).hostLog);
    expect(calls).toContain('tools/call');
    await page.screenshot({ path: SCREENSHOTS ? `${SCREENSHOTS}/score-view-playing.png` : undefined });
    await view.locator('#stop').click();
    await expect.poll(() => view.locator('#page g.measure.playing').count()).toBe(0);
    expect(await view.locator('#notice').isHidden()).toBe(true);
    await page.close();
  });

  it('stays a static view with a message where the host does not let it call tools', async () => {
    const page = await openInHost({ serverResources: {} });
    const view = page.frameLocator('#view');
    await view.locator('#page img').waitFor();
    await expect.poll(() => view.locator('#notice').textContent()).toMatch(/Playback is off: this host does not let the view ask the server for audio/);
    expect(await view.locator('#play').count()).toBe(0);
    expect(await view.locator('#page img').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    await page.screenshot({ path: SCREENSHOTS ? `${SCREENSHOTS}/score-view-static.png` : undefined });
    await page.close();
  });
});

describe('the MCP Apps score view with hostile text', () => {
  it.each(['<img src=x onerror="window.__xss=1">', '"><svg onload="window.__xss=1">'])('shows a part named %s as text and runs no script', async (payload) => {
    const page = await openInHost({ serverTools: {} }, { content: musicXml(4, { title: payload, composer: payload, part: payload, lyric: payload }), format: 'musicxml' });
    const view = page.frameLocator('#view');
    await view.locator('#parts .part').first().waitFor({ timeout: 60_000 });
    expect(await view.locator('#parts .part').first().textContent()).toContain(payload);
    expect(await view.locator('#page svg').count()).toBeGreaterThan(0);
    expect(await page.frames()[1]!.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });
});

/** CADENZA_SCREENSHOTS=folder keeps the pages the host tests see */
const SCREENSHOTS = process.env.CADENZA_SCREENSHOTS;

/**
 * A simulated MCP Apps host: a page that frames the view, answers ui/initialize with these capabilities,
 * hands it render_score's result for bars 1–4 of a chorale, and passes its tools/call and resources/read
 * requests to the real MCP client.
 */
async function openInHost(hostCapabilities: Record<string, unknown>, source: Record<string, unknown> = { corpus: 'bach/bwv66.6' }) {
  const { id } = (await client.callTool({ name: 'import_score', arguments: source })).structuredContent as { id: string };
  const result = await client.callTool({ name: 'render_score', arguments: { id, measures: { from: 1, to: 4 }, inline: true } });
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  await page.exposeFunction('forwardToServer', async (method: string, params: Record<string, unknown>) => {
    if (method === 'tools/call') return client.callTool(params as { name: string; arguments: Record<string, unknown> });
    if (method === 'resources/read') return client.readResource(params as { uri: string });
    throw new Error(`the host does not offer ${method}`);
  });
  await page.addInitScript(([capabilities, toolResult]) => Object.assign(globalThis, { HOST_CAPABILITIES: capabilities, TOOL_RESULT: toolResult }), [hostCapabilities, result] as const);
  await page.route('http://host.test/view.html', (route) => route.fulfill({ contentType: 'text/html', body: scoreViewHtml() }));
  await page.route('http://host.test/', (route) => route.fulfill({ contentType: 'text/html', body: HOST_PAGE }));
  await page.goto('http://host.test/');
  return page;
}

const HOST_PAGE = `<!doctype html><html><body>
<iframe id="view" src="/view.html" allow="autoplay" style="width: 1250px; height: 850px; border: 0"></iframe>
<script>
const frame = document.getElementById('view');
window.hostLog = [];
const post = (message) => frame.contentWindow.postMessage({ jsonrpc: '2.0', ...message }, '*');
window.addEventListener('message', async (event) => {
  if (event.source !== frame.contentWindow) return;
  const message = event.data;
  window.hostLog.push(message.method);
  if (message.method === 'ui/initialize') return post({ id: message.id, result: { protocolVersion: '2026-01-26', hostInfo: { name: 'test-host', version: '1' }, hostCapabilities: window.HOST_CAPABILITIES, hostContext: {} } });
  if (message.method === 'ui/notifications/initialized') return post({ method: 'ui/notifications/tool-result', params: window.TOOL_RESULT });
  if (message.method === 'tools/call' && !window.HOST_CAPABILITIES.serverTools) return post({ id: message.id, error: { code: -32601, message: 'not allowed' } });
  if (message.id === undefined || !message.method) return;
  try {
    post({ id: message.id, result: await window.forwardToServer(message.method, message.params) });
  } catch (error) {
    post({ id: message.id, error: { code: -32000, message: String(error.message) } });
  }
});
</script></body></html>`;
