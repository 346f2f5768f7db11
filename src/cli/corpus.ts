/**
 * `cadenza corpus list|show`: the public-domain scores bundled with Cadenza (corpus/manifest.json);
 * `cadenza corpus add|indexes|remove|search`: the local tenant's named, searchable corpora (in the data folder).
 */
import type { Command } from 'commander';
import { BundledCorpus } from '../server/corpus.js';
import { printScoreInfo, type ScoreInfo } from './info.js';
import { getScoreInfo } from '../mcp/tools/get-score-info.js';
import { importScore } from '../mcp/tools/import-score.js';
import { reportingFailures } from './failures.js';
import { openLocalTools, structured } from './local-tools.js';
import { formatTable } from './table.js';
import { registerNamedCorpora } from './corpus-index.js';

export function registerCorpus(program: Command): void {
  const corpus = program.command('corpus').description('The scores bundled with Cadenza, usable offline by id');
  corpus
    .command('list')
    .description('List the bundled scores: id, title, composer')
    .option('--json', 'as a JSON array')
    .action((options: { json?: boolean }) => {
      const entries = new BundledCorpus().list();
      if (options.json) process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      else process.stdout.write(formatTable(['id', 'title', 'composer'], entries.map((entry) => [entry.id, entry.title, entry.composer])));
    });
  registerNamedCorpora(corpus, program);
  corpus
    .command('show')
    .description('Describe one bundled score (as `cadenza info` does a file)')
    .argument('<id>', 'a corpus id, e.g. bach/bwv66.6 (see `cadenza corpus list`)')
    .option('--json', 'the get_score_info structured output')
    .action((corpusId: string, options: { json?: boolean }) =>
      reportingFailures(program, async () => {
        const tools = openLocalTools([], [importScore, getScoreInfo]);
        const { id } = structured<{ id: string }>(await tools.call('import_score', { corpus: corpusId }));
        printScoreInfo(structured<ScoreInfo>(await tools.call('get_score_info', { id })), options.json ?? false);
      }),
    );
}
