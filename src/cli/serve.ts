/** `cadenza serve`: the MCP server on its embedded defaults (stdio transport, in-memory store). */
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';
import { createServices } from '../server/services.js';
import { serveStdio } from '../server/stdio.js';
import { packageVersion } from './version.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the MCP server (stdio transport) for an MCP client such as Claude Desktop')
    .option('--transport <transport>', 'stdio (the only transport so far)', 'stdio')
    .action(async (options: { transport: string }) => {
      if (options.transport !== 'stdio') program.error(`Unknown transport "${options.transport}"; use stdio.`);
      try {
        const config = loadConfig(process.env, process.cwd());
        const log = createLogger(config.logLevel);
        log.info({ allowedRoots: config.allowedRoots, maxInputBytes: config.maxInputBytes }, 'configuration');
        await serveStdio(createServices(config), log, packageVersion());
      } catch (error) {
        if (error instanceof ConfigError) program.error(error.message, { exitCode: 78 });
        throw error;
      }
    });
}
