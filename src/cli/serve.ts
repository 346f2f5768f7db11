/**
 * `cadenza serve`: the MCP server. On stdio by default (for desktop clients that start it), or over
 * Streamable HTTP with --http (for remote clients and many users).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { ConfigError, loadConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';
import { createRuntime } from '../server/runtime.js';
import { serveStdio } from '../server/stdio.js';
import { EXIT } from './exit-codes.js';
import { packageVersion } from './version.js';

interface ServeOptions {
  readonly http?: boolean;
  readonly port?: string;
  readonly host?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the MCP server: stdio for a desktop client, or --http for Streamable HTTP at /mcp')
    .option('--http', 'serve over Streamable HTTP instead of stdio')
    .option('--port <port>', 'HTTP port (default CADENZA_PORT or 8750; 0 picks a free one)', portOption)
    .option('--host <host>', 'HTTP host to bind (default CADENZA_HOST or 127.0.0.1)')
    .action(async (options: ServeOptions) => {
      try {
        const overrides = { ...(options.port ? { CADENZA_PORT: options.port } : {}), ...(options.host ? { CADENZA_HOST: options.host } : {}) };
        const config = loadConfig({ ...process.env, ...overrides }, process.cwd());
        const log = createLogger(config.logLevel);
        if (options.http) {
          // the HTTP stack (Express, the MCP endpoint, the viewer) is loaded only for --http
          const { startHttpServer } = await import('../server/http/serve-http.js');
          const running = await startHttpServer(config, log, packageVersion());
          for (const signal of ['SIGINT', 'SIGTERM'] as const) {
            process.once(signal, () => void running.stop().then(() => process.exit(0)));
          }
          return;
        }
        log.info({ allowedRoots: config.allowedRoots, maxInputBytes: config.maxInputBytes }, 'configuration');
        // a desktop client starts the server for each session and may never call a tool that needs a worker
        await serveStdio(await createRuntime(config, log, packageVersion(), { startWorkersOnFirstTask: true }), log);
      } catch (error) {
        if (error instanceof ConfigError) program.error(error.message, { exitCode: EXIT.config });
        throw error;
      }
    });
}

/** portOption("8750") → "8750"; anything but a whole number 0–65535 is a usage error naming --port */
function portOption(value: string): string {
  const port = Number(value);
  if (/^\d+$/.test(value) && port <= 65_535) return value;
  throw new InvalidArgumentError('--port takes a whole number from 0 to 65535 (0 picks a free port).');
}
