#!/usr/bin/env node
/** The `cadenza` command: one subcommand per file in src/cli/. */
import { Command } from 'commander';
import { registerApiKey } from './cli/apikey.js';
import { registerBatch } from './cli/batch.js';
import { registerConvert } from './cli/convert.js';
import { registerServe } from './cli/serve.js';
import { packageVersion } from './cli/version.js';

const program = new Command()
  .name('cadenza')
  .description('Music analysis and composition over the Model Context Protocol')
  .version(packageVersion());
registerServe(program);
registerConvert(program);
registerApiKey(program);
registerBatch(program);
await program.parseAsync(process.argv);
