/**
 * The web viewer follows the score it shows: an agent's edit over MCP redraws it, and a deletion says so,
 * in a real browser (Chromium through playwright-core) against the built server process. Requires
 * `npm run build` and /usr/bin/chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client as ModernClient } from '@modelcontextprotocol/client';
import { connectModernClient } from '../support/http-server.js';
import { openViewer, type ViewerSession } from '../support/viewer-browser.js';

describe('the web viewer, live', () => {
  let viewer: ViewerSession | undefined;
  let page: Page;
  let agent: ModernClient;
  let pageErrors: string[];

  beforeAll(async () => {
    viewer = await openViewer({ viewport: { width: 1200, height: 900 } });
    ({ page, pageErrors } = viewer);
    agent = await connectModernClient(viewer.server.url);
  });

  afterAll(async () => {
    await agent?.close();
    await viewer?.close();
  });

  it('redraws the shown score when an agent edits it, and says so when it is deleted', async () => {
    const imported = await agent.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } });
    const { id } = imported.structuredContent as { id: string };
    await page.goto(`${viewer!.base}/?score=${id}`);
    await page.locator(`#notation[data-score="${id}"] text.roman`).first().waitFor();
    const renders: string[] = [];
    page.on('request', (request) => void (request.url().includes('/render') && renders.push(request.url())));

    const edited = await agent.callTool({ name: 'edit_score', arguments: { id, operations: [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: 'C5' }] } });
    expect(edited.isError).toBeFalsy();
    await page.locator('#status', { hasText: 'This score was changed elsewhere' }).waitFor({ timeout: 20_000 });
    await page.locator(`#notation[data-score="${id}"] text.roman`).first().waitFor();
    expect(renders.length).toBeGreaterThan(0);

    expect((await agent.callTool({ name: 'delete_score', arguments: { id } })).isError).toBeFalsy();
    await page.locator('#status', { hasText: 'This score was deleted elsewhere.' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('#notation svg').count()).toBe(0);
    expect(await page.locator('#scores li').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
