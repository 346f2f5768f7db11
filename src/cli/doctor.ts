/**
 * `cadenza doctor`: checks that this installation can serve — Node, the build and its dependencies, the
 * bundled corpus, the store, a live stdio round-trip and the HTTP port — each with a fix when it fails.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readScore } from '../formats/read-score.js';
import { loadConfig, type Config } from '../server/config.js';
import { BundledCorpus } from '../server/corpus.js';
import { check, printChecks, type CheckResult } from './checks.js';
import { CLI_PATH } from './setup.js';
import { probeStdioServer } from './stdio-probe.js';

const MINIMUM_NODE = [20, 19] as const;
/** the score the round-trip asks about, and what its key must be */
const PROBE_SCORE = { id: 'bach/bwv66.6', key: 'F# minor' };

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('Check this installation: Node, build, dependencies, corpus, store, a live stdio round-trip, the HTTP port')
    .option('--json', 'the checks as JSON: { ok, checks: [{ name, ok, detail, hint? }] }')
    .option('--port <port>', 'the HTTP port to check (default CADENZA_PORT or 8750)')
    .addHelpText('after', '\nExits 0 when every check passes, 1 otherwise.')
    .action(async (options: { json?: boolean; port?: string }) => {
      const results: CheckResult[] = [nodeVersion()];
      let config: Config | undefined;
      results.push(
        await check('config', () => {
          config = loadConfig({ ...process.env, ...(options.port ? { CADENZA_PORT: options.port } : {}) }, process.cwd());
          return { ok: true, detail: `data in ${config.dataDir}, store ${config.store.backend}, HTTP ${config.http.host}:${config.http.port}` };
        }, 'correct the CADENZA_* variable named above (see the Configuration section of the README)'),
      );
      results.push(installed(), await dependencies(), await check('sqlite', sqliteLoads, 'reinstall to rebuild the native module: npm rebuild better-sqlite3 (needs a C++ toolchain when no prebuilt binary fits)'));
      results.push(await check('corpus', corpusReadable, 'reinstall Cadenza: the corpus/ folder of the package is missing or damaged'));
      if (config) results.push(await check('store', () => storeWritable(config!), `make ${config.dataDir} writable, or point CADENZA_DATA_DIR at a writable folder`));
      if (config?.store.backend === 'redis') results.push(await check('redis', () => redisAnswers(config!), `start Redis at ${config.store.redisUrl}, or set CADENZA_REDIS_URL to where it runs`));
      if (config && existsSync(CLI_PATH)) results.push(await check('stdio', roundTrip, 'run `node dist/cli.js serve` by hand to see why the server fails (its log is on stderr)'));
      if (config) results.push(await portFree(config.http.host, config.http.port));
      process.exitCode = printChecks(results, options.json ?? false) ? 0 : 1;
    });
}

function nodeVersion(): CheckResult {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
  const detail = `Node ${process.versions.node} at ${process.execPath} (needs ≥ ${MINIMUM_NODE.join('.')})`;
  return ok ? { name: 'node', ok, detail } : { name: 'node', ok, detail, hint: 'install Node.js 20.19 or newer (https://nodejs.org, or nvm install 22)' };
}

function installed(): CheckResult {
  return existsSync(CLI_PATH)
    ? { name: 'install', ok: true, detail: CLI_PATH }
    : { name: 'install', ok: false, detail: `${CLI_PATH} is missing`, hint: 'build it: npm run build (in the Cadenza folder)' };
}

/** Loads every runtime dependency the package declares, as the server would. */
async function dependencies(): Promise<CheckResult> {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  const names = Object.keys(manifest.dependencies);
  const failed: string[] = [];
  for (const name of names) {
    try {
      await import(name);
    } catch (error) {
      failed.push(`${name} (${(error as Error).message.split('\n')[0]})`);
    }
  }
  return failed.length === 0
    ? { name: 'dependencies', ok: true, detail: `${names.length} packages load` }
    : { name: 'dependencies', ok: false, detail: `cannot load ${failed.join('; ')}`, hint: 'install them: npm ci (or npm install) in the Cadenza folder' };
}

/** Loaded on demand, so a broken native module fails this check instead of the whole command. */
async function sqlite(): Promise<typeof import('better-sqlite3')> {
  return (await import('better-sqlite3')).default;
}

