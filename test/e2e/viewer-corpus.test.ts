/**
 * The viewer's corpus pane in a real browser (Debian's Chromium through playwright-core) against the built
 * server process: the bundled corpus listed, its statistics drawn as the server's SVG chart with a bar per
 * value the numbers name, a filter narrowing it, and a score opened afterwards taking its place again.
 * Requires `npm run build` and /usr/bin/chromium (apt-get install chromium).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SCORES } from '../support/corpus.js';
import { openViewer, type ViewerSession } from '../support/viewer-browser.js';

/** docs/corpus-statistics.png is rewritten only on request (CADENZA_UPDATE_SCREENSHOT=1), so a test run leaves the work tree clean */
const SCREENSHOT = process.env.CADENZA_UPDATE_SCREENSHOT === '1' ? fileURLToPath(new URL('../../docs/corpus-statistics.png', import.meta.url)) : undefined;

interface Statistics { pieces: number; keys: { value: string; count: number }[]; chords: { value: string; count: number }[]; meters: { value: string }[] }

describe('the viewer’s corpus statistics', () => {
  let viewer: ViewerSession | undefined;
  let page: Page;
  let base: string;
  let pageErrors: string[];
  const bars = (field: string) => page.locator(`#corpus-chart svg g.panel[data-field="${field}"] g.bar`);

  beforeAll(async () => {
    viewer = await openViewer({ viewport: { width: 1400, height: 1000 }, failedResponses: true });
    ({ page, base, pageErrors } = viewer);
  });

  afterAll(async () => {
    await viewer?.close();
  });

  it('lists the bundled corpus and draws its distributions, a bar per value in the order and counts the API gives', async () => {
    await page.goto(`${base}/`);
    await page.locator('#corpora button[data-corpus="bundled"]').click();
    await page.locator('#corpus-chart[data-shown="bundled|"] svg').waitFor();
    const numbers = (await (await fetch(`${base}/api/corpora/bundled/statistics`)).json()) as Statistics;
    expect(numbers.pieces).toBeGreaterThan(0);
    for (const field of ['keys', 'meters', 'chords', 'cadences', 'ranges', 'intervals']) expect(await bars(field).count(), field).toBeGreaterThan(0);
    const keyBars = await bars('keys').evaluateAll((found) => found.map((bar) => ({ value: bar.getAttribute('data-value'), count: Number(bar.getAttribute('data-count')), width: bar.querySelector('rect')!.getBoundingClientRect().width })));
    expect(keyBars.map(({ value, count }) => ({ value, count }))).toEqual(numbers.keys.slice(0, keyBars.length).map(({ value, count }) => ({ value, count })));
    // drawn: the most frequent key's bar is the longest and visibly wide
    expect(keyBars[0]!.width).toBeGreaterThan(100);
    expect(keyBars.every((bar) => bar.width <= keyBars[0]!.width + 0.5)).toBe(true);
    expect(await page.locator('#corpus-view h2').textContent()).toBe('Statistics of bundled');
    expect(await page.locator('#status').textContent()).toContain(`${numbers.pieces} pieces`);
    await page.screenshot({ fullPage: true, ...(SCREENSHOT ? { path: SCREENSHOT } : {}) });
  });

  it('narrows the chart to the pieces a filter names', async () => {
    const whole = Number(await page.locator('#corpus-chart svg').getAttribute('aria-label').then((label) => /(\d+) pieces/.exec(label ?? '')?.[1]));
    await page.fill('#corpus-filter', 'bach/');
    await page.locator('#corpus-filter-form button').click();
    await page.locator('#corpus-chart[data-shown="bundled|bach/"] svg').waitFor();
    const label = (await page.locator('#corpus-chart svg').getAttribute('aria-label')) ?? '';
    const bach = Number(/(\d+) pieces/.exec(label)?.[1]);
    expect(bach).toBeGreaterThan(0);
    expect(bach).toBeLessThan(whole);
  });

  it('gives the place back to a score opened afterwards, without page errors', async () => {
    await page.setInputFiles('#file-input', `${TEST_SCORES}bach/bwv66.6.mxl`);
    await page.locator('#notation[data-score] svg .notehead').first().waitFor();
    expect(await page.locator('#corpus-view').isHidden()).toBe(true);
    expect(await page.locator('#corpora button[aria-current="true"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('answers an unknown corpus with a coded error', async () => {
    const response = await fetch(`${base}/api/corpora/nothing-here/statistics`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toBe('CORPUS_NOT_FOUND');
  });
});
