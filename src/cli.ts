#!/usr/bin/env node
/** The `cadenza` command: one subcommand per file in src/cli/, loaded only when it is the one asked for. */
import { Command } from 'commander';
import { registerCommands } from './cli/commands.js';
import { exitOnUsageErrors } from './cli/exit-codes.js';
import { packageVersion } from './cli/version.js';

/** no top-level await: the bundle is CommonJS, for V8's code cache (scripts/bundle-cli.mjs) */
async function main(): Promise<void> {
  const program = new Command()
    .name('cadenza')
    .description('Music analysis and composition over the Model Context Protocol')
    .version(packageVersion());
  exitOnUsageErrors(program);
  await registerCommands(program, process.argv[2]);
  await program.parseAsync(process.argv);
}

// a failure nothing caught ends the process with its stack and exit code 1, as an uncaught error does
void main();
