/**
 * Cross-site scripting through the viewer (held in the attack run; the suite keeps it held): a score whose
 * every text field (title, composer, part name, lyric, file name) carries script is listed, opened,
 * engraved and analysed in Chromium, and no script runs. The page also loads without a Content Security
 * Policy violation (verovio embeds its music font as a data: URL).
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http-server.js';
import { musicXml } from './scores.js';
import { baseOf, expectAlive } from './support.js';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '"><svg onload="window.__xss=(window.__xss||0)+1">',
  'javascript:window.__xss=1',
];

describe('XSS in the viewer', () => {
  let server: TestServer;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ CADENZA_STORE: 'memory' });
    base = baseOf(server.url);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.running.stop();
  });

  it.each(PAYLOADS)('runs no script from a score whose text fields all carry %s', async (payload) => {
    const body = musicXml(4, { title: payload, composer: payload, part: payload, lyric: payload });
    const imported = await fetch(`${base}/api/scores?name=${encodeURIComponent(`${payload}.musicxml`)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    expect(imported.status).toBe(201);
    const { id } = (await imported.json()) as { id: string };
    const page = await browser.newPage();
    const violations: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (message) => void (/Content Security Policy|Refused to/.test(message.text()) && violations.push(message.text())));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${base}/`);
    await page.locator(`#scores button[data-id="${id}"]`).click();
    await page.locator(`#notation[data-score="${id}"] svg .notehead`).first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // the payload is shown as text, not markup
    expect(await page.locator('#score-title').textContent()).toBe(payload);
    expect(violations).toEqual([]);
    await page.close();
    await expectAlive(base);
  });
});
