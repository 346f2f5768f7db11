/** `cadenza corpus add|indexes|search|remove` on a tune book and chorales from test/fixtures, in a data folder of its own. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_SCORES } from '../support/corpus.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-corpus-cli-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cadenza(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, CADENZA_DATA_DIR: dataDir }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('cadenza corpus add', () => {
  it('indexes a tune book by tune, adds chorales to it, and searches it', async () => {
    const tunes = await cadenza('corpus', 'add', 'folk', `${TEST_SCORES}oneills1850/0951-0981.abc`, '--threads', '1');
    expect(tunes.code, tunes.stderr).toBe(0);
    expect(tunes.stdout).toMatch(/^folk: 31 pieces, \d+ notes, 0 harmonies/m);
    const more = await cadenza('corpus', 'add', 'folk', `${TEST_SCORES}bach/bwv66.6.mxl`, '--threads', '1');
    expect(more.stdout).toMatch(/^folk: 32 pieces, \d+ notes, [1-9]\d* harmonies/m);
    const listed = await cadenza('corpus', 'indexes');
    expect(listed.stdout).toMatch(/^folk\s+32\s/m);
    // the soprano's first phrase of BWV 66.6: C#5 B4 A4 B4 C#5 E5
    const found = await cadenza('corpus', 'search', 'folk', 'C#5 B4 A4 B4 C#5 E5');
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toMatch(/^bwv66\.6\.mxl\s+Soprano\s+0\s+4\s+C#5 B4 A4 B4 C#5 E5$/m);
    const removed = await cadenza('corpus', 'remove', 'folk');
    expect(removed.stdout).toBe('Deleted folk.\n');
    expect((await cadenza('corpus', 'search', 'folk', 'C4 D4 E4')).code).toBe(66);
  });

  it('refuses a corpus name that is a path', async () => {
    const run = await cadenza('corpus', 'add', '../escape', `${TEST_SCORES}bach/bwv66.6.mxl`);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/not a corpus name/);
  });
});
