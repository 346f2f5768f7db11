import { z } from 'zod';
import { CadenzaError } from '../../core/errors.js';
import { READ_ONLY, defineTool } from '../define-tool.js';
import { scoreIdInput } from '../schemas.js';
import { loadScore } from '../score-ids.js';
import { REPORT_STORED, summarizeReports, type ScoreReport } from '../score-report.js';

const MAX_SCORES = 500;

const reportOutput = z.object({
  source: z.string(),
  title: z.string().optional(),
  composer: z.string().optional(),
  parts: z.number().int().optional(),
  measures: z.number().int().optional(),
  notes: z.number().int().optional(),
  key: z.string().optional(),
  keyCorrelation: z.number().optional(),
  harmonies: z.number().int().optional(),
  figures: z.record(z.string(), z.number()).optional(),
  cadences: z.record(z.string(), z.number()).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const analyzeCorpus = defineTool({
  name: 'analyze_corpus',
  title: 'Analyse a corpus',
  description:
    'Analyse many scores at once — the bundled corpus (corpus: true, optionally only ids containing `filter`, e.g. "bach/") ' +
    'and/or your imported scores (ids) — and summarise them: per score its key, size, roman-numeral vocabulary and cadences; ' +
    'overall the key distribution, major/minor split, most frequent figures and cadence counts. Reports progress per score.',
  input: z.object({
    corpus: z.boolean().optional().describe('Include the bundled public-domain corpus.'),
    filter: z.string().max(200).optional().describe('With corpus: only corpus ids containing this text.'),
    ids: z.array(scoreIdInput).max(MAX_SCORES).optional().describe('Imported scores to include.'),
  }),
  output: z.object({
    rows: z.array(reportOutput),
    summary: z.object({
      scores: z.number().int(),
      failed: z.number().int(),
      keys: z.array(z.object({ key: z.string(), scores: z.number().int() })),
      modes: z.object({ major: z.number().int(), minor: z.number().int() }),
      vocabulary: z.array(z.object({ figure: z.string(), count: z.number().int(), share: z.number() })),
      cadences: z.record(z.string(), z.number()),
    }),
  }),
  annotations: READ_ONLY,
  scope: 'scores:read',
  task: true,
  async handle(input, services, call) {
    const corpus = input.corpus ? services.corpus.list().filter((entry) => entry.id.includes(input.filter ?? '')) : [];
    const ids = input.ids ?? [];
    const total = corpus.length + ids.length;
    if (total === 0) throw new CadenzaError('INVALID_ARGUMENT', 'Nothing to analyse: set corpus: true (and a filter that matches), or give ids.');
    if (total > MAX_SCORES) throw new CadenzaError('LIMIT_EXCEEDED', `${total} scores; one call analyses at most ${MAX_SCORES}.`);
    const rows: ScoreReport[] = [];
    const done = (row: ScoreReport) => {
      rows.push(row);
      call.progress(rows.length, total, row.source);
    };
    for (const entry of corpus) {
      const { bytes } = await services.corpus.read(entry.id);
      done(await services.work.report(`corpus:${entry.id}`, bytes, entry.format, call));
    }
    for (const id of ids) {
      const stored = await loadScore(services, call, id);
      done((await services.work.compute(REPORT_STORED, {}, [stored], call)).structured as ScoreReport);
    }
    const summary = summarizeReports(rows);
    const top = summary.keys.slice(0, 3).map((entry) => `${entry.key} (${entry.scores})`).join(', ');
    return {
      structured: {
        rows: rows.map((row) => ({ ...row, ...(row.error ? { error: { ...row.error } } : {}) })),
        summary: { ...summary, keys: [...summary.keys], vocabulary: [...summary.vocabulary], modes: { ...summary.modes } },
      },
      summary: `${summary.scores} scores analysed${summary.failed ? `, ${summary.failed} unreadable` : ''}; most common keys: ${top}; ${summary.modes.major} major, ${summary.modes.minor} minor.`,
    };
  },
});
