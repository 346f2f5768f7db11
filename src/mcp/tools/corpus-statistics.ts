import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { distributionsOf } from '../../corpus/statistics.js';
import { statisticsChart } from '../../corpus/statistics-chart.js';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { corpusNameInput, corpusQueryInput, runCorpusQuery } from '../corpus-query.js';

const shares = z.array(z.object({ value: z.string(), count: z.number().int(), share: z.number() }));

export const corpusStatistics = defineTool({
  name: 'corpus_statistics',
  title: 'Corpus statistics',
  description:
    'Distributions over a corpus, or over the pieces where a search query occurs: keys, modes, meters, chord vocabulary (roman numerals), ' +
    'cadence types, melodic ranges of the parts (in semitones) and melodic intervals. Narrow with `filter` (piece ids containing it) ' +
    'and/or a query as search_corpus takes (notes, abc, passage or progression). Each list is cut to its `top` most frequent values. ' +
    'With `chart: true`, also an SVG bar chart of the distributions (the one the web viewer shows).',
  input: z.object({
    corpus: corpusNameInput,
    filter: z.string().max(200).optional().describe('Only pieces whose id contains this text, e.g. "essenFolksong/" or "bach/".'),
    ...corpusQueryInput,
    top: z.number().int().min(1).max(200).default(20),
    chart: z.boolean().default(false).describe('Also return `chart`: an SVG document with a bar chart per distribution (up to 12 bars each).'),
  }),
  output: z.object({
    corpus: z.string(),
    pieces: z.number().int(),
    lines: z.number().int(),
    notes: z.number().int(),
    harmonies: z.number().int(),
    keys: shares,
    modes: shares,
    meters: shares,
    chords: shares,
    cadences: shares,
    ranges: shares,
    lowest: z.number().int().optional().describe('The lowest MIDI note of any part.'),
    highest: z.number().int().optional(),
    intervals: shares,
    chart: z.string().optional().describe('SVG bar charts of the distributions, when chart was true.'),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  async handle(input, services, call) {
    const corpus = await services.corpora.open(call.tenantId, input.corpus);
    const queried = [input.notes, input.abc, input.passage, input.progression].some((field) => field !== undefined);
    let pieces = corpus.pieces.map((_, index) => index);
    if (queried) {
      const outcome = await runCorpusQuery(corpus, input, services, call);
      pieces = outcome.kind === 'melodic' ? outcome.matches.map((match) => corpus.linePiece[match.line]!) : outcome.matches.map((match) => corpus.harmonies.piece[match.start]!);
    }
    if (input.filter !== undefined) pieces = pieces.filter((index) => corpus.pieces[index]!.id.includes(input.filter!));
    if (pieces.length === 0 && corpus.pieces.length > 0 && input.filter !== undefined && !queried) {
      throw new CadenzaError('INVALID_ARGUMENT', `No piece id in ${input.corpus} contains "${input.filter}".`, { hint: 'Use part of a piece id as search_corpus returns them, e.g. "bach/".' });
    }
    const statistics = distributionsOf(corpus, pieces, input.top);
    const top = (list: readonly { value: string; share: number }[]) => list.slice(0, 3).map((entry) => `${entry.value} ${Math.round(entry.share * 100)}%`).join(', ');
    return {
      structured: { corpus: input.corpus, ...statistics, ...(input.chart ? { chart: statisticsChart(statistics, input.corpus) } : {}) },
      summary: `${statistics.pieces} pieces of ${input.corpus}: keys ${top(statistics.keys) || 'none'}; meters ${top(statistics.meters) || 'none'}; chords ${top(statistics.chords) || 'none'}.`,
    };
  },
});
