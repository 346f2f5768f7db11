#!/usr/bin/env node
/** The `cadenza` command: one subcommand per file in src/cli/, loaded only when it is the one asked for. */
import { Command } from 'commander';
import { registerCommands } from './cli/commands.js';
import { exitOnUsageErrors } from './cli/exit-codes.js';
import { packageVersion } from './cli/version.js';

const program = new Command()
  .name('cadenza')
  .description('Music analysis and composition over the Model Context Protocol')
  .version(packageVersion());
exitOnUsageErrors(program);
await registerCommands(program, process.argv[2]);
await program.parseAsync(process.argv);
