import { z } from 'zod';
import { MAX_MATCHES } from '../../corpus/melodic-search.js';
import { describeHarmonicMatch, describeMelodicMatch } from '../../corpus/results.js';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { corpusNameInput, corpusQueryInput, runCorpusQuery } from '../corpus-query.js';
import { cursorInput, nextCursorOutput, pageOf } from '../paging.js';

const resultOutput = z.object({
  pieceId: z.string().describe('The piece in the corpus: a bundled corpus id, a stored score id, or a file path ("book.abc#12" is tune X:12).'),
  title: z.string().optional(),
  composer: z.string().optional(),
  partId: z.string().optional(),
  partName: z.string().optional(),
  measure: z.string().describe('Where the passage starts: measure number as printed.'),
  beat: z.number(),
  endMeasure: z.string(),
  measureIndex: z.number().int().describe('0-based position of that measure in the piece.'),
  distance: z.number().int().optional().describe('Melodies: edits between the query and this passage (0 exact).'),
  transposition: z.number().int().optional().describe('Melodies: semitones from the query up to this passage.'),
  key: z.string().optional().describe('Progressions: the local key.'),
  cadence: z.string().optional(),
  slice: z.string().describe('The passage: its notes ("E4 D4 C4") or figures ("ii65 V7 I").'),
});

export const searchCorpus = defineTool({
  name: 'search_corpus',
  title: 'Search a corpus',
  description:
    'Find where a melody or a chord progression occurs in a corpus of many pieces, with an index (fast even over ten thousand pieces). ' +
    'Melodies: give notes ("E4 D4 C4 D4", durations optional as "C4:1"), an ABC snippet, or a passage of an imported score; ' +
    'found in any key (transposed: false for the same pitch), comparing pitch, rhythm or both, exactly or with a tolerance of edits. ' +
    'Progressions: roman numerals in any key ("ii65 V7 I", "V/V V"), optionally before a cadence. Results best first, with piece, part, measure, beat and the passage.',
  input: z.object({
    corpus: corpusNameInput,
    ...corpusQueryInput,
    limit: z.number().int().min(1).max(100).default(20).describe('Results per page.'),
    cursor: cursorInput,
  }),
  output: z.object({
    corpus: z.string(),
    kind: z.enum(['melodic', 'harmonic']),
    query: z.string().describe('The query as understood.'),
    total: z.number().int().describe('How many matches in all (at least this many when `truncated`).'),
    truncated: z.boolean().optional().describe(`true when the search stopped at ${MAX_MATCHES} matches: the query is too unselective; make it longer or stricter.`),
    results: z.array(resultOutput),
    nextCursor: nextCursorOutput,
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  async handle(input, services, call) {
    const corpus = await services.corpora.open(call.tenantId, input.corpus);
    const outcome = await runCorpusQuery(corpus, input, services, call);
    const total = outcome.matches.length;
    const truncated = total >= MAX_MATCHES;
    const page = pageOf<unknown>(outcome.matches, { cursor: input.cursor, limit: input.limit });
    const results =
      outcome.kind === 'melodic'
        ? (page.rows as typeof outcome.matches).map((match) => describeMelodicMatch(corpus, match))
        : (page.rows as typeof outcome.matches).map((match) => describeHarmonicMatch(corpus, match));
    const first = results[0];
    return {
      structured: { corpus: input.corpus, kind: outcome.kind, query: outcome.query, total, ...(truncated ? { truncated } : {}), results, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      summary: `${truncated ? 'At least ' : ''}${total} match${total === 1 ? '' : 'es'} in ${input.corpus} for ${outcome.kind === 'harmonic' ? `"${outcome.query}"` : outcome.query}${first ? `; first: ${first.pieceId} m. ${first.measure} (${first.slice})` : ''}.`,
    };
  },
});