async function sqliteLoads(): Promise<Omit<CheckResult, 'name'>> {
  const Database = await sqlite();
  const database = new Database(':memory:');
  try {
    const { version } = database.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    return { ok: true, detail: `better-sqlite3 native module loads (SQLite ${version})` };
  } finally {
    database.close();
  }
}

async function corpusReadable(): Promise<Omit<CheckResult, 'name'>> {
  const corpus = new BundledCorpus();
  const entries = corpus.list();
  const entry = entries.find((candidate) => candidate.id === PROBE_SCORE.id) ?? entries[0];
  if (!entry) return { ok: false, detail: 'the manifest lists no scores', hint: 'reinstall Cadenza' };
  const { bytes } = await corpus.read(entry.id);
  const { score } = readScore(bytes, entry.format);
  return { ok: score.parts.length > 0, detail: `${entries.length} scores; ${entry.id} parses (${score.parts.length} parts)` };
}

/** Creates a throwaway SQLite file in the data folder, writes, reads it back and deletes it. */
async function storeWritable(config: Config): Promise<Omit<CheckResult, 'name'>> {
  const Database = await sqlite();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const file = join(config.dataDir, `doctor-${process.pid}-${randomBytes(3).toString('hex')}.db`);
  const written = randomBytes(8).toString('hex');
  try {
    const database = new Database(file);
    try {
      database.pragma('journal_mode = WAL');
      database.exec('CREATE TABLE probe (value TEXT NOT NULL)');
      database.prepare('INSERT INTO probe (value) VALUES (?)').run(written);
      const { value } = database.prepare('SELECT value FROM probe').get() as { value: string };
      if (value !== written) return { ok: false, detail: `${file}: read back "${value}", wrote "${written}"`, hint: 'check the disk and file system of the data folder' };
    } finally {
      database.close();
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
  const note = config.store.backend === 'sqlite' ? '' : ` (scores live in ${config.store.backend}; the data folder still holds API keys)`;
  return { ok: true, detail: `SQLite write, read and delete in ${config.dataDir}${note}` };
}

/** With CADENZA_STORE=redis the scores live in Redis: connects once (no retries), writes, reads and deletes a probe key. */
async function redisAnswers(config: Config): Promise<Omit<CheckResult, 'name'>> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(config.store.redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => undefined); // the failed connect below reports it
  const key = `${config.store.redisPrefix}doctor:${process.pid}:${randomBytes(3).toString('hex')}`;
  try {
    await redis.connect();
    await redis.set(key, 'probe', 'PX', 10_000);
    const value = await redis.get(key);
    await redis.del(key);
    return value === 'probe' ? { ok: true, detail: `Redis at ${config.store.redisUrl} writes, reads and deletes` } : { ok: false, detail: `Redis at ${config.store.redisUrl} read back ${String(value)}` };
  } catch (error) {
    // thrown, so that check() adds the hint
    throw new Error(`Redis at ${config.store.redisUrl} does not answer: ${(error as Error).message}`, { cause: error });
  } finally {
    redis.disconnect();
  }
}

async function roundTrip(): Promise<Omit<CheckResult, 'name'>> {
  const env = Object.fromEntries(Object.entries(process.env).filter((pair): pair is [string, string] => pair[1] !== undefined));
  const probe = await probeStdioServer({ command: process.execPath, args: [CLI_PATH, 'serve'], env }, { corpusId: PROBE_SCORE.id });
  const detail = `node dist/cli.js serve: ${probe.toolCount} tools; analyze_key on ${PROBE_SCORE.id} → ${probe.key} (${probe.milliseconds} ms)`;
  if (probe.key !== PROBE_SCORE.key) return { ok: false, detail: `${detail}, expected ${PROBE_SCORE.key}`, hint: 'this is a bug in Cadenza; please report it with this output' };
  return { ok: probe.toolCount > 0, detail };
}

/** Binds the port and lets it go again; a failure names what to do. */
async function portFree(host: string, port: number): Promise<CheckResult> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host, port, exclusive: true }, resolve);
    });
    return { name: 'port', ok: true, detail: `${host}:${port} is free for cadenza serve --http` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE'
        ? `another process listens there (perhaps a running \`cadenza serve --http\`): stop it, or choose another port with --port or CADENZA_PORT`
        : `choose a port you may bind (above 1023), with --port or CADENZA_PORT, or another CADENZA_HOST`;
    return { name: 'port', ok: false, detail: `cannot listen on ${host}:${port} (${code ?? (error as Error).message})`, hint };
  } finally {
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}
