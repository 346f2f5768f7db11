#!/usr/bin/env node
/** The `cadenza` command: one subcommand per file in src/cli/. */
import { Command } from 'commander';
import { registerAnalyze } from './cli/analyze.js';
import { registerApiKey } from './cli/apikey.js';
import { registerBackup } from './cli/backup.js';
import { registerBatch } from './cli/batch.js';
import { registerConvert } from './cli/convert.js';
import { registerCorpus } from './cli/corpus.js';
import { registerDoctor } from './cli/doctor.js';
import { registerInfo } from './cli/info.js';
import { registerRender } from './cli/render.js';
import { registerServe } from './cli/serve.js';
import { registerSetup } from './cli/setup.js';
import { packageVersion } from './cli/version.js';

const program = new Command()
  .name('cadenza')
  .description('Music analysis and composition over the Model Context Protocol')
  .version(packageVersion());
registerServe(program);
registerConvert(program);
registerApiKey(program);
registerBackup(program);
registerBatch(program);
registerAnalyze(program);
registerInfo(program);
registerRender(program);
registerCorpus(program);
registerSetup(program);
registerDoctor(program);
await program.parseAsync(process.argv);
