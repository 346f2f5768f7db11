/**
 * Reads score files only from inside the allowed roots, and writes exports only inside the output roots.
 * Paths are checked twice: as written (so "../" cannot climb out) and after resolving symbolic links (so a
 * link inside a root cannot point outside). A write goes to a temporary file renamed into place, and never
 * through a symbolic link.
 */
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CadenzaError } from '../core/errors.js';
import type { FileContent, ScoreFiles } from '../mcp/ports.js';

/** how long reading one file may take; a local disk reads the largest allowed score in well under a second */
const READ_TIMEOUT_MS = 10_000;

export class AllowedRootFiles implements ScoreFiles {
  private readonly roots: readonly string[];

  private readonly outputRoots: readonly string[];

  /** roots are resolved against `cwd`; maxBytes bounds what is read; outputRoots may be written (none: no writing) */
  constructor(
    roots: readonly string[],
    private readonly maxBytes: number,
    cwd = process.cwd(),
    outputRoots: readonly string[] = [],
    private readonly readTimeoutMs = READ_TIMEOUT_MS,
  ) {
    this.roots = roots.map((root) => resolve(cwd, root));
    this.outputRoots = outputRoots.map((root) => resolve(cwd, root));
  }

  async write(path: string, bytes: Uint8Array): Promise<{ path: string }> {
    if (this.outputRoots.length === 0) {
      throw new CadenzaError('PATH_NOT_ALLOWED', 'Writing files is off on this server.', { hint: 'Leave out `path` to get the content in the answer, or set CADENZA_OUTPUT_ROOTS to the folders exports may go to.' });
    }
    if (path.includes('\0')) throw new CadenzaError('INVALID_ARGUMENT', 'The path contains a NUL character.');
    const requested = resolve(path);
    const refuse = () => new CadenzaError('PATH_NOT_ALLOWED', `"${path}" is outside the folders exports may go to (${this.outputRoots.join(', ')}).`);
    if (!this.outputRoots.some((root) => isInside(requested, root) && requested !== root)) throw refuse();
    const folder = await realpath(dirname(requested)).catch(() => {
      throw new CadenzaError('FILE_NOT_FOUND', `The folder of "${path}" does not exist.`);
    });
    const outputRoots = await Promise.all(this.outputRoots.map((root) => realpath(root).catch(() => root)));
    if (!outputRoots.some((root) => isInside(folder, root))) throw refuse();
    const target = join(folder, basename(requested));
    const existing = await lstat(target).catch(() => undefined);
    if (existing && !existing.isFile()) throw new CadenzaError('PATH_NOT_ALLOWED', `"${path}" exists and is not a regular file (a link or a folder); it is left alone.`);
    const temporary = join(folder, `.${basename(requested)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { path: target };
  }

  async read(path: string): Promise<FileContent> {
    if (path.includes('\0')) throw new CadenzaError('INVALID_ARGUMENT', 'The path contains a NUL character.');
    const requested = resolve(path);
    this.assertInsideRoots(requested, path);
    const canonical = await this.canonical(requested, path);
    this.assertInsideRoots(canonical, path, await this.canonicalRoots());
    return { bytes: await this.readBounded(canonical, path), path: canonical };
  }

  private assertInsideRoots(candidate: string, asGiven: string, roots = this.roots): void {
    if (!roots.some((root) => isInside(candidate, root))) {
      throw new CadenzaError('PATH_NOT_ALLOWED', `"${asGiven}" is outside the allowed folders (${this.roots.join(', ')}).`);
    }
  }

  private async canonicalRoots(): Promise<string[]> {
    return Promise.all(this.roots.map((root) => realpath(root).catch(() => root)));
  }

  private async canonical(requested: string, asGiven: string): Promise<string> {
    try {
      return await realpath(requested);
    } catch {
      throw new CadenzaError('FILE_NOT_FOUND', `No file at "${asGiven}".`);
    }
  }

  /**
   * Only a regular file is opened, and without blocking: opening a named pipe for reading would wait for
   * a writer forever, holding one of libuv's four file threads (four such calls stopped all file I/O).
   * The size is checked before reading and again while reading, and the whole read has a deadline.
   */
  private async readBounded(path: string, asGiven: string): Promise<Uint8Array> {
    this.assertReadable(await stat(path).catch(() => undefined), asGiven);
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(() => {
      throw new CadenzaError('FILE_NOT_FOUND', `Cannot open "${asGiven}".`);
    });
    try {
      // the path may have been swapped for something else between stat and open
      this.assertReadable(await handle.stat(), asGiven);
      const deadline = Date.now() + this.readTimeoutMs;
      return await withDeadline(this.readAtMost(handle, asGiven, deadline), deadline, () => readTimeout(asGiven, this.readTimeoutMs));
    } finally {
      await handle.close();
    }
  }

  private assertReadable(stats: Stats | undefined, asGiven: string): void {
    if (!stats) throw new CadenzaError('FILE_NOT_FOUND', `No file at "${asGiven}".`);
    if (!stats.isFile()) throw new CadenzaError('INVALID_ARGUMENT', `"${asGiven}" is not a regular file (a folder, pipe, socket or device); only regular files are imported.`);
    if (stats.size > this.maxBytes) throw new CadenzaError('LIMIT_EXCEEDED', `"${asGiven}" is ${stats.size} bytes; the limit is ${this.maxBytes}.`);
  }

  /** reads to the end, failing as soon as more than maxBytes arrive (the file may grow after stat) or the deadline passes */
  private async readAtMost(handle: FileHandle, asGiven: string, deadline: number): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      if (Date.now() >= deadline) throw readTimeout(asGiven, this.readTimeoutMs);
      const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, this.maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > this.maxBytes) throw new CadenzaError('LIMIT_EXCEEDED', `"${asGiven}" is over the limit of ${this.maxBytes} bytes.`);
    }
    const bytes = Buffer.concat(chunks, total);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }
}

const READ_CHUNK_BYTES = 1024 * 1024;

function readTimeout(asGiven: string, ms: number): CadenzaError {
  return new CadenzaError('TIMEOUT', `Reading "${asGiven}" took longer than ${ms} ms.`, { hint: 'Check the file system the file is on, or copy the file to a local disk.' });
}

/** the read's result, or TIMEOUT at the deadline even while a read is stalled (a hung file system must not hang the call) */
async function withDeadline<T>(reading: Promise<T>, deadline: number, timedOut: () => CadenzaError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const ms = Math.max(0, deadline - Date.now());
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  try {
    return await Promise.race([reading, expired]);
  } finally {
    clearTimeout(timer);
    reading.catch(() => undefined);
  }
}

/** isInside("/a/b/c", "/a/b") → true; isInside("/a/bc", "/a/b") → false */
export function isInside(candidate: string, root: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
