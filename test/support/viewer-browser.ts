/**
 * What the viewer's browser tests share: the built server process (one worker) and Debian's Chromium
 * (playwright-core) on one page, whose page errors (and, when asked, answers of 400 and above) are
 * collected for the tests to check. Requires `npm run build` and /usr/bin/chromium.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnHttpServer, type ServerProcess } from './spawn-server.js';

export interface ViewerSession {
  readonly server: ServerProcess;
  /** the server's root, where the viewer is served */
  readonly base: string;
  readonly browser: Browser;
  readonly page: Page;
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export interface ViewerOptions {
  readonly viewport: { width: number; height: number };
  readonly launchArgs?: readonly string[];
  readonly acceptDownloads?: boolean;
  /** also count an answer of 400 or above as a page error */
  readonly failedResponses?: boolean;
}

export async function openViewer(options: ViewerOptions): Promise<ViewerSession> {
  const server = await spawnHttpServer({ CADENZA_WORKERS: '1' });
  const stopServer = async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  };
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', ...(options.launchArgs ? { args: [...options.launchArgs] } : {}) });
  } catch (error) {
    await stopServer();
    throw error;
  }
  const page = await browser.newPage({ viewport: options.viewport, ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  if (options.failedResponses) page.on('response', (response) => void (response.status() >= 400 && pageErrors.push(`${response.status()} ${response.url()}`)));
  return {
    server,
    base: server.url.replace(/\/mcp$/, ''),
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await stopServer();
    },
  };
}
