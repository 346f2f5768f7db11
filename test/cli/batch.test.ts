/** `cadenza batch` as a user runs it: rows to a CSV file, the summary to a JSON file, clear failures. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_SCORES } from '../support/corpus.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'cadenza-batch-cli-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('cadenza batch', () => {
  it('writes a CSV row per score and a JSON summary for a folder and a glob', async () => {
    const out = join(folder, 'rows.csv');
    const summaryFile = join(folder, 'summary.json');
    const { stderr } = await run(process.execPath, [CLI, 'batch', `${TEST_SCORES}palestrina`, `${TEST_SCORES}**/*.abc`, '--out', out, '--summary', summaryFile, '--threads', '2']);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('source,title,composer,parts,measures,notes,key,keyCorrelation,harmonies,topFigures,cadences,error');
    expect(lines.length).toBe(1 + 12 + 10);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { scores: number; keys: unknown[] };
    expect(summary.scores).toBe(22);
    expect(summary.keys.length).toBeGreaterThan(1);
    expect(stderr).toMatch(/22 scores in .* s/);
  }, 60_000);

  it('fails with a message and exit code 66 when an input matches nothing', async () => {
    await expect(run(process.execPath, [CLI, 'batch', join(folder, 'missing-*.krn')])).rejects.toMatchObject({ code: 66, stderr: expect.stringContaining('FILE_NOT_FOUND') });
  });
});
