/** Runs every command of docs/tutorial.md as written, in a scratch folder, and checks what each prints. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tutorial = readFileSync(join(ROOT, 'docs/tutorial.md'), 'utf8');
const steps = [...tutorial.matchAll(/```sh\n([\s\S]*?)\n```\n<!-- expect: (.*?) -->/g)].map((match) => ({ command: match[1]!.trim(), expect: new RegExp(match[2]!) }));

// the commands name dist/ and corpus/ as seen from the repository: a scratch folder links to both
const scratch = mkdtempSync(join(tmpdir(), 'cadenza-tutorial-'));
for (const folder of ['dist', 'corpus', 'node_modules', 'package.json']) symlinkSync(join(ROOT, folder), join(scratch, folder));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('docs/tutorial.md', () => {
  it('has its steps, each with what it should print', () => {
    expect(steps.length).toBeGreaterThanOrEqual(6);
    expect(tutorial.match(/```sh/g)?.length).toBe(steps.length);
  });

  for (const step of steps) {
    it(`runs: ${step.command}`, () => {
      const [program, ...args] = step.command.split(/\s+/);
      expect(program).toBe('node');
      const run = spawnSync(process.execPath, args, {
        cwd: scratch,
        encoding: 'utf8',
        env: { ...process.env, HOME: scratch, CADENZA_DATA_DIR: join(scratch, 'data'), CADENZA_LOG_LEVEL: 'silent' },
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(`${run.stdout}${run.stderr}`).toMatch(step.expect);
    }, 90_000);
  }
});
