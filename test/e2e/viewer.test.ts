/**
 * The web viewer in a real browser (Debian's Chromium through playwright-core) against the built server
 * process: import through the upload control and by drag and drop, notation with roman numerals under the
 * staff, key per measure, voice-leading marks, playback that follows the notation, export downloads; and /api behind the same auth
 * and tenants as /mcp. Requires `npm run build` and /usr/bin/chromium (apt-get install chromium).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../src/server/auth/api-keys.js';
import { startTestServer, type TestServer } from '../support/http-server.js';
import { TEST_SCORES } from '../support/corpus.js';
import { openViewer, type ViewerSession } from '../support/viewer-browser.js';

const CHORALE = `${TEST_SCORES}bach/bwv66.6.mxl`;
const DROPPED = `${TEST_SCORES}bach/bwv14.5.mxl`;
/** docs/viewer.png is rewritten only on request (CADENZA_UPDATE_SCREENSHOT=1), so a test run leaves the work tree clean */
const SCREENSHOT = process.env.CADENZA_UPDATE_SCREENSHOT === '1' ? fileURLToPath(new URL('../../docs/viewer.png', import.meta.url)) : undefined;
/** CADENZA_SCREENSHOTS=folder keeps a picture of the viewer playing */
const SCREENSHOTS = process.env.CADENZA_SCREENSHOTS;

