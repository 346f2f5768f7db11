/**
 * The viewer's diff view in a real browser (Chromium through playwright-core) against the built server: a
 * chorale edited over MCP, compared with its first version, shows diff_scores' changes coloured on verovio's
 * engravings — exactly the notes the diff names, each with the legend's colour. Requires `npm run build` and
 * /usr/bin/chromium. docs/viewer-diff.png is rewritten only with CADENZA_UPDATE_SCREENSHOT=1.
 */
import { fileURLToPath } from 'node:url';
import type { Client as ModernClient } from '@modelcontextprotocol/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectModernClient } from '../support/http-server.js';
import { openViewer, type ViewerSession } from '../support/viewer-browser.js';

const SCREENSHOT = process.env.CADENZA_UPDATE_SCREENSHOT === '1' ? fileURLToPath(new URL('../../docs/viewer-diff.png', import.meta.url)) : undefined;
const COLOURS = { 'diff-changed': 'rgb(239, 108, 0)', 'diff-added': 'rgb(46, 125, 50)', 'diff-removed': 'rgb(198, 40, 40)' } as const;

interface Change { kind: string; beforeId?: string; afterId?: string }
type Painted = Record<string, string[]>;

/** the ids the diff names, by the class each engraving should give them */
function expected(changes: readonly Change[]): { after: Painted; before: Painted } {
  const after: Painted = {};
  const before: Painted = {};
  const add = (side: Painted, name: string, id: string | undefined) => void (id && (side[name] ??= []).push(id));
  for (const change of changes) {
    if (change.kind === 'note changed') {
      add(after, 'diff-changed', change.afterId);
      add(before, 'diff-changed', change.beforeId);
    }
    if (change.kind === 'note added') add(after, 'diff-added', change.afterId);
    if (change.kind === 'note removed') add(before, 'diff-removed', change.beforeId);
  }
  for (const side of [after, before]) for (const list of Object.values(side)) list.sort();
  return { after, before };
}

describe('the web viewer, diff view', () => {
  let viewer: ViewerSession | undefined;
  let page: Page;
  let agent: ModernClient;
  let id: string;
  let base: string;
  let pageErrors: string[];

  /** the ids coloured on one engraving, by class, and the fill of each coloured notehead or rest */
  const painted = (selector: string) =>
    page.locator(selector).evaluate((root) => {
      const byClass: Record<string, string[]> = {};
      const fills: Record<string, string[]> = {};
      for (const element of root.querySelectorAll('[data-diff]')) {
        const name = [...element.classList].find((entry) => entry.startsWith('diff-'))!;
        (byClass[name] ??= []).push(element.getAttribute('data-diff')!);
        const head = element.querySelector('.notehead use, use') ?? element;
        (fills[name] ??= []).push(head.ownerDocument.defaultView!.getComputedStyle(head).fill);
      }
      for (const list of Object.values(byClass)) list.sort();
      return { byClass, fills };
    });

  const diffOf = async (after: string, before: string) =>
    (await agent.callTool({ name: 'diff_scores', arguments: { before: { id: before }, after: { id: after }, maxChanges: 5000 } })).structuredContent as { changes: Change[] };

  beforeAll(async () => {
    viewer = await openViewer({ viewport: { width: 1300, height: 1100 } });
    ({ page, base, pageErrors } = viewer);
    agent = await connectModernClient(viewer.server.url);
    id = ((await agent.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })).structuredContent as { id: string }).id;
    const operations = [
      { op: 'set_pitch', target: 'P1-m3-v1-e1', pitch: 'D5' },
      { op: 'delete', target: 'P2-m3-v1-e2' },
      { op: 'set_duration', target: 'P4-m3-v1-e3', duration: 0.5 },
      { op: 'insert', after: 'P4-m3-v1-e3', pitches: ['B2'], duration: 0.5 },
    ];
    expect((await agent.callTool({ name: 'edit_score', arguments: { id, operations } })).isError).toBeFalsy();
  }, 60_000);

  afterAll(async () => {
    await agent?.close();
    await viewer?.close();
  });

  it('colours on the notation exactly the notes diff_scores names: changed and added here, changed below', async () => {
    await page.goto(`${base}/?score=${encodeURIComponent(id)}`);
    await page.locator(`#notation[data-score="${id}"] text.roman`).first().waitFor();
    expect(await page.locator('#compare-with option').allTextContents()).toEqual([expect.stringMatching(/^version 1: /)]);
    await page.selectOption('#compare-with', `${id}@1`);
    await page.click('#compare');
    await page.locator('#diff[data-state="ready"]').waitFor({ timeout: 30_000 });

    const want = expected((await diffOf(id, `${id}@1`)).changes);
    expect(want.after['diff-changed']).toHaveLength(3);
    expect(want.after['diff-added']).toHaveLength(1);
    const [shown, compared] = [await painted('#notation'), await painted('#diff-before')];
    expect(shown.byClass).toEqual(want.after);
    expect(compared.byClass).toEqual(want.before);
    for (const side of [shown, compared]) for (const [name, fills] of Object.entries(side.fills)) expect(new Set(fills), name).toEqual(new Set([COLOURS[name as keyof typeof COLOURS]]));
    expect(await page.locator('#diff-changes li').count()).toBe(4);
    await expect(page.locator('#diff-legend').textContent()).resolves.toMatch(/changed.*added.*removed/s);
    if (SCREENSHOT) {
      await page.locator('#diff-summary').scrollIntoViewIfNeeded();
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    }
    await page.click('#diff-close');
    expect(await page.locator('#notation [data-diff]').count()).toBe(0);
  }, 90_000);

  it('shows a note the later version has as removed, when the earlier one is shown', async () => {
    await page.goto(`${base}/?score=${encodeURIComponent(`${id}@1`)}`);
    await page.locator(`#notation[data-score="${id}@1"] text.roman`).first().waitFor();
    await page.selectOption('#compare-with', id);
    await page.click('#compare');
    await page.locator('#diff[data-state="ready"]').waitFor({ timeout: 30_000 });
    const want = expected((await diffOf(`${id}@1`, id)).changes);
    expect(want.before['diff-removed']).toHaveLength(1);
    expect((await painted('#diff-before')).byClass).toEqual(want.before);
    expect((await painted('#notation')).byClass).toEqual(want.after);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
