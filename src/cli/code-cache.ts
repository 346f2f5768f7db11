/**
 * Starts the bundled command line (dist/bin/, CommonJS) with V8's code cache, so a second `cadenza` start
 * does not parse and compile the same few hundred kilobytes of JavaScript again (bench/cli-startup.mjs).
 * Node 22 has this built in (module.enableCompileCache); Node 20 has it only for scripts it compiles through
 * node:vm with cachedData, which is what runs each chunk here, as Node's own compile cache does it: one file
 * per chunk in a per-user folder, keyed by the Node version, the chunk's content hash (in its name) and
 * length, with a CRC-32 of its own, written atomically at exit. A cache V8 rejects, a damaged file or a
 * folder that cannot be written only means compiling as before. NODE_DISABLE_COMPILE_CACHE=1 turns it off,
 * as it does Node's; CADENZA_CODE_CACHE_DIR moves it.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

interface CompilingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface ModuleInternals {
  prototype: CompilingModule;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: CompilingModule, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: unknown;
}
type CompileCache = (directory: string) => { status: number };

/** a chunk compiled without a usable cache, to be written when the process ends */
interface Pending {
  readonly script: Script;
  readonly file: string;
}

/** CHECKSUM_BYTES of CRC-32 before the code cache in each file */
const CHECKSUM_BYTES = 4;
/** the helper the chunks call for import() (scripts/bundle-cli.mjs writes it): compiled by Node itself, which gives it the module loader vm scripts lack */
const ESM_IMPORT = 'esm-import.cjs';

/** runBundle(url of dist/bin/cli-<hash>.cjs): loads it, with the chunks of its folder compiled from the code cache */
export function runBundle(entry: URL): void {
  const path = fileURLToPath(entry);
  const folder = cacheFolder();
  if (folder !== undefined) useCodeCache(dirname(path), folder);
  createRequire(entry)(path);
}

/** where the cache lives for this Node: CADENZA_CODE_CACHE_DIR, else the platform's per-user cache folder; undefined when turned off */
function cacheFolder(): string | undefined {
  const env = process.env;
  if (env.NODE_DISABLE_COMPILE_CACHE === '1') return undefined;
  const base = env.CADENZA_CODE_CACHE_DIR ?? userCacheFolder(env);
  return base === undefined ? undefined : join(base, `code-${process.version}-${process.arch}`);
}

/** the per-user cache folder of the platform's conventions, with cadenza's own folder inside it */
function userCacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME ?? env.USERPROFILE;
  if (process.platform === 'win32') return env.LOCALAPPDATA === undefined ? undefined : join(env.LOCALAPPDATA, 'cadenza', 'Cache');
  if (home === undefined) return env.XDG_CACHE_HOME === undefined ? undefined : join(env.XDG_CACHE_HOME, 'cadenza');
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'cadenza');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'cadenza');
}

/** Node 22's own compile cache when there is one, else each chunk of `chunks` compiled through node:vm with ours */
function useCodeCache(chunks: string, folder: string): void {
  const enableCompileCache = (Module as unknown as { enableCompileCache?: CompileCache }).enableCompileCache;
  if (enableCompileCache) {
    enableCompileCache(folder);
    return;
  }
  const internals = Module as unknown as ModuleInternals;
  const compile = internals.prototype._compile;
  const pending: Pending[] = [];
  internals.prototype._compile = function compileCached(this: CompilingModule, content: string, filename: string) {
    if (dirname(filename) !== chunks || !filename.endsWith('.cjs') || basename(filename) === ESM_IMPORT) return compile.call(this, content, filename);
    return runChunk(this, internals, content, filename, join(folder, `${basename(filename, '.cjs')}-${content.length}`), pending);
  };
  process.once('exit', () => writeCaches(folder, pending));
}

/** compiles and runs one chunk as Node's CommonJS loader would, from its cache file when V8 accepts it */
function runChunk(module: CompilingModule, internals: ModuleInternals, content: string, filename: string, file: string, pending: Pending[]): unknown {
  const cachedData = readCache(file);
  // a "#!" line is valid only at the very start of a script, which the wrapper is not; a comment keeps the line numbers
  const source = content.startsWith('#!') ? `//${content.slice(2)}` : content;
  const script = new Script(internals.wrap(source), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) pending.push({ script, file });
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
  return wrapper.call(module.exports, module.exports, requireFor(module, internals), module, filename, dirname(filename));
}

/** the `require` a chunk is given: what the chunks use of it (loading, resolving) */
function requireFor(module: CompilingModule, internals: ModuleInternals): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: unknown) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  require.cache = internals._cache as NodeJS.Require['cache'];
  require.extensions = internals._extensions as NodeJS.Require['extensions'];
  return require;
}

/** the code cache in `file` if its checksum holds, else undefined (missing, damaged, unreadable) */
function readCache(file: string): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    const data = bytes.subarray(CHECKSUM_BYTES);
    return bytes.length > CHECKSUM_BYTES && bytes.readUInt32LE(0) === crc32(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** At exit: the code V8 compiled for each chunk so far, each file written whole (a temporary file renamed) or not at all. */
function writeCaches(folder: string, pending: readonly Pending[]): void {
  if (pending.length === 0) return;
  try {
    mkdirSync(folder, { recursive: true });
  } catch {
    return; // an unwritable cache folder costs the next start its compile time, nothing else
  }
  for (const { script, file } of pending) writeCache(file, script);
}

function writeCache(file: string, script: Script): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    const checksum = Buffer.alloc(CHECKSUM_BYTES);
    checksum.writeUInt32LE(crc32(data));
    writeFileSync(temporary, Buffer.concat([checksum, data]));
    renameSync(temporary, file);
  } catch {
    removeQuietly(temporary);
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // left behind in the cache folder; a later write of the same chunk replaces it
  }
}
