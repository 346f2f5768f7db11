/** The built command line's code cache (src/cli/code-cache.ts): written once, then used; a damaged or unwritable cache changes nothing a person sees. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CHORALE = fileURLToPath(new URL('../../corpus/bach/bwv66.6.mxl', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'cadenza-code-cache-'));
// Node 22+ keeps its own compile cache there, in its own layout: the file checks below are Node 20's
const OWN_CACHE = (process.versions.node.split('.').map(Number)[0] ?? 0) < 22;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function info(cacheDir: string, extra: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { NODE_DISABLE_COMPILE_CACHE: _, ...inherited } = process.env;
  const env = { ...inherited, CADENZA_CODE_CACHE_DIR: cacheDir, CADENZA_DATA_DIR: join(folder, 'data'), ...extra };
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'info', CHORALE], { env, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** the cache files of this Node under `cacheDir`, by name, with their modification times */
function cacheFiles(cacheDir: string): Map<string, number> {
  const [own] = readdirSync(cacheDir);
  const dir = join(cacheDir, own!);
  return new Map(readdirSync(dir).map((name) => [join(dir, name), statSync(join(dir, name)).mtimeMs]));
}

describe('the code cache of the command line', () => {
  const cacheDir = join(folder, 'cache');

  it('is written by the first start and read, not rewritten, by the next, which prints the same', async () => {
    const first = await info(cacheDir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Measures\s+10$/m);
    if (!OWN_CACHE) return;
    const written = cacheFiles(cacheDir);
    expect([...written.keys()].some((file) => /cli-[\w-]+-\d+$/.test(file))).toBe(true);
    const second = await info(cacheDir);
    expect(second).toEqual(first);
    expect(cacheFiles(cacheDir)).toEqual(written); // V8 accepted every file: none was written again
  });

  it.runIf(OWN_CACHE)('ignores a damaged cache file, prints the same and writes it again', async () => {
    const before = await info(cacheDir);
    const [file] = [...cacheFiles(cacheDir).keys()].filter((name) => name.includes('/cli-'));
    const bytes = readFileSync(file!);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(file!, bytes);
    const after = await info(cacheDir);
    expect(after).toEqual(before);
    expect(readFileSync(file!).equals(bytes)).toBe(false);
  });

  it('runs as before when the cache folder cannot be made or written', async () => {
    const blocked = join(folder, 'a-file');
    writeFileSync(blocked, '');
    const underFile = await info(join(blocked, 'cache'));
    expect(underFile.code, underFile.stderr).toBe(0);
    expect(underFile.stdout).toMatch(/^Measures\s+10$/m);
    expect(underFile.stderr).toBe('');
  });

  it('is neither read nor written with NODE_DISABLE_COMPILE_CACHE=1', async () => {
    const off = join(folder, 'off');
    const run = await info(off, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(run.code, run.stderr).toBe(0);
    expect(() => readdirSync(off)).toThrow();
  });
});
