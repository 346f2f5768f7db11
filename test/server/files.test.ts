import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AllowedRootFiles, isInside } from '../../src/server/files.js';

const base = mkdtempSync(join(tmpdir(), 'cadenza-files-'));
const root = join(base, 'root');
const sibling = join(base, 'root-sibling');
mkdirSync(join(root, 'nested'), { recursive: true });
mkdirSync(sibling);
writeFileSync(join(root, 'nested', 'score.xml'), '<score-partwise/>');
writeFileSync(join(root, 'big.xml'), 'x'.repeat(2000));
writeFileSync(join(sibling, 'secret.xml'), 'secret');
symlinkSync(join(sibling, 'secret.xml'), join(root, 'escape.xml'));
symlinkSync(join(root, 'nested', 'score.xml'), join(root, 'inside-link.xml'));

afterAll(() => rmSync(base, { recursive: true, force: true }));

const files = new AllowedRootFiles([root], 1000);
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'OK', (error: { code?: string }) => error.code);

describe('AllowedRootFiles', () => {
  it('reads a file inside a root and reports its canonical path', async () => {
    const content = await files.read(join(root, 'nested', 'score.xml'));
    expect(new TextDecoder().decode(content.bytes)).toBe('<score-partwise/>');
    expect(content.path).toContain('nested');
  });

  it('follows a symbolic link that stays inside the root', async () => {
    expect(await codeOf(files.read(join(root, 'inside-link.xml')))).toBe('OK');
  });

  it('refuses ../ traversal, a sibling folder sharing the prefix, and absolute paths elsewhere', async () => {
    expect(await codeOf(files.read(join(root, '..', 'root-sibling', 'secret.xml')))).toBe('PATH_NOT_ALLOWED');
    expect(await codeOf(files.read(`${root}-sibling/secret.xml`))).toBe('PATH_NOT_ALLOWED');
    expect(await codeOf(files.read('/etc/passwd'))).toBe('PATH_NOT_ALLOWED');
  });

  it('refuses a symbolic link that points outside the root', async () => {
    expect(await codeOf(files.read(join(root, 'escape.xml')))).toBe('PATH_NOT_ALLOWED');
  });

  it('says a missing file is missing, a folder is not a file, and a large file is over the limit', async () => {
    expect(await codeOf(files.read(join(root, 'missing.xml')))).toBe('FILE_NOT_FOUND');
    expect(await codeOf(files.read(join(root, 'nested')))).toBe('INVALID_ARGUMENT');
    expect(await codeOf(files.read(join(root, 'big.xml')))).toBe('LIMIT_EXCEEDED');
    expect(await codeOf(files.read(`${root}/a\0b`))).toBe('INVALID_ARGUMENT');
  });
});

describe('AllowedRootFiles and files that are not regular', () => {
  it('refuses a named pipe inside the root at once instead of waiting for a writer, and reads on afterwards', async () => {
    const pipe = join(root, 'pipe.xml');
    execFileSync('mkfifo', [pipe]);
    const attempts = await Promise.all(Array.from({ length: 5 }, () => codeOf(files.read(pipe))));
    expect(attempts).toEqual(Array(5).fill('INVALID_ARGUMENT'));
    await expect(files.read(pipe)).rejects.toThrow(/not a regular file/);
    expect(await codeOf(files.read(join(root, 'nested', 'score.xml')))).toBe('OK');
  }, 5_000);

  it('refuses a character device reached through a link', async () => {
    symlinkSync('/dev/zero', join(root, 'zero.xml'));
    const rootedAtDev = new AllowedRootFiles([root, '/dev'], 1000);
    expect(await codeOf(rootedAtDev.read(join(root, 'zero.xml')))).toBe('INVALID_ARGUMENT');
  });

  it('gives up on a read that passes its deadline with TIMEOUT', async () => {
    const impatient = new AllowedRootFiles([root], 1000, process.cwd(), [], 0);
    expect(await codeOf(impatient.read(join(root, 'nested', 'score.xml')))).toBe('TIMEOUT');
  });
});

describe('isInside', () => {
  it('treats a root as inside itself and a prefix-sharing sibling as outside', () => {
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b/c/d', '/a/b')).toBe(true);
    expect(isInside('/a/bc', '/a/b')).toBe(false);
    expect(isInside('/a', '/a/b')).toBe(false);
  });
});

describe('AllowedRootFiles writing exports', () => {
  const out = join(base, 'out');
  mkdirSync(join(out, 'sub'), { recursive: true });
  symlinkSync(sibling, join(out, 'escape-dir'));
  symlinkSync(join(sibling, 'secret.xml'), join(out, 'linked.xml'));
  const writer = new AllowedRootFiles([root], 1000, process.cwd(), [out]);
  const bytes = new TextEncoder().encode('<score-partwise/>');

  it('writes a file inside an output root, replacing an older one, and leaves no temporary file', async () => {
    await writer.write(join(out, 'sub', 'a.musicxml'), new TextEncoder().encode('old'));
    const written = await writer.write(join(out, 'sub', 'a.musicxml'), bytes);
    expect(readFileSync(written.path, 'utf8')).toBe('<score-partwise/>');
    expect(readdirSync(join(out, 'sub'))).toEqual(['a.musicxml']);
  });

  it('refuses paths outside the output roots, through a linked folder, onto a link, into a missing folder, or with writing off', async () => {
    expect(await codeOf(writer.write(join(sibling, 'x.xml'), bytes))).toBe('PATH_NOT_ALLOWED');
    expect(await codeOf(writer.write(join(out, '..', 'root-sibling', 'x.xml'), bytes))).toBe('PATH_NOT_ALLOWED');
    expect(await codeOf(writer.write(join(out, 'escape-dir', 'x.xml'), bytes))).toBe('PATH_NOT_ALLOWED');
    expect(await codeOf(writer.write(join(out, 'linked.xml'), bytes))).toBe('PATH_NOT_ALLOWED');
    expect(readFileSync(join(sibling, 'secret.xml'), 'utf8')).toBe('secret');
    expect(await codeOf(writer.write(join(out, 'missing', 'x.xml'), bytes))).toBe('FILE_NOT_FOUND');
    expect(await codeOf(files.write(join(root, 'x.xml'), bytes))).toBe('PATH_NOT_ALLOWED');
  });
});
