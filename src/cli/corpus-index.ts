/**
 * `cadenza corpus add NAME PATH…` builds (or extends) a searchable corpus from score files and folders,
 * on worker threads; `indexes` lists the corpora, `remove` deletes one, `search` runs search_corpus on one.
 * They belong to the local tenant, the one `cadenza serve` over stdio acts for.
 */
import type { Command } from 'commander';
import { appendPieces, buildCorpusIndex } from '../corpus/corpus-index.js';
import type { CorpusLibrary } from '../mcp/ports.js';
import { InlineWork } from '../mcp/inline-work.js';
import { LOCAL_TENANT } from '../mcp/tenant.js';
import { searchCorpus } from '../mcp/tools/search-corpus.js';
import { loadConfig } from '../server/config.js';
import { buildCorpusFromFiles } from '../server/corpus-build.js';
import { createServices } from '../server/services.js';
import { reportingFailures } from './failures.js';
import { openLocalTools, structured } from './local-tools.js';
import { formatTable } from './table.js';

interface SearchAnswer {
  readonly total: number;
  readonly results: readonly { pieceId: string; partName?: string; measure: string; beat: number; slice: string; distance?: number; key?: string }[];
}

export function registerNamedCorpora(corpus: Command, program: Command): void {
  corpus
    .command('add')
    .description('Build a searchable corpus from score files and folders (ABC tune books count by tune), or add them to it')
    .argument('<name>', 'the corpus name, e.g. folk')
    .argument('<paths...>', 'score files or folders')
    .option('--no-harmony', 'skip harmonic analysis (melodic search only; much faster)')
    .option('--threads <n>', 'worker threads (default: all cores)')
    .option('--replace', 'replace the corpus instead of adding to it')
    .action((name: string, paths: string[], options: { harmony: boolean; threads?: string; replace?: boolean }) =>
      reportingFailures(program, async () => {
        const library = localLibrary();
        const existing = options.replace ? undefined : await library.open(LOCAL_TENANT, name).catch(() => undefined);
        const build = await buildCorpusFromFiles(paths, {
          harmony: options.harmony,
          ...(options.threads ? { threads: Number(options.threads) } : {}),
          progress: (done, total) => process.stderr.isTTY && process.stderr.write(`\r${done}/${total} files`),
        });
        const listing = await library.save(LOCAL_TENANT, name, existing ? appendPieces(existing, build.pieces) : buildCorpusIndex(build.pieces));
        if (process.stderr.isTTY) process.stderr.write('\n');
        for (const failure of build.failures.slice(0, 10)) process.stderr.write(`unreadable: ${failure.id}: ${failure.message}\n`);
        process.stdout.write(`${listing.name}: ${listing.pieces} pieces, ${listing.notes} notes, ${listing.harmonies} harmonies (${build.failures.length} unreadable)\n`);
      }),
    );
  corpus
    .command('indexes')
    .description('List the searchable corpora: bundled, and those built with `corpus add`')
    .action(() =>
      reportingFailures(program, async () => {
        const listings = await localLibrary().list(LOCAL_TENANT);
        process.stdout.write(formatTable(['name', 'pieces', 'notes', 'harmonies', 'updated'], listings.map((entry) => [entry.name, String(entry.pieces || ''), String(entry.notes || ''), String(entry.harmonies || ''), entry.updatedAt ?? ''])));
      }),
    );
  corpus
    .command('remove')
    .description('Delete a searchable corpus built with `corpus add`')
    .argument('<name>')
    .action((name: string) =>
      reportingFailures(program, async () => {
        const deleted = await localLibrary().delete(LOCAL_TENANT, name);
        process.stdout.write(deleted ? `Deleted ${name}.\n` : `No corpus named ${name}.\n`);
      }),
    );
  corpus
    .command('search')
    .description('Search a corpus for a melody ("E4 D4 C4 D4 E4") or, with --progression, roman numerals ("ii65 V7 I")')
    .argument('<name>', 'the corpus: bundled, or one built with `corpus add`')
    .argument('<query>', 'notes, or with --progression a progression')
    .option('--progression', 'the query is a roman-numeral progression')
    .option('--tolerance <edits>', 'edits allowed in a melody', '0')
    .option('--limit <n>', 'results to show', '20')
    .action((name: string, query: string, options: { progression?: boolean; tolerance: string; limit: string }) =>
      reportingFailures(program, async () => {
        const tools = openLocalTools([], [searchCorpus]);
        const args = { corpus: name, ...(options.progression ? { progression: query } : { notes: query, tolerance: Number(options.tolerance) }), limit: Number(options.limit) };
        const answer = structured<SearchAnswer>(await tools.call('search_corpus', args));
        process.stdout.write(formatTable(['piece', 'part/key', 'measure', 'beat', 'passage'], answer.results.map((row) => [row.pieceId, row.partName ?? row.key ?? '', row.measure, String(row.beat), row.slice])));
        process.stdout.write(`${answer.total} matches\n`);
      }),
    );
}

function localLibrary(): CorpusLibrary {
  return createServices(loadConfig(process.env, process.cwd()), { work: new InlineWork() }).corpora;
}
