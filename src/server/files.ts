/**
 * Reads score files only from inside the allowed roots. Paths are checked twice: as written (so "../"
 * cannot climb out) and after resolving symbolic links (so a link inside a root cannot point outside).
 */
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CadenzaError } from '../core/errors.js';
import type { FileContent, ScoreFiles } from '../mcp/ports.js';

export class AllowedRootFiles implements ScoreFiles {
  private readonly roots: readonly string[];

  /** roots are resolved against `cwd`; maxBytes bounds what is read */
  constructor(roots: readonly string[], private readonly maxBytes: number, cwd = process.cwd()) {
    this.roots = roots.map((root) => resolve(cwd, root));
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

  private async readBounded(path: string, asGiven: string): Promise<Uint8Array> {
    const handle = await open(path, 'r').catch(() => {
      throw new CadenzaError('FILE_NOT_FOUND', `Cannot open "${asGiven}".`);
    });
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) throw new CadenzaError('INVALID_ARGUMENT', `"${asGiven}" is not a regular file.`);
      if (stats.size > this.maxBytes) {
        throw new CadenzaError('LIMIT_EXCEEDED', `"${asGiven}" is ${stats.size} bytes; the limit is ${this.maxBytes}.`);
      }
      const bytes = await handle.readFile();
      // The file may have grown since stat: check what was actually read too.
      if (bytes.length > this.maxBytes) {
        throw new CadenzaError('LIMIT_EXCEEDED', `"${asGiven}" is over the limit of ${this.maxBytes} bytes.`);
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    } finally {
      await handle.close();
    }
  }
}

/** isInside("/a/b/c", "/a/b") → true; isInside("/a/bc", "/a/b") → false */
export function isInside(candidate: string, root: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