describe('the web viewer', () => {
  let viewer: ViewerSession | undefined;
  let page: Page;
  let base: string;
  let choraleId: string;
  let pageErrors: string[];
  /** waits until the viewer has drawn the analysis of the score with this id */
  const shown = (id: string) => page.locator(`#notation[data-score="${id}"] text.roman`).first().waitFor();

  beforeAll(async () => {
    viewer = await openViewer({ viewport: { width: 1500, height: 1000 }, launchArgs: ['--autoplay-policy=no-user-gesture-required'], acceptDownloads: true, failedResponses: true });
    ({ page, base, pageErrors } = viewer);
  });

  afterAll(async () => {
    await viewer?.close();
  });

  it('imports a chorale through the upload control and shows its notation with roman numerals under the staff', async () => {
    await page.goto(`${base}/`);
    await page.setInputFiles('#file-input', CHORALE);
    await page.locator('#notation[data-score] svg .notehead').first().waitFor();
    choraleId = (await page.locator('#notation').getAttribute('data-score'))!;
    await shown(choraleId);
    expect(await page.locator('#scores button[aria-current="true"]').getAttribute('data-id')).toBe(choraleId);
    expect(await page.locator('#notation svg .notehead').count()).toBeGreaterThan(100);
    const figures = await page.locator('#notation text.roman').allTextContents();
    expect(figures.length).toBeGreaterThan(20);
    expect(figures.some((figure) => /^(i|V|iv)/.test(figure))).toBe(true);
    // every label lies below the lowest staff of its system and inside the measure it belongs to
    const placement = await page.locator('#notation g.system').evaluateAll((systems) =>
      systems.map((system) => {
        const measures = [...system.querySelectorAll('g.measure')].map((measure) => measure.getBoundingClientRect());
        const staffBottom = Math.max(...measures.map((box) => box.bottom));
        const labels = [...system.querySelectorAll('text.roman')].map((label) => label.getBoundingClientRect());
        return {
          labels: labels.length,
          below: labels.filter((label) => label.top >= staffBottom - 1).length,
          inMeasure: labels.filter((label) => measures.some((box) => label.left + label.width / 2 >= box.left && label.left + label.width / 2 <= box.right)).length,
        };
      }),
    );
    expect(placement.length).toBeGreaterThan(0);
    for (const system of placement) {
      expect(system.labels).toBeGreaterThan(0);
      expect(system.below).toBe(system.labels);
      expect(system.inMeasure).toBe(system.labels);
    }
    expect(await page.locator('#scores li').count()).toBe(1);
  });

  it('shows the key of every measure and marks the voice-leading findings on their measures', async () => {
    const measures = await page.locator('#notation g.measure').count();
    expect(await page.locator('#notation text.key-label').count()).toBe(measures);
    expect(await page.locator('#notation text.key-label').first().textContent()).toMatch(/^[A-Ga-g][♯♭]?$/);
    await expect.poll(() => page.locator('#key-summary').textContent()).toMatch(/Key: F# minor/);
    const findings = await page.locator('#findings li').allTextContents();
    const marked = await page.locator('#notation rect.finding').count();
    if (findings[0] === 'No findings.') expect(marked).toBe(0);
    else {
      expect(marked).toBeGreaterThan(0);
      expect(await page.locator('#notation rect.finding title').first().textContent()).toMatch(/^[a-z ]+ \(beat [\d.]+, .+\): \S/);
    }
  });

  it('plays the chorale as the server renders it, the highlight moving from measure to measure with the position the player reports', async () => {
    const audio = page.waitForResponse((response) => /\/audio\?/.test(response.url()));
    await page.locator('#tempo').fill('200');
    await page.locator('#tempo').dispatchEvent('change');
    await page.click('#play');
    const answer = await audio;
    expect(answer.headers()['content-type']).toBe('audio/ogg');
    expect(new URL(answer.url()).searchParams.get('quarterBpm')).toBe('200');
    const measureIds = await page.locator('#notation g.measure').evaluateAll((measures) => measures.map((measure) => measure.id));
    const seen: string[] = [];
    const positions: number[] = [];
    await expect
      .poll(async () => {
        const playing = await page.locator('#notation g.measure.playing').evaluateAll((measures) => measures.map((measure) => measure.id));
        for (const id of playing) if (seen.at(-1) !== id) seen.push(id);
        positions.push(Number(await page.locator('#position').getAttribute('data-seconds')));
        return seen.length;
      }, { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(4);
    // in score order, one measure at a time
    const order = seen.map((id) => measureIds.indexOf(id));
    expect(order.every((index, at) => at === 0 || index === order[at - 1]! + 1)).toBe(true);
    expect(positions.at(-1)!).toBeGreaterThan(positions.find((seconds) => seconds > 0)!);
    expect(await page.locator('#notation g.note.sounding').count()).toBeGreaterThan(0);
    await page.screenshot({ path: SCREENSHOTS ? `${SCREENSHOTS}/viewer-playing.png` : undefined });
    await page.click('#play');
    await expect.poll(() => page.locator('#position').getAttribute('data-playing')).toBe('false');
    const paused = Number(await page.locator('#position').getAttribute('data-seconds'));
    await page.waitForTimeout(400);
    expect(Number(await page.locator('#position').getAttribute('data-seconds'))).toBe(paused);
  });

  it('plays from a measure clicked, seeks, and asks the server for the soloed part alone', async () => {
    const target = page.locator('#notation g.measure').nth(6);
    const targetId = await target.getAttribute('id');
    // a finding's mark may lie over the measure: the click lands on the mark, as a person's would
    await target.scrollIntoViewIfNeeded();
    const box = (await target.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('#notation g.measure.playing').getAttribute('id'), { timeout: 30_000 }).toBe(targetId);
    const soloed = page.waitForResponse((response) => /\/audio\?/.test(response.url()) && new URL(response.url()).searchParams.get('parts') === '0');
    await page.locator('#parts input.solo[data-part="0"]').check();
    await soloed;
    await expect.poll(() => page.locator('#position').getAttribute('data-playing'), { timeout: 30_000 }).toBe('true');
    await page.click('#stop');
    await expect.poll(() => page.locator('#notation g.measure.playing').count()).toBe(0);
    await page.locator('#seek').evaluate((input) => {
      const seek = input as unknown as { value: string; dispatchEvent(event: unknown): boolean };
      seek.value = '10';
      seek.dispatchEvent(new (globalThis as unknown as { Event: new (type: string) => unknown }).Event('change'));
    });
    await expect.poll(() => page.locator('#position').getAttribute('data-seconds')).toBe('10.00');
    expect(Number(await page.locator('#position').getAttribute('data-measure'))).toBeGreaterThan(0);
    await page.locator('#parts input.solo[data-part="0"]').uncheck();
    await page.click('#stop');
  });

  it('downloads MusicXML and MIDI exports', async () => {
    const [xml] = await Promise.all([page.waitForEvent('download'), page.click('#export-musicxml')]);
    expect(xml.suggestedFilename()).toMatch(/\.musicxml$/);
    const text = readFileSync(await xml.path(), 'utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('score-partwise');
    const [midi] = await Promise.all([page.waitForEvent('download'), page.click('#export-midi')]);
    expect(readFileSync(await midi.path()).subarray(0, 4).toString('latin1')).toBe('MThd');
  });

  it('imports a file dropped on the page', async () => {
    const bytes = readFileSync(DROPPED).toString('base64');
    const transfer = await page.evaluateHandle((base64) => {
      // the browser's own classes (this file compiles without the DOM library)
      const browser = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: unknown[], name: string) => unknown };
      const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const dropped = new browser.DataTransfer();
      dropped.items.add(new browser.File([data], 'bwv14.5.mxl'));
      return dropped;
    }, bytes);
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await expect.poll(() => page.locator('#scores li').count()).toBe(2);
    const dropped = page.locator('#scores button[aria-current="true"]');
    await expect.poll(async () => (await dropped.getAttribute('data-id')) ?? choraleId).not.toBe(choraleId);
    await shown((await dropped.getAttribute('data-id'))!);
    expect(await page.locator('#score-title').textContent()).toMatch(/bwv14\.5/);
  });

  it('opens the score and the measures its URL names, and names a chosen range in the URL', async () => {
    await page.goto(`${base}/?score=${encodeURIComponent(choraleId)}&measures=2-3`);
    await shown(choraleId);
    expect(await page.locator('#notation g.measure').count()).toBe(2);
    expect(await page.locator('#measures').inputValue()).toBe('2-3');
    // the player follows those two bars alone: 8 quarters at the chorale's 96 to the quarter
    expect(Number(await page.locator('#seek').getAttribute('max'))).toBeCloseTo(5, 2);
    const labelled = await page.locator('#notation text.roman').evaluateAll((labels) => labels.map((label) => label.getAttribute('data-measure')));
    expect(labelled.length).toBeGreaterThan(0);
    expect(new Set(labelled)).toEqual(new Set(['2', '3']));
    await page.fill('#measures', '');
    await page.press('#measures', 'Enter');
    await expect.poll(() => page.locator('#notation g.measure').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    await shown(choraleId);
    expect(new URL(page.url()).searchParams.get('measures')).toBeNull();
    expect(new URL(page.url()).searchParams.get('score')).toBe(choraleId);
    const refused = await fetch(`${base}/api/scores/${encodeURIComponent(choraleId)}/render?measures=2;3`);
    expect(refused.status).toBe(400);
  });

  it('shows the first chorale again without page errors (its screenshot is docs/viewer.png with CADENZA_UPDATE_SCREENSHOT=1)', async () => {
    await page.locator(`#scores button[data-id="${choraleId}"]`).click();
    await shown(choraleId);
    await expect.poll(() => page.locator('#key-summary').textContent()).toMatch(/F# minor/);
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/harmonies/);
    const png = await page.screenshot({ fullPage: true, ...(SCREENSHOT ? { path: SCREENSHOT } : {}) });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pageErrors).toEqual([]);
  });

  it('serves hashed assets with long-lived cache headers and the page with a content security policy', async () => {
    const index = await fetch(`${base}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())![1]!;
    expect((await fetch(`${base}${asset}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});

describe('the viewer API with API keys', () => {
  let dataDir: string;
  let server: TestServer;
  let base: string;
  const writer = createApiKey('acme', ['scores:read', 'scores:write']);
  const reader = createApiKey('acme', ['scores:read']);
  const stranger = createApiKey('globex', ['scores:read', 'scores:write']);
  const as = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cadenza-viewer-keys-'));
    writeApiKeys(apiKeysFile(dataDir), [writer.record, reader.record, stranger.record]);
    server = await startTestServer({ CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir });
    base = server.url.replace(/\/mcp$/, '');
  });

  afterAll(async () => {
    await server.running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the page without a key but refuses the API without one', async () => {
    expect((await fetch(`${base}/`)).status).toBe(200);
    const refused = await fetch(`${base}/api/scores`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('needs scores:write to import and keeps each tenant to its own scores', async () => {
    const upload = (key: string) => fetch(`${base}/api/scores?name=bwv66.6.mxl`, { method: 'POST', headers: { ...as(key), 'content-type': 'application/octet-stream' }, body: readFileSync(CHORALE) });
    const denied = await upload(reader.key);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: string }).error).toBe('insufficient_scope');
    const imported = await upload(writer.key);
    expect(imported.status).toBe(201);
    const { id } = (await imported.json()) as { id: string };
    const listed = (await (await fetch(`${base}/api/scores`, { headers: as(reader.key) })).json()) as { scores: { id: string }[] };
    expect(listed.scores.map((score) => score.id)).toEqual([id]);
    expect((await fetch(`${base}/api/scores/${id}/notes`, { headers: as(reader.key) })).status).toBe(200);
    const foreign = await fetch(`${base}/api/scores/${id}/render`, { headers: as(stranger.key) });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: string }).error).toBe('SCORE_NOT_FOUND');
    expect((await fetch(`${base}/api/scores/${id}/notes`, { headers: as(stranger.key) })).status).toBe(404);
    expect((await fetch(`${base}/api/scores/${id}/audio?measures=1-1`, { headers: as(stranger.key) })).status).toBe(404);
    const heard = await fetch(`${base}/api/scores/${id}/audio?measures=1-1&parts=0,3&quarterBpm=120`, { headers: as(reader.key) });
    expect([heard.status, heard.headers.get('content-type')]).toEqual([200, 'audio/ogg']);
    expect(Buffer.from(await heard.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('OggS');
    expect(((await (await fetch(`${base}/api/scores`, { headers: as(stranger.key) })).json()) as { scores: unknown[] }).scores).toEqual([]);
  });

  it('answers unreadable uploads and bad arguments with coded JSON errors', async () => {
    const garbage = await fetch(`${base}/api/scores?name=notes.txt`, { method: 'POST', headers: { ...as(writer.key), 'content-type': 'application/octet-stream' }, body: 'hello' });
    expect(garbage.status).toBe(415);
    expect(((await garbage.json()) as { error: string }).error).toBe('UNSUPPORTED_FORMAT');
    const badFormat = await fetch(`${base}/api/scores/x/export?format=pdf`, { headers: as(writer.key) });
    expect(badFormat.status).toBe(400);
    for (const query of ['parts=soprano', 'quarterBpm=fast', 'measures=2;3']) {
      const refused = await fetch(`${base}/api/scores/x/audio?${query}`, { headers: as(writer.key) });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { error: string }).error).toBe('INVALID_ARGUMENT');
    }
  });
});
